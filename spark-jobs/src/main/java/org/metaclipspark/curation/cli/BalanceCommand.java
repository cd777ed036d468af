package org.metaclipspark.curation.cli;

import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.spark.BalanceJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    description =
        "Pass 3: keep pairs by Algorithm 1 for a cap t (or tail proportion p) and a seed; reads only OUT/distinct_pairs and OUT/entry_counts.")
final class BalanceCommand extends PassCommand {
  @Mixin BalanceOptions balance;

  @Override
  void apply(CurationConfig.Builder builder) {
    balance.apply(builder);
  }

  @Override
  CurationConfig.Pass pass() {
    return CurationConfig.Pass.BALANCE;
  }

  @Override
  void run(SparkSession spark, CurationConfig config, long start) {
    String last = null;
    for (BalanceJob.BalanceResult r : BalanceJob.runAll(spark, config)) {
      System.out.print(Summaries.balance(r));
      last = r.output();
    }
    System.out.print(Summaries.balanceDone(secondsSince(start)));
    writeReport(spark, config, last);
  }
}
