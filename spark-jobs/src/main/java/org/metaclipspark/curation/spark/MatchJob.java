package org.metaclipspark.curation.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.wat.WatReaderOptions;

/**
 * Pass 1, match: WAT shards in, every image-text pair whose text matches at least one entry out
 * ({@code matches.v1}), with per-shard accounting in the manifest. One Spark task per shard; the
 * compiled automaton is broadcast once.
 */
public final class MatchJob {
  private MatchJob() {}

  /** Runs pass 1 and returns its accounting. */
  public static MatchResult run(SparkSession spark, CurationConfig config) {
    config.validateFor(CurationConfig.Pass.MATCH);
    OutputLayout out = OutputLayout.of(config);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    var saveMode = Outputs.saveMode(out.matches(), config.overwrite(), hadoop);

    List<String> shards = ShardInputs.resolve(config.inputPaths(), config.inputPrefix(), hadoop);
    Progress.say("match: %,d shard(s)", shards.size());
    long start = System.nanoTime();
    Metadata metadata = Vocabulary.load(config.metadataPath(), hadoop);
    SubstringMatcher matcher = SubstringMatcher.compile(metadata);
    Progress.say(
        "match: metadata %s: %,d entries (%,d duplicates, %,d empty), automaton %,d bytes, built in %.1f s",
        metadata.source(),
        metadata.size(),
        metadata.duplicateCount(),
        metadata.emptyCount(),
        matcher.ramBytesUsed(),
        (System.nanoTime() - start) / 1e9);

    Broadcast<SubstringMatcher> matcherBroadcast = jsc.broadcast(matcher);
    Broadcast<SerializableConfiguration> hadoopBroadcast =
        jsc.broadcast(new SerializableConfiguration(hadoop));
    WatReaderOptions options =
        WatReaderOptions.defaults()
            .withMaxRecordBytes(config.maxRecordBytes())
            .withParseAllPayloads(config.validateAllPayloads());
    ShardReportAccumulator reports = new ShardReportAccumulator();
    spark.sparkContext().register(reports, "shard reports");
    ShardProgress progress = ShardProgress.register(spark);

    int attempts = maxTaskAttempts(spark);
    JavaRDD<Row> rows =
        jsc.parallelize(shards, Math.max(1, shards.size()))
            .mapPartitions(
                it ->
                    it.hasNext()
                        ? new ShardMatcher(
                            it.next(),
                            hadoopBroadcast.value().value(),
                            options,
                            matcherBroadcast.value(),
                            reports,
                            progress,
                            attempts)
                        : java.util.Collections.emptyIterator());
    spark
        .createDataFrame(rows, Schemas.load(Schemas.MATCHES))
        .write()
        .mode(saveMode)
        .parquet(out.matches());

    MatchResult result = MatchResult.of(new ArrayList<>(reports.value().values()));
    Map<String, Object> manifest = Manifest.start("match", Schemas.MATCHES);
    manifest.put("inputs", config.inputPaths());
    manifest.put("shards", shards);
    manifest.put("vocabulary", Vocabulary.describe(metadata));
    manifest.put("config", config.toMap());
    manifest.put("seed", config.seed());
    manifest.put("row_counts", Map.of("matches", result.pairsMatched()));
    manifest.put("totals", result.totals());
    List<Map<String, Object>> perShard = new ArrayList<>();
    reports.value().values().forEach(r -> perShard.add(r.toMap()));
    manifest.put("per_shard", perShard);
    Manifest.write(hadoop, out.matches(), manifest);
    if (result.shards() != shards.size()) {
      throw new IllegalStateException(
          "accounting lost shards: "
              + shards.size()
              + " listed, "
              + result.shards()
              + " reported; this is a bug, please report it");
    }
    Progress.say(
        "match: %,d pairs, %,d matched, written to %s",
        result.pairs(), result.pairsMatched(), out.matches());
    return result;
  }

  /**
   * How often Spark runs a task before failing the job: {@code local[N,F]} gives F, local mode 1.
   */
  static int maxTaskAttempts(SparkSession spark) {
    String master = spark.sparkContext().master();
    java.util.regex.Matcher local =
        java.util.regex.Pattern.compile("local\\[[^,\\]]+,\\s*(\\d+)\\]").matcher(master);
    if (local.matches()) {
      return Integer.parseInt(local.group(1));
    }
    if (master.equals("local") || master.startsWith("local[")) {
      return 1;
    }
    return spark.sparkContext().conf().getInt("spark.task.maxFailures", 4);
  }

  /** Pass 1 totals over all shards. */
  public record MatchResult(
      int shards,
      long records,
      long recordsSkipped,
      long imageLinks,
      long pairs,
      long pairsMatched,
      Map<String, Long> skipped,
      List<String> problems) {
    private static final int MAX_PROBLEMS = 100;

    static MatchResult of(List<ShardReport> reports) {
      long records = 0;
      long links = 0;
      long pairs = 0;
      long matched = 0;
      Map<String, Long> skipped = new java.util.TreeMap<>();
      List<String> problems = new ArrayList<>();
      for (ShardReport r : reports) {
        records += r.records();
        if (r.stats() != null) {
          links += r.stats().imageLinks();
          pairs += r.stats().pairs();
        }
        matched += r.pairsMatched();
        r.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
        // The summary keeps the first problems only; every shard's own list is in the manifest.
        List<String> shardProblems = r.problems();
        problems.addAll(
            shardProblems.subList(
                0, Math.min(shardProblems.size(), MAX_PROBLEMS - problems.size())));
      }
      long recordsSkipped =
          skipped.entrySet().stream()
              .filter(e -> e.getKey().startsWith("record.") || e.getKey().startsWith("shard."))
              .mapToLong(Map.Entry::getValue)
              .sum();
      return new MatchResult(
          reports.size(), records, recordsSkipped, links, pairs, matched, skipped, problems);
    }

    Map<String, Object> totals() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("shards", shards);
      m.put("records", records);
      m.put("records_skipped", recordsSkipped);
      m.put("image_links", imageLinks);
      m.put("pairs", pairs);
      m.put("pairs_matched", pairsMatched);
      m.put("skipped", skipped);
      return m;
    }
  }
}
