package org.metaclipspark.curation.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.report.ReportJob;
import org.metaclipspark.curation.spark.SparkSessions;
import picocli.CommandLine.Mixin;

/** A subcommand that runs Spark: builds and validates the config first, then runs in a session. */
abstract class PassCommand implements Callable<Integer> {
  @Mixin ConfigOptions configOptions;

  /** Adds the subcommand's own flags. */
  abstract void apply(CurationConfig.Builder builder);

  abstract CurationConfig.Pass pass();

  /** Runs the pass and prints its result. */
  abstract void run(SparkSession spark, CurationConfig config, long startNanos);

  @Override
  public Integer call() {
    CurationConfig.Builder builder = configOptions.builder();
    apply(builder);
    CurationConfig config = builder.build().validateFor(pass());
    long start = System.nanoTime();
    SparkSession spark =
        SparkSessions.create(config, pass().name().toLowerCase(java.util.Locale.ROOT));
    try {
      run(spark, config, start);
    } finally {
      spark.stop();
    }
    return 0;
  }

  /**
   * Rewrites {@code OUT/report/index.html} after a pass. The pass's outputs are complete by then,
   * so a report that cannot be written is a warning, and {@code report} can write it later. With
   * {@code output.report=false} it is not written and an older page is left as it was, which the
   * console line says.
   */
  static void writeReport(SparkSession spark, CurationConfig config, String curatedDir) {
    if (!config.report()) {
      System.out.println(
          "report: not rewritten (output.report=false); an existing page describes an earlier run,"
              + " `metaclip-spark report --out DIR` rewrites it");
      return;
    }
    try {
      String page = ReportJob.run(spark, config, curatedDir);
      System.out.println("report: " + page);
    } catch (RuntimeException e) {
      System.err.println(
          "warning: the report was not written ("
              + e.getMessage()
              + "); the outputs are complete, run `metaclip-spark report --out DIR` to retry");
    }
  }

  static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
