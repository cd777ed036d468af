package org.metaclipspark.curation.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.metaclipspark.curation.config.ConfigException;

/** The rule every pass follows before writing: never replace an output unless told to. */
final class Outputs {
  private Outputs() {}

  /**
   * The save mode for {@code dir}; fails early, with the fix, if it exists and may not be replaced.
   */
  static SaveMode saveMode(String dir, boolean overwrite, Configuration hadoop) {
    if (overwrite) {
      return SaveMode.Overwrite;
    }
    Path path = new Path(dir);
    try {
      if (path.getFileSystem(hadoop).exists(path)) {
        throw new ConfigException(
            "output "
                + dir
                + " already exists; pass --overwrite to replace it, or choose another --out");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check output " + dir + ": " + e.getMessage(), e);
    }
    return SaveMode.ErrorIfExists;
  }
}
