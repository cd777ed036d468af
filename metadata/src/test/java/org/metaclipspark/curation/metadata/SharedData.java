package org.metaclipspark.curation.metadata;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the metadata tests read from outside the repository: the shared test data, located by the
 * one locator ({@link org.metaclipspark.curation.testsupport.SharedData}), and Debian's WordNet.
 * Tests skip, naming what is missing, without them.
 */
public final class SharedData {
  private SharedData() {}

  /** A file under {@code shared/data/}, or a skipped test naming what is missing. */
  public static Path file(String relative) {
    return org.metaclipspark.curation.testsupport.SharedData.file(relative);
  }

  /** Debian's WordNet 3.0 ({@code apt-get install wordnet-base}), or a skipped test. */
  public static Path wordNet30() {
    Path dict = Path.of("/usr/share/wordnet");
    Assumptions.assumeTrue(
        Files.isRegularFile(dict.resolve("data.noun")),
        "WordNet 3.0 not found at /usr/share/wordnet (apt-get install wordnet-base); skipping");
    return dict;
  }
}
