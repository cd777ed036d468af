package org.metaclipspark.curation.spark;

import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.balance.Cap;
import org.metaclipspark.curation.balance.SizeTable;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * The table users pick {@code t} from (spec section 6): for many caps, {@code p(t)}, the head
 * entries and the expected curated size, from one scan of the {@code matched_entry_ids} column of
 * {@code distinct_pairs}. No draw, nothing written.
 */
public final class SizesJob {
  private SizesJob() {}

  /** The caps of {@code config}: {@code balance.t} as given, then {@code balance.p} as t. */
  public static long[] caps(SparkSession spark, CurationConfig config) {
    OutputLayout out = OutputLayout.of(config);
    return Cap.resolve(config.ts(), config.ps(), CountOutput.read(spark, out).counts()).stream()
        .mapToLong(Cap::t)
        .toArray();
  }

  /** One row per cap of {@code ts}, ascending by t, over pass 2's output under {@code config}. */
  public static List<SizeTable.Row> compute(SparkSession spark, CurationConfig config, long[] ts) {
    OutputLayout out = OutputLayout.of(config);
    SizeTable table = SizeTable.of(CountOutput.read(spark, out).counts(), ts);
    Broadcast<SizeTable> tableBroadcast =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(table);
    SizeTable.Sums sums =
        spark
            .read()
            .schema(Schemas.load(Schemas.DISTINCT_PAIRS))
            .parquet(out.distinctPairs())
            .select("matched_entry_ids")
            .javaRDD()
            .mapPartitions(
                rows -> {
                  SizeTable.Sums s = tableBroadcast.value().newSums();
                  while (rows.hasNext()) {
                    Row r = rows.next();
                    s.add(BalanceJob.entryIds(r));
                  }
                  return Collections.singletonList(s).iterator();
                })
            .fold(table.newSums(), SizeTable.Sums::merge);
    return table.rows(sums);
  }
}
