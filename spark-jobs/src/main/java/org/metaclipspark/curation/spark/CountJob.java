package org.metaclipspark.curation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.metaclipspark.curation.balance.TailProportion;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.metadata.Metadata;

/**
 * Pass 2, count: dedup the matched pairs on {@code (uuid, text)} across all shards, keeping the one
 * from the smallest {@code (warc_filename, warc_record_offset, text_key, url, page_url)}, then
 * count each entry over the distinct pairs. Writes {@code distinct_pairs.v1} and {@code
 * entry_counts.v1} (every entry, zeros included).
 */
public final class CountJob {
  private CountJob() {}

  /** Runs pass 2 on the output of pass 1. */
  public static CountResult run(SparkSession spark, CurationConfig config) {
    config.validateFor(CurationConfig.Pass.COUNT);
    OutputLayout out = OutputLayout.of(config);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, Object> matchManifest = Manifest.read(hadoop, out.matches(), "match");
    @SuppressWarnings("unchecked")
    Map<String, Object> vocabulary = (Map<String, Object>) matchManifest.get("vocabulary");
    var distinctMode = Outputs.saveMode(out.distinctPairs(), config.overwrite(), hadoop);
    var countsMode = Outputs.saveMode(out.entryCounts(), config.overwrite(), hadoop);
    Metadata metadata = Vocabulary.load((String) vocabulary.get("path"), hadoop);
    if (!metadata.sha256().equals(vocabulary.get("sha256"))) {
      throw new IllegalStateException(
          "the metadata at "
              + vocabulary.get("path")
              + " changed since pass 1 ran (sha256 "
              + metadata.sha256()
              + ", pass 1 used "
              + vocabulary.get("sha256")
              + "); rerun match with --overwrite");
    }

    StructType schema = Schemas.load(Schemas.DISTINCT_PAIRS);
    Dataset<Row> matches =
        spark.read().schema(Schemas.load(Schemas.MATCHES)).parquet(out.matches());
    Column first =
        min(struct(
                col("warc_filename"),
                col("warc_record_offset"),
                col("text_key"),
                col("url"),
                col("page_url"),
                col("matched_entry_ids")))
            .as("first");
    List<Column> columns = new ArrayList<>();
    for (String name : schema.fieldNames()) {
      columns.add(
          name.equals("uuid") || name.equals("text") ? col(name) : col("first." + name).as(name));
    }
    Progress.say("count: dedup on (uuid, text)");
    matches
        .groupBy(col("uuid"), col("text"))
        .agg(first)
        .select(columns.toArray(Column[]::new))
        .write()
        .mode(distinctMode)
        .parquet(out.distinctPairs());

    Dataset<Row> distinct = spark.read().schema(schema).parquet(out.distinctPairs());
    long distinctPairs = distinct.count();
    long[] entryCount = countPerEntry(distinct, metadata.size());
    // Rows are built on the executors from broadcast arrays: a driver-side list of 500k rows
    // would travel inside one oversized task.
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Metadata> metadataBroadcast = jsc.broadcast(metadata);
    Broadcast<long[]> countBroadcast = jsc.broadcast(entryCount);
    JavaRDD<Row> rows =
        spark
            .range(0, entryCount.length, 1, Math.max(1, entryCount.length / 250_000))
            .javaRDD()
            .map(
                id -> {
                  int e = Math.toIntExact(id);
                  return RowFactory.create(
                      e, metadataBroadcast.value().entry(e), countBroadcast.value()[e]);
                });
    spark
        .createDataFrame(rows, Schemas.load(Schemas.ENTRY_COUNTS))
        .write()
        .mode(countsMode)
        .parquet(out.entryCounts());

    CountResult result = CountResult.of(distinctPairs, entryCount, config.t().orElse(null));
    Map<String, Object> manifest = Manifest.start("count", Schemas.ENTRY_COUNTS);
    manifest.put("inputs", List.of(out.matches()));
    manifest.put("vocabulary", vocabulary);
    manifest.put("config", config.toMap());
    manifest.put("seed", config.seed());
    manifest.put(
        "row_counts",
        Map.of("distinct_pairs", distinctPairs, "entry_counts", (long) entryCount.length));
    manifest.put("statistics", result.toMap());
    Manifest.write(hadoop, out.entryCounts(), manifest);
    Map<String, Object> distinctManifest = Manifest.start("count", Schemas.DISTINCT_PAIRS);
    distinctManifest.put("inputs", List.of(out.matches()));
    distinctManifest.put("vocabulary", vocabulary);
    distinctManifest.put("row_counts", Map.of("distinct_pairs", distinctPairs));
    Manifest.write(hadoop, out.distinctPairs(), distinctManifest);
    Progress.say(
        "count: %,d distinct pairs, %,d entries with count > 0",
        distinctPairs, result.entriesMatched());
    return result;
  }

  /** How many rows of {@code pairs} hold each entry in {@code matched_entry_ids}. */
  static long[] countPerEntry(Dataset<Row> pairs, int entries) {
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

  /** Pass 2 statistics; {@code t} is optional and only feeds the head-entry figures. */
  public record CountResult(
      long distinctPairs,
      long totalMatches,
      int entriesMatched,
      Long t,
      Integer headEntries,
      Double pOfT) {
    static CountResult of(long distinctPairs, long[] entryCount, Long t) {
      long total = 0;
      int matched = 0;
      int head = 0;
      for (long c : entryCount) {
        total += c;
        matched += c > 0 ? 1 : 0;
        head += t != null && c >= t ? 1 : 0;
      }
      return new CountResult(
          distinctPairs,
          total,
          matched,
          t,
          t == null ? null : head,
          t == null ? null : TailProportion.pOfT(entryCount, t));
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("distinct_pairs", distinctPairs);
      m.put("total_matches", totalMatches);
      m.put("entries_with_count_above_zero", entriesMatched);
      if (t != null) {
        m.put("t", t);
        m.put("head_entries", headEntries);
        m.put("p_of_t", pOfT);
      }
      return m;
    }
  }
}
