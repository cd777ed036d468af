package org.metaclipspark.curation.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * How passes 2 and 3 commit their output as a whole: write everything, manifest last, into {@code
 * DIR.tmp}, then rename it to {@code DIR}. A directory is committed when its {@code _manifest.json}
 * exists; a {@code .tmp} directory, or one without a manifest, is a leftover of a run that died and
 * is removed before the pass runs again. On HDFS and local disks the rename is atomic. On S3 a
 * rename copies file by file, so a run killed during the commit itself can leave a partial
 * directory; rerun that pass with {@code --overwrite}.
 */
final class Commit {
  private Commit() {}

  /** Where a pass writes {@code dir} before committing it. */
  static String temporary(String dir) {
    return dir + ".tmp";
  }

  /** Whether {@code dir} holds a committed output, i.e. its manifest. */
  static boolean committed(Configuration hadoop, String dir) {
    return exists(hadoop, dir + "/" + Manifest.FILE_NAME);
  }

  static boolean exists(Configuration hadoop, String dir) {
    Path path = new Path(dir);
    try {
      return path.getFileSystem(hadoop).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Removes {@code dir} and everything under it, if it exists. */
  static void delete(Configuration hadoop, String dir) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (fs.exists(path) && !fs.delete(path, true)) {
        throw new IOException("delete returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Renames the finished {@code temporary(dir)} to {@code dir}, replacing what is there. */
  static void publish(Configuration hadoop, String dir) {
    delete(hadoop, dir);
    Path from = new Path(temporary(dir));
    Path to = new Path(dir);
    try {
      FileSystem fs = to.getFileSystem(hadoop);
      if (to.getParent() != null) {
        fs.mkdirs(to.getParent());
      }
      if (!fs.rename(from, to)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot commit " + dir + " (rename from " + from + "): " + e.getMessage(), e);
    }
  }
}
