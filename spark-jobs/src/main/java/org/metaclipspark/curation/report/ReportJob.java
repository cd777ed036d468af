package org.metaclipspark.curation.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;
import org.metaclipspark.curation.balance.HeadEntries;
import org.metaclipspark.curation.balance.SizeTable;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.spark.Manifest;
import org.metaclipspark.curation.spark.OutputLayout;
import org.metaclipspark.curation.spark.Schemas;
import org.metaclipspark.curation.spark.SizesJob;

/**
 * Writes {@code OUT/report/index.html} and its charts from the outputs of the passes alone: {@code
 * entry_counts} (required), {@code matches/_manifest.json}, {@code distinct_pairs} and one curated
 * output. Which curated output: the one given, else the newest one written after the current counts
 * (an older one belongs to other counts and is not shown).
 */
public final class ReportJob {
  /** The report's directory under the output root. */
  public static final String DIR_NAME = "report";

  /** The page's file name. */
  public static final String PAGE = "index.html";

  static final String ENTRY_COUNTS_PNG = "entry_counts.png";
  static final String SIZES_PNG = "sizes.png";
  static final String P_OF_T_PNG = "p_of_t.png";

  private static final int HEAD_ROWS = 20;
  private static final int SAMPLE_ENTRIES = 3;
  private static final int SAMPLE_PAIRS = 5;
  private static final int GRID_POINTS = 40;

  private ReportJob() {}

  /**
   * Writes the report of {@code config}'s output root and returns the page's path.
   *
   * @param curatedDir the curated output to show, or null to pick the newest current one
   */
  public static String run(SparkSession spark, CurationConfig config, String curatedDir) {
    OutputLayout out = OutputLayout.of(config);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, Object> countManifest = Manifest.read(hadoop, out.entryCounts(), "count");
    Map<String, Object> matchManifest = readIfPresent(hadoop, out.matches());

    List<Row> countRows =
        spark
            .read()
            .schema(Schemas.load(Schemas.ENTRY_COUNTS))
            .parquet(out.entryCounts())
            .select("entry_id", "entry", "entry_count")
            .collectAsList();
    long[] entryCount = new long[countRows.size()];
    String[] entries = new String[countRows.size()];
    for (Row row : countRows) {
      entryCount[row.getInt(0)] = row.getLong(2);
      entries[row.getInt(0)] = row.getString(1);
    }

    String chosen =
        curatedDir != null ? curatedDir : newestCurated(hadoop, out, createdAt(countManifest));
    Map<String, Object> curatedManifest =
        chosen == null ? null : Manifest.read(hadoop, chosen, "balance");
    Long t =
        curatedManifest != null
            ? Long.valueOf(((Number) curatedManifest.get("t")).longValue())
            : config.t().orElse(null);
    Dataset<Row> shown;
    long[] kept = null;
    if (curatedManifest != null) {
      StructType schema = Schemas.load(Schemas.CURATED);
      shown =
          "jsonl".equals(curatedManifest.get("format"))
              ? spark.read().schema(schema).json(chosen)
              : spark.read().schema(schema).parquet(chosen);
      kept = perEntry(shown, entryCount.length);
    } else {
      shown =
          spark.read().schema(Schemas.load(Schemas.DISTINCT_PAIRS)).parquet(out.distinctPairs());
    }

    long maxCount = Arrays.stream(entryCount).max().orElse(0);
    List<SizeTable.Row> sizes =
        maxCount == 0 ? List.of() : SizesJob.compute(spark, config, grid(maxCount, t));
    long[] keptFinal = kept;
    List<ReportData.EntryRow> head =
        IntStream.range(0, entryCount.length)
            .filter(e -> entryCount[e] > 0)
            .boxed()
            .sorted(Comparator.comparingLong((Integer e) -> -entryCount[e]).thenComparing(e -> e))
            .limit(HEAD_ROWS)
            .map(e -> entryRow(e, entries, entryCount, keptFinal))
            .toList();
    List<ReportData.EntrySample> samples =
        samples(shown, sampleEntries(entryCount, t), entries, entryCount, kept);
    ReportData data =
        new ReportData(
            out.root(),
            entryCount,
            kept,
            t,
            chosen,
            matchManifest,
            countManifest,
            curatedManifest,
            sizes,
            head,
            samples);
    return write(hadoop, out.root() + "/" + DIR_NAME, data);
  }

  /** Writes the charts and the page into {@code dir}; returns the page's path. */
  static String write(Configuration hadoop, String dir, ReportData data) {
    List<String[]> charts = new ArrayList<>();
    try {
      if (data.entryCount().length > data.zeroEntries()) {
        put(
            hadoop,
            dir,
            ENTRY_COUNTS_PNG,
            ReportCharts.entryCounts(data.entryCount(), data.kept(), data.t()));
        charts.add(
            new String[] {
              ENTRY_COUNTS_PNG,
              "Entry counts sorted from largest to smallest (log-log), before and after balancing,"
                  + " with t marked"
            });
      }
      if (!data.sizes().isEmpty()) {
        put(hadoop, dir, SIZES_PNG, ReportCharts.sizes(data.sizes(), data.t()));
        charts.add(new String[] {SIZES_PNG, "Expected curated pairs against t, with t marked"});
        put(hadoop, dir, P_OF_T_PNG, ReportCharts.pOfT(data.sizes(), data.t()));
        charts.add(
            new String[] {P_OF_T_PNG, "p(t): the share of all matches on tail entries, t marked"});
      }
      String generated = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      put(
          hadoop,
          dir,
          PAGE,
          ReportPage.render(data, charts, generated).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the report to " + dir + ": " + e.getMessage(), e);
    }
    return dir + "/" + PAGE;
  }

  private static void put(Configuration hadoop, String dir, String name, byte[] bytes)
      throws IOException {
    Path path = new Path(dir, name);
    FileSystem fs = path.getFileSystem(hadoop);
    if (fs instanceof LocalFileSystem local) {
      fs = local.getRaw(); // no .crc files beside the page on a local disk
    }
    try (OutputStream o = fs.create(path, true)) {
      o.write(bytes);
    }
  }

  /** Caps from 1 to the largest count, log-spaced, with {@code t} among them. */
  static long[] grid(long maxCount, Long t) {
    TreeSet<Long> ts = new TreeSet<>();
    double top = Math.log(Math.max(2, maxCount));
    for (int i = 0; i < GRID_POINTS; i++) {
      ts.add(Math.max(1, Math.round(Math.exp(top * i / (GRID_POINTS - 1)))));
    }
    if (t != null) {
      ts.add(t);
    }
    return ts.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * A few head entries (the largest counts) and a few tail entries spread over the tail sorted by
   * count. Without a t, the tail is the entries matched once.
   */
  static List<int[]> sampleEntries(long[] entryCount, Long t) {
    long threshold = t == null ? 2 : t;
    Comparator<Integer> byCount =
        Comparator.comparingLong((Integer e) -> -entryCount[e]).thenComparing(e -> e);
    List<Integer> head =
        IntStream.range(0, entryCount.length)
            .filter(e -> HeadEntries.isHead(entryCount[e], threshold))
            .boxed()
            .sorted(byCount)
            .limit(SAMPLE_ENTRIES)
            .toList();
    List<Integer> tail =
        IntStream.range(0, entryCount.length)
            .filter(e -> entryCount[e] > 0 && !HeadEntries.isHead(entryCount[e], threshold))
            .boxed()
            .sorted(byCount)
            .toList();
    List<int[]> out = new ArrayList<>();
    head.forEach(e -> out.add(new int[] {0, e}));
    int k = Math.min(SAMPLE_ENTRIES, tail.size());
    for (int i = 0; i < k; i++) {
      out.add(new int[] {1, tail.get((int) ((2L * i + 1) * tail.size() / (2L * k)))});
    }
    return out;
  }

  private static List<ReportData.EntrySample> samples(
      Dataset<Row> pairs, List<int[]> chosen, String[] entries, long[] entryCount, long[] kept) {
    if (chosen.isEmpty()) {
      return List.of();
    }
    Object[] ids = chosen.stream().map(c -> (Object) c[1]).toArray();
    Map<Integer, List<ReportData.SamplePair>> byEntry = new TreeMap<>();
    for (Row row :
        pairs
            .select(col("uuid"), col("url"), col("text"), explode(col("matched_entry_ids")).as("e"))
            .filter(col("e").isin(ids))
            .withColumn(
                "rank",
                row_number()
                    .over(
                        Window.partitionBy("e")
                            .orderBy(xxhash64(col("uuid"), col("text")), col("uuid"), col("text"))))
            .filter(col("rank").leq(SAMPLE_PAIRS))
            .orderBy(col("e"), col("rank"))
            .collectAsList()) {
      byEntry
          .computeIfAbsent(row.getInt(3), e -> new ArrayList<>())
          .add(new ReportData.SamplePair(row.getString(2), row.getString(1)));
    }
    List<ReportData.EntrySample> out = new ArrayList<>();
    for (int[] c : chosen) {
      out.add(
          new ReportData.EntrySample(
              c[0] == 0 ? "head" : "tail",
              entryRow(c[1], entries, entryCount, kept),
              byEntry.getOrDefault(c[1], List.of())));
    }
    return out;
  }

  private static ReportData.EntryRow entryRow(
      int e, String[] entries, long[] entryCount, long[] kept) {
    return new ReportData.EntryRow(e, entries[e], entryCount[e], kept == null ? -1 : kept[e]);
  }

  private static long[] perEntry(Dataset<Row> pairs, int entries) {
    long[] counts = new long[entries];
    for (Row row :
        pairs
            .select(explode(col("matched_entry_ids")).as("entry_id"))
            .groupBy("entry_id")
            .count()
            .collectAsList()) {
      counts[row.getInt(0)] = row.getLong(1);
    }
    return counts;
  }

  /** The newest curated output written at or after {@code countsCreated}, or null. */
  private static String newestCurated(
      Configuration hadoop, OutputLayout out, Instant countsCreated) {
    Path root = new Path(out.root(), "curated");
    String best = null;
    Instant bestAt = null;
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      if (!fs.exists(root)) {
        return null;
      }
      for (FileStatus dir : fs.listStatus(root)) {
        String path = dir.getPath().toString();
        Map<String, Object> manifest = dir.isDirectory() ? readIfPresent(hadoop, path) : null;
        Instant at = manifest == null ? null : createdAt(manifest);
        if (at != null && !at.isBefore(countsCreated) && (bestAt == null || at.isAfter(bestAt))) {
          best = path;
          bestAt = at;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
    return best;
  }

  private static Instant createdAt(Map<String, Object> manifest) {
    Object at = manifest.get("created_at");
    return at == null ? Instant.EPOCH : Instant.parse(at.toString());
  }

  private static Map<String, Object> readIfPresent(Configuration hadoop, String dir) {
    Path path = new Path(dir, Manifest.FILE_NAME);
    try {
      if (!path.getFileSystem(hadoop).exists(path)) {
        return null;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + path + ": " + e.getMessage(), e);
    }
    return Manifest.read(hadoop, dir, "match");
  }
}
