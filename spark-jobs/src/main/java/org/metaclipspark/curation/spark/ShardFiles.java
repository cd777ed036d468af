package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * The files of pass 1 in {@code OUT/matches/}, and how a shard's output is committed.
 *
 * <h2>Layout contract (later passes rely on it)</h2>
 *
 * <ul>
 *   <li>{@code OUT/matches/} holds exactly one Parquet data file per committed shard, {@code
 *       shard-NNNNNNN.parquet}, where {@code NNNNNNN} is the shard's position (0-based, 7 digits,
 *       zero-padded) in the sorted, resolved shard list of the run ({@code shards} in {@code
 *       _run.json} and {@code _manifest.json}). A shard with no matched pair has a file with no
 *       rows, so every shard of a finished run has its file.
 *   <li>The data-file names therefore sort in the order of the shard paths sorted as strings.
 *   <li>A file holds the shard's matched pairs in the shard's file order (schema {@code
 *       matches.v1}), and its footer key-value metadata holds the shard's accounting ({@link
 *       ShardReport} as JSON under {@value #REPORT_KEY}).
 *   <li>A pair's locator is (position of its file among the data files sorted by name, its Parquet
 *       row index within the file).
 *   <li>Everything else in the directory starts with {@code _} ({@code _run.json}, {@code
 *       _manifest.json}, {@code _attempts/}) or {@code .} (checksums), so Spark's readers skip it.
 * </ul>
 *
 * <h2>Commit</h2>
 *
 * The rule of {@link Commit}, per file: a task writes the whole file, footer included, then commits
 * it: on file systems with an atomic rename (local, HDFS) it writes {@code
 * _attempts/shard-NNNNNNN.parquet.<attempt>} and renames it to its final name; on object stores
 * ({@code s3a://}, {@code s3://}, {@code gs://}) it writes the final key directly, since an object
 * appears only once its upload completes. So a file under its final name is always complete, rows
 * and accounting together, and a crash at any moment leaves either the committed file or none.
 * Attempts of one shard (retries, speculation) write the same bytes to the same final name, so
 * there is never a second file; an attempt that finds the file committed drops its own copy.
 */
public final class ShardFiles {
  /** Footer key of the shard's accounting, a {@link ShardReport} in JSON. */
  public static final String REPORT_KEY = "metaclip.shard_report";

  /** Directory of uncommitted attempts inside {@code matches/}. */
  static final String ATTEMPTS_DIR = "_attempts";

  private static final Pattern NAME = Pattern.compile("shard-(\\d{7})\\.parquet");

  private ShardFiles() {}

  /** The data-file name of the shard at {@code index} in the sorted shard list. */
  public static String fileName(int index) {
    if (index < 0 || index > 9_999_999) {
      throw new IllegalArgumentException(
          "shard index " + index + " is outside 0..9,999,999; split the crawl into runs");
    }
    return String.format(Locale.ROOT, "shard-%07d.parquet", index);
  }

  /** The shard index a data-file name stands for, or -1 if it is not a data-file name. */
  public static int index(String fileName) {
    Matcher m = NAME.matcher(fileName);
    return m.matches() ? Integer.parseInt(m.group(1)) : -1;
  }

  /** The indices of the committed shard files in {@code dir}; none if it does not exist. */
  static TreeSet<Integer> committed(String dir, Configuration hadoop) {
    Path path = new Path(dir);
    TreeSet<Integer> out = new TreeSet<>();
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      for (FileStatus s : fs.listStatus(path)) {
        int index = index(s.getPath().getName());
        if (index >= 0 && s.isFile()) {
          out.add(index);
        }
      }
    } catch (FileNotFoundException e) {
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** The accounting committed in the footer of {@code file}. */
  static ShardReport readReport(Path file, Configuration hadoop) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(file, hadoop))) {
      Map<String, String> meta = reader.getFooter().getFileMetaData().getKeyValueMetaData();
      String json = meta.get(REPORT_KEY);
      if (json == null) {
        throw new IOException(
            file
                + " has no "
                + REPORT_KEY
                + " in its footer, so it was not written by this match pass; rerun with"
                + " --overwrite");
      }
      return Manifest.mapper().readValue(json, ShardReport.class);
    }
  }

  /** The report as the JSON stored in a footer. */
  static String toJson(ShardReport report) {
    try {
      return Manifest.mapper()
          .writer()
          .without(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the accounting of " + report.shard(), e);
    }
  }
}
