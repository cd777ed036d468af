package org.metaclipspark.curation.cli;

import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.spark.MatchJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description =
        "Pass 1: read WAT or WARC shards, extract image-text pairs, keep those matching the metadata (OUT/matches).")
final class MatchCommand extends PassCommand {
  @Mixin InputOptions input;

  @Override
  void apply(CurationConfig.Builder builder) {
    input.apply(builder);
  }

  @Override
  CurationConfig.Pass pass() {
    return CurationConfig.Pass.MATCH;
  }

  @Override
  void run(SparkSession spark, CurationConfig config, long start) {
    MatchJob.MatchResult r = MatchJob.run(spark, config);
    System.out.print(Summaries.match(r, secondsSince(start)));
  }
}
