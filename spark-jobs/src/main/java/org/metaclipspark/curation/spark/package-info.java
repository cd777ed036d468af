/**
 * The Spark passes, each a thin script over {@code curation-core}: {@link
 * org.metaclipspark.curation.spark.MatchJob} (WAT or WARC shards, told apart by content, to pairs
 * with matchedEntryIds), {@link org.metaclipspark.curation.spark.CountJob} (dedup and entryCount),
 * {@link org.metaclipspark.curation.spark.BalanceJob} (Algorithm 1) and {@link
 * org.metaclipspark.curation.spark.CurateJob} (all three). Each writes Parquet with a declared,
 * versioned schema from {@code resources/schema/} and a {@code _manifest.json} beside its data.
 */
package org.metaclipspark.curation.spark;
