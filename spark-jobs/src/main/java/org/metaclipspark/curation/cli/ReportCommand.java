package org.metaclipspark.curation.cli;

import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.report.ReportJob;
import org.metaclipspark.curation.spark.OutputLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Rewrite OUT/report/index.html (charts, head entries, samples, pass 1 accounting) from the"
            + " outputs alone. Shows the newest curated output of the current counts, or the one"
            + " of --t and --seed.")
final class ReportCommand extends PassCommand {
  @Option(
      names = "--t",
      paramLabel = "N",
      description = "show the curated output of this t (default: the newest)")
  Long t;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "with --t: the seed of the curated output to show (default 0)")
  long seed;

  @Override
  void apply(CurationConfig.Builder builder) {
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_T, t, "--t");
  }

  @Override
  CurationConfig.Pass pass() {
    return CurationConfig.Pass.REPORT;
  }

  @Override
  void run(SparkSession spark, CurationConfig config, long start) {
    String curated = t == null ? null : OutputLayout.of(config).curated(t, seed);
    String page = ReportJob.run(spark, config, curated);
    System.out.printf("report: %s (%.1f s)%n", page, secondsSince(start));
  }
}
