package org.metaclipspark.curation.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.metaclipspark.curation.balance.BalancingPlan;
import org.metaclipspark.curation.balance.StableHash;
import org.metaclipspark.curation.balance.TailProportion;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * Pass 3, balance: reads only the outputs of pass 2 ({@code entry_counts} and {@code
 * distinct_pairs}), so a rerun with another {@code t}, {@code p} or seed takes seconds. Keeps each
 * pair by the deterministic draw of {@link BalancingPlan} and writes {@code curated.v1} as Parquet
 * or JSON lines to {@code curated/t{T}-seed{SEED}/}.
 */
public final class BalanceJob {
  private BalanceJob() {}

  /** Runs pass 3 on the outputs of pass 2. */
  public static BalanceResult run(SparkSession spark, CurationConfig config) {
    config.validateFor(CurationConfig.Pass.BALANCE);
    OutputLayout out = OutputLayout.of(config);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, Object> countsManifest = Manifest.read(hadoop, out.entryCounts(), "count");
    long[] entryCount =
        readEntryCounts(
            spark,
            out.entryCounts(),
            ((Number) ((Map<?, ?>) countsManifest.get("row_counts")).get("entry_counts"))
                .intValue());
    long t = config.t().orElseGet(() -> TailProportion.tForP(entryCount, config.p().orElseThrow()));
    if (config.t().isEmpty()) {
      Progress.say("balance: p=%s gives t=%,d", config.p().orElseThrow(), t);
    }
    BalancingPlan plan = BalancingPlan.of(entryCount, t, config.seed());
    String target = out.curated(t, config.seed());
    var saveMode = Outputs.saveMode(target, config.overwrite(), hadoop);
    Progress.say("balance: t=%,d, seed %d, %,d head entries", t, config.seed(), plan.headEntries());

    Broadcast<BalancingPlan> planBroadcast =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(plan);
    Dataset<Row> pairs =
        spark.read().schema(Schemas.load(Schemas.DISTINCT_PAIRS)).parquet(out.distinctPairs());
    if (config.oneTextPerImage()) {
      pairs = oneTextPerImage(spark, pairs, config.seed());
    }
    Dataset<Row> kept =
        pairs.filter(
            (FilterFunction<Row>)
                row ->
                    planBroadcast.value().keep(row.getString(0), row.getString(2), entryIds(row)));
    var writer = kept.write().mode(saveMode);
    if (config.outputFormat() == CurationConfig.OutputFormat.JSONL) {
      writer.json(target);
    } else {
      writer.parquet(target);
    }

    Dataset<Row> written =
        config.outputFormat() == CurationConfig.OutputFormat.JSONL
            ? spark.read().schema(Schemas.load(Schemas.CURATED)).json(target)
            : spark.read().schema(Schemas.load(Schemas.CURATED)).parquet(target);
    long curated = written.count();
    long[] keptPerEntry = CountJob.countPerEntry(written, entryCount.length);
    BalanceResult result =
        BalanceResult.of(t, config.seed(), entryCount, keptPerEntry, curated, target);
    Map<String, Object> manifest = Manifest.start("balance", Schemas.CURATED);
    manifest.put("inputs", List.of(out.distinctPairs(), out.entryCounts()));
    manifest.put("vocabulary", countsManifest.get("vocabulary"));
    manifest.put("config", config.toMap());
    manifest.put("seed", config.seed());
    manifest.put("t", t);
    manifest.put("format", config.outputFormat().name().toLowerCase(java.util.Locale.ROOT));
    manifest.put("row_counts", Map.of("curated", curated));
    manifest.put("statistics", result.toMap());
    Manifest.write(hadoop, target, manifest);
    Progress.say("balance: %,d curated pairs written to %s", curated, target);
    return result;
  }

  static int[] entryIds(Row row) {
    List<Integer> ids = row.getList(row.fieldIndex("matched_entry_ids"));
    int[] out = new int[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.get(i);
    }
    return out;
  }

  private static long[] readEntryCounts(SparkSession spark, String dir, int entries) {
    long[] counts = new long[entries];
    for (Row row :
        spark
            .read()
            .schema(Schemas.load(Schemas.ENTRY_COUNTS))
            .parquet(dir)
            .select("entry_id", "entry_count")
            .collectAsList()) {
      counts[row.getInt(0)] = row.getLong(1);
    }
    return counts;
  }

  /** MetaCLIP 2's unit: per uuid, the text with the smallest {@code StableHash.pairKey}. */
  private static Dataset<Row> oneTextPerImage(SparkSession spark, Dataset<Row> pairs, long seed) {
    spark
        .udf()
        .register(
            "metaclip_pair_key",
            (UDF3<Long, String, String, Long>) StableHash::pairKey,
            DataTypes.LongType);
    String[] columns = pairs.columns();
    return pairs
        .withColumn("_key", callUDF("metaclip_pair_key", lit(seed), col("uuid"), col("text")))
        .withColumn(
            "_rank",
            row_number().over(Window.partitionBy("uuid").orderBy(col("_key"), col("text"))))
        .filter(col("_rank").equalTo(1))
        .select(
            Arrays.stream(columns)
                .map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
  }

  /** Pass 3 statistics: how close each head entry's kept count came to {@code t}. */
  public record BalanceResult(
      long t,
      long seed,
      long curatedPairs,
      int headEntries,
      double minHeadKeptOverT,
      double medianHeadKeptOverT,
      double maxHeadKeptOverT,
      String output) {
    static BalanceResult of(
        long t, long seed, long[] entryCount, long[] kept, long curated, String output) {
      List<Double> ratios = new ArrayList<>();
      for (int e = 0; e < entryCount.length; e++) {
        if (entryCount[e] >= t) {
          ratios.add((double) kept[e] / t);
        }
      }
      ratios.sort(Double::compare);
      double minR = ratios.isEmpty() ? Double.NaN : ratios.get(0);
      double medR = ratios.isEmpty() ? Double.NaN : ratios.get(ratios.size() / 2);
      double maxR = ratios.isEmpty() ? Double.NaN : ratios.get(ratios.size() - 1);
      return new BalanceResult(t, seed, curated, ratios.size(), minR, medR, maxR, output);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("t", t);
      m.put("seed", seed);
      m.put("curated_pairs", curatedPairs);
      m.put("head_entries", headEntries);
      if (headEntries > 0) {
        m.put(
            "head_kept_over_t",
            Map.of(
                "min", minHeadKeptOverT, "median", medianHeadKeptOverT, "max", maxHeadKeptOverT));
      }
      return m;
    }
  }
}
