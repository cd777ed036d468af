package org.metaclipspark.curation.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * How every pass commits its output, one mechanism for the whole pipeline: a directory (or, in pass
 * 1, a shard's file) counts as committed only once it is complete, and its mark of completion is
 * written last. A directory of passes 2 and 3 is committed when its {@code _manifest.json} exists.
 *
 * <ul>
 *   <li><b>File systems with an atomic rename</b> (local disk, HDFS): the pass writes into {@code
 *       DIR.tmp}, manifest last, then renames it to {@code DIR}; a crash leaves either the old
 *       committed directory, or none, plus a {@code .tmp} leftover that the next run removes.
 *   <li><b>Object stores</b> ({@code s3a://}, {@code s3://}, {@code gs://}), where a rename copies
 *       every object: the pass writes straight into {@code DIR} (on s3a through the S3A committer,
 *       see {@link Committers}, so only the files of committed task attempts appear), and the
 *       manifest, written last, is the commit. A crash leaves a directory without a manifest, which
 *       readers refuse and the next run removes. Nothing is ever renamed.
 * </ul>
 *
 * Use: {@code Commit c = Commit.start(hadoop, dir)}, write everything into {@link #writeDir()},
 * manifest last, then {@link #publish()}.
 */
final class Commit {
  private final Configuration hadoop;
  private final String dir;
  private final boolean rename;

  private Commit(Configuration hadoop, String dir, boolean rename) {
    this.hadoop = hadoop;
    this.dir = dir;
    this.rename = rename;
  }

  /**
   * Prepares to write {@code dir}: removes a leftover {@code DIR.tmp} where renames are atomic, and
   * on an object store the old {@code dir} itself, since the new output is written in its place.
   */
  static Commit start(Configuration hadoop, String dir) {
    boolean rename = renamesAtomically(hadoop, dir);
    Commit c = new Commit(hadoop, dir, rename);
    delete(hadoop, c.writeDir());
    return c;
  }

  /** Where the pass writes its files and, last, its manifest. */
  String writeDir() {
    return rename ? dir + ".tmp" : dir;
  }

  /**
   * Removes the committed {@code dir} before {@link #publish()}, for a pass whose commit mark is in
   * another directory that is published after this one; on object stores {@link #start} already
   * removed it.
   */
  void withdrawOld() {
    if (rename) {
      delete(hadoop, dir);
    }
  }

  /** Makes the written output {@code dir}: a rename where renames are atomic, else nothing. */
  void publish() {
    if (!rename) {
      return; // the manifest, written last into dir, was the commit
    }
    delete(hadoop, dir);
    Path from = new Path(writeDir());
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

  /**
   * Whether {@code fs} renames atomically, so that output is written under a temporary name and
   * renamed; false on object stores, where an object appears only once its upload completes and a
   * rename would copy it.
   */
  static boolean renamesAtomically(FileSystem fs) {
    String scheme = fs.getScheme();
    return !(scheme.equals("s3a") || scheme.equals("s3") || scheme.equals("gs"));
  }

  static boolean renamesAtomically(Configuration hadoop, String dir) {
    Path path = new Path(dir);
    try {
      return renamesAtomically(path.getFileSystem(hadoop));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the file system of " + dir, e);
    }
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
}
