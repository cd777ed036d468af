package org.metaclipspark.curation.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The read-only shared test data, found through {@code -Dshared.dir}; tests skip without it. */
final class SharedData {
  private SharedData() {}

  private static final Path DIR = Path.of(System.getProperty("shared.dir", "../../shared"));
  private static final String ABSENT =
      "shared test data not found at "
          + DIR.toAbsolutePath()
          + " (set -Dshared.dir=/path/to/shared); skipping tests that need it";
  private static boolean warned;

  /** Whether the shared data is there; says once on stderr when it is not. */
  static synchronized boolean present() {
    boolean present = Files.isDirectory(DIR.resolve("data"));
    if (!present && !warned) {
      System.err.println("SKIPPED: " + ABSENT);
      warned = true;
    }
    return present;
  }

  /** The shared directory, or a skipped test with the reason. */
  static Path dir() {
    Assumptions.assumeTrue(present(), ABSENT);
    return DIR;
  }
}
