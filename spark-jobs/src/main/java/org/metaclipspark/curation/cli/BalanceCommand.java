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
    BalanceJob.BalanceResult r = BalanceJob.run(spark, config);
    System.out.printf(
        "balance: t=%,d seed=%d: %,d curated pairs, %,d head entries, in %.1f s -> %s%n",
        r.t(), r.seed(), r.curatedPairs(), r.headEntries(), secondsSince(start), r.output());
    writeReport(spark, config, r.output());
  }
}
