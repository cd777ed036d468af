/**
 * The Spark passes, each a thin script over {@code curation-core}: {@link
 * org.metaclipspark.curation.spark.MatchJob} (WAT or WARC shards, told apart by content, to pairs
 * with matchedEntryIds), {@link org.metaclipspark.curation.spark.CountJob} (dedup and entryCount),
 * {@link org.metaclipspark.curation.spark.BalanceJob} (Algorithm 1) and {@link
 * org.metaclipspark.curation.spark.CurateJob} (all three). Each writes Parquet with a declared,
 * versioned schema from {@code resources/schema/} and a {@code _manifest.json} beside its data.
 *
 * <p>The rules of the outputs are the core's (the winner rule in {@code dedup}, the draw, the caps
 * and the kept tally in {@code balance}); here they run on Spark. Shared by the passes: {@code
 * CountOutput}, the one reader of pass 2's {@code entry_counts/}; {@code TaskTally}, the per-task
 * counting of passes 2 and 3 (a task's sums added once, when it succeeds); and {@link
 * org.metaclipspark.curation.spark.OutputConflictException}, which every pass throws for an output
 * committed from other inputs, and which the command line maps to exit code 2.
 */
package org.metaclipspark.curation.spark;
