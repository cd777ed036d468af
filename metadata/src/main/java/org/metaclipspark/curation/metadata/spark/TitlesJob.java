package org.metaclipspark.curation.metadata.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.metaclipspark.curation.metadata.wiki.PageviewLine;
import scala.Tuple2;

/**
 * Source 4 of the vocabulary build (docs/SEMANTICS.md): sums the views of English Wikipedia titles
 * over Wikimedia hourly pageview files and writes {@code title TAB views} for every title with at
 * least {@code minViews}, by descending views, then title (code point order).
 *
 * <p>One task per file (each is gzip, not splittable) streams its lines through {@link
 * PageviewLine}; Spark sums per title with partial aggregation, so a year of files needs no more
 * memory than one. Malformed lines, a file that is not gzip and a truncated file are skipped and
 * counted, with file and line, never fatal.
 */
public final class TitlesJob {
  private TitlesJob() {}

  /**
   * What the job read, skipped and wrote.
   *
   * @param files pageview files read
   * @param report counters summed over files ({@code lines.*}, {@code file.*}) and first problems
   * @param titles lines written
   */
  public record Result(List<String> files, UnitReport.Summary report, long titles) {}

  /** Runs the job; {@code out} is a local TSV file. */
  public static Result run(SparkSession spark, List<String> pageviews, long minViews, Path out)
      throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<String> files = InputPaths.expand(jsc.hadoopConfiguration(), pageviews);
    UnitReportAccumulator reports = new UnitReportAccumulator();
    spark.sparkContext().register(reports, "pageview file reports");
    Broadcast<SerializableConfiguration> conf =
        jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));

    JavaRDD<Tuple2<String, Long>> views =
        jsc.parallelize(files, Math.max(1, files.size()))
            .flatMap(file -> new FileLines(file, conf.value().value(), reports));
    Dataset<Row> titles =
        spark
            .createDataset(views.rdd(), Encoders.tuple(Encoders.STRING(), Encoders.LONG()))
            .toDF("title", "views")
            .groupBy("title")
            .agg(sum("views").as("views"))
            .where(col("views").geq(minViews))
            .orderBy(col("views").desc(), col("title").asc());

    long lines = 0;
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (Iterator<Row> it = titles.toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        w.write(r.getString(0));
        w.write('\t');
        w.write(Long.toString(r.getLong(1)));
        w.write('\n');
        lines++;
      }
    }
    return new Result(files, UnitReport.summarize(reports.value().values(), 100), lines);
  }

  /** The counted {@code (title, views)} lines of one file; its report goes to the accumulator. */
  static final class FileLines implements Iterator<Tuple2<String, Long>> {
    private final String file;
    private final UnitReportAccumulator accumulator;
    private final UnitReport report;
    private BufferedReader reader;
    private long lineNumber;
    private Tuple2<String, Long> next;
    private boolean finished;
    // Counted in fields, added to the report once: a TreeMap update per line would dominate.
    private final long[] outcomes = new long[PageviewLine.Outcome.values().length];

    FileLines(String file, Configuration conf, UnitReportAccumulator accumulator) {
      this.file = file;
      this.accumulator = accumulator;
      this.report = new UnitReport(file);
      try {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file);
        InputStream raw = new BufferedInputStream(path.getFileSystem(conf).open(path), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
          raw.close();
          report.problem(
              "file.not_gzip",
              file
                  + " is not gzip (it starts with "
                  + (b0 < 0 ? "no bytes" : String.format("bytes 0x%02x 0x%02x", b0, b1 & 0xff))
                  + ", gzip with 0x1f 0x8b); pageview files are the .gz files Wikimedia"
                  + " publishes; skipped");
          finish();
        } else {
          reader =
              new BufferedReader(
                  new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8),
                  1 << 16);
        }
      } catch (IOException e) {
        report.problem("file.unreadable", "cannot open " + file + ": " + e + "; skipped");
        finish();
      }
    }

    private void finish() {
      if (!finished) {
        finished = true;
        try {
          if (reader != null) {
            reader.close();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        report.add("lines.read", lineNumber);
        for (PageviewLine.Outcome o : PageviewLine.Outcome.values()) {
          report.add("lines." + o.name().toLowerCase(java.util.Locale.ROOT), outcomes[o.ordinal()]);
        }
        accumulator.add(report);
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null && !finished) {
        String line;
        try {
          line = reader.readLine();
        } catch (EOFException | ZipException e) {
          report.problem(
              "file.truncated",
              file
                  + ": corrupt or truncated gzip after line "
                  + lineNumber
                  + " ("
                  + e.getMessage()
                  + "); the lines before it are counted");
          finish();
          return false;
        } catch (IOException e) {
          report.problem(
              "file.unreadable", file + ": read error after line " + lineNumber + ": " + e);
          finish();
          return false;
        }
        if (line == null) {
          finish();
          return false;
        }
        lineNumber++;
        PageviewLine parsed;
        try {
          parsed = PageviewLine.parse(line);
        } catch (IllegalArgumentException e) {
          report.problem(
              "lines.malformed",
              file
                  + ": line "
                  + lineNumber
                  + ": "
                  + e.getMessage()
                  + ": '"
                  + abbreviate(line)
                  + "'");
          continue;
        }
        PageviewLine.Outcome outcome = parsed.outcome();
        outcomes[outcome.ordinal()]++;
        if (outcome == PageviewLine.Outcome.COUNTED) {
          next = new Tuple2<>(parsed.title(), parsed.views());
        }
      }
      return next != null;
    }

    @Override
    public Tuple2<String, Long> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Tuple2<String, Long> n = next;
      next = null;
      return n;
    }

    private static String abbreviate(String line) {
      return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
  }
}
