package org.metaclipspark.curation.metadata;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The read-only shared test data, found through {@code -Dshared.dir}; tests skip without it. */
public final class SharedData {
  private SharedData() {}

  private static final Path DIR = Path.of(System.getProperty("shared.dir", "../../shared"));

  /** A file under {@code shared/data/}, or a skipped test naming what is missing. */
  public static Path file(String relative) {
    Path path = DIR.resolve("data").resolve(relative);
    Assumptions.assumeTrue(
        Files.exists(path),
        "shared test data "
            + path.toAbsolutePath()
            + " not found (set -Dshared.dir=/path/to/shared); skipping");
    return path;
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
