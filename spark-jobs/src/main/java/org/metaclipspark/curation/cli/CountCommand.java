package org.metaclipspark.curation.cli;

import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.spark.CountJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "count",
    mixinStandardHelpOptions = true,
    description =
        "Pass 2: dedup OUT/matches on (uuid, text) and count every entry (OUT/distinct_pairs, OUT/entry_counts).")
final class CountCommand extends PassCommand {
  @Option(
      names = "--t",
      paramLabel = "N",
      description = "optional: also report head entries and p(t) for this t")
  Long t;

  @Override
  void apply(CurationConfig.Builder builder) {
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_T, t, "--t");
  }

  @Override
  CurationConfig.Pass pass() {
    return CurationConfig.Pass.COUNT;
  }

  @Override
  void run(SparkSession spark, CurationConfig config, long start) {
    CountJob.CountResult r = CountJob.run(spark, config);
    System.out.print(Summaries.count(r, secondsSince(start)));
    writeReport(spark, config, null);
  }
}
