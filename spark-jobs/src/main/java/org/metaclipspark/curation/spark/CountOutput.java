package org.metaclipspark.curation.spark;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.balance.EntryCounts;

/**
 * Pass 2's committed {@code entry_counts/} as the passes read it: its manifest and the counts. The
 * one reader of that directory, for pass 3, the size table and pass 2's own reuse.
 *
 * @param manifest the manifest of {@code entry_counts/}
 * @param counts the count of each entry
 */
record CountOutput(CountManifest manifest, EntryCounts counts) {
  /**
   * Reads {@code OUT/entry_counts/}, on the driver: a Spark query and a collect of 500k rows took
   * seconds, most of a rerun.
   */
  static CountOutput read(SparkSession spark, OutputLayout out) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String dir = out.entryCounts();
    CountManifest manifest = Manifest.read(hadoop, dir, "count", CountManifest.class);
    Long entries = manifest.rowCounts() == null ? null : manifest.rowCounts().get("entry_counts");
    if (entries == null) {
      throw new IllegalStateException(
          dir + "/" + Manifest.FILE_NAME + " has no row_counts.entry_counts; rerun count");
    }
    long[] counts = new long[Math.toIntExact(entries)];
    ParquetRows.forEach(
        hadoop,
        dir,
        List.of("entry_id", "entry_count"),
        row -> {
          counts[row.getInteger("entry_id", 0)] = row.getLong("entry_count", 0);
          return true;
        });
    return new CountOutput(manifest, EntryCounts.of(counts));
  }
}
