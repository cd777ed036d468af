package org.metaclipspark.curation.cli;

import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.spark.CurateJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "curate",
    mixinStandardHelpOptions = true,
    description =
        "Run all three passes: match, count, balance. Prints a summary and where the outputs are.")
final class CurateCommand extends PassCommand {
  @Mixin InputOptions input;
  @Mixin BalanceOptions balance;

  @Override
  void apply(CurationConfig.Builder builder) {
    input.apply(builder);
    balance.apply(builder);
  }

  @Override
  CurationConfig.Pass pass() {
    return CurationConfig.Pass.CURATE;
  }

  @Override
  void run(SparkSession spark, CurationConfig config, long start) {
    CurateJob.CurateResult result = CurateJob.run(spark, config);
    System.out.print(Summaries.curate(result, secondsSince(start)));
    writeReport(spark, config, result.balance().output());
  }
}
