/**
 * The {@code metaclip-spark} command line: {@code curate}, {@code match}, {@code count} and {@code
 * balance} run the Spark passes; {@code match-text} and {@code extract} are Spark-free tools for
 * looking at single captions and shards; {@link org.metaclipspark.curation.cli.Summaries} words
 * what the passes print when done. Names, flags and printed lines are a contract with users'
 * scripts.
 */
package org.metaclipspark.curation.cli;
