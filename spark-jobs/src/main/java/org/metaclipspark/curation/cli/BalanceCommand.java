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
      System.out.printf(
          "balance: t=%,d seed=%d: %,d curated pairs, %,d head entries%s -> %s%n",
          r.t(),
          r.seed(),
          r.curatedPairs(),
          r.headEntries(),
          r.reused() ? " (committed earlier, skipped)" : "",
          r.output());
      last = r.output();
    }
    System.out.printf("balance: done in %.1f s%n", secondsSince(start));
    writeReport(spark, config, last);
  }
}
