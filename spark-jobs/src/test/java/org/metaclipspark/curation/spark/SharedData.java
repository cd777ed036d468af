package org.metaclipspark.curation.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The read-only shared test data, found through {@code -Dshared.dir}; tests skip without it. */
final class SharedData {
  private SharedData() {}

  /** The shared directory, or a skipped test with the reason. */
  static Path dir() {
    Path dir = Path.of(System.getProperty("shared.dir", "../../shared"));
    Assumptions.assumeTrue(Files.isDirectory(dir.resolve("data")),
        "shared test data not found at " + dir.toAbsolutePath()
            + " (set -Dshared.dir=/path/to/shared); skipping tests that need it");
    return dir;
  }
}
