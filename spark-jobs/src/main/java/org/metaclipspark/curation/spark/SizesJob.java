package org.metaclipspark.curation.spark;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.balance.SizeTable;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * The table of spec section 6 for many caps at once: for each {@code t}, {@code p(t)}, the head
 * entries and the expected curated size, from one scan of {@code distinct_pairs} (per partition a
 * {@link SizeTable.Sums}, merged exactly on the driver). Reads only the outputs of pass 2.
 */
public final class SizesJob {
  private SizesJob() {}

  /** The rows of the table for the caps {@code ts}, ascending by {@code t}. */
  public static List<SizeTable.Row> compute(SparkSession spark, CurationConfig config, long[] ts) {
    OutputLayout out = OutputLayout.of(config);
    Map<String, Object> manifest =
        Manifest.read(spark.sparkContext().hadoopConfiguration(), out.entryCounts(), "count");
    int entries =
        ((Number) ((Map<?, ?>) manifest.get("row_counts")).get("entry_counts")).intValue();
    long[] entryCount = new long[entries];
    for (Row row :
        spark
            .read()
            .schema(Schemas.load(Schemas.ENTRY_COUNTS))
            .parquet(out.entryCounts())
            .select("entry_id", "entry_count")
            .collectAsList()) {
      entryCount[row.getInt(0)] = row.getLong(1);
    }
    SizeTable table = SizeTable.of(entryCount, ts);
    Broadcast<SizeTable> tableBroadcast =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(table);
    List<SizeTable.Sums> partials =
        spark
            .read()
            .schema(Schemas.load(Schemas.DISTINCT_PAIRS))
            .parquet(out.distinctPairs())
            .select("matched_entry_ids")
            .javaRDD()
            .mapPartitions(
                rows -> {
                  SizeTable.Sums sums = tableBroadcast.value().newSums();
                  while (rows.hasNext()) {
                    sums.add(entryIds(rows.next()));
                  }
                  return Collections.singletonList(sums).iterator();
                })
            .collect();
    SizeTable.Sums total = table.newSums();
    partials.forEach(total::merge);
    return table.rows(total);
  }

  private static int[] entryIds(Row row) {
    List<Integer> ids = row.getList(0);
    int[] out = new int[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.get(i);
    }
    return out;
  }
}
