package org.metaclipspark.curation.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.metadata.spark.UnitReport;
import org.metaclipspark.curation.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code metadata}: builds a vocabulary (docs/SEMANTICS.md, building the vocabulary) from WordNet,
 * Wikipedia dumps and pageview files. The subcommands run one source each, or all of them and the
 * merge.
 */
@Command(
    name = "metadata",
    mixinStandardHelpOptions = true,
    description =
        "Build the metadata (vocabulary) as MetaCLIP did: WordNet names, Wikipedia unigrams,"
            + " bigrams by PMI and titles by pageviews.",
    subcommands = {
      MetadataWordNetCommand.class,
      MetadataNgramsCommand.class,
      MetadataTitlesCommand.class,
      MetadataBuildCommand.class
    })
final class MetadataCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Spark options of the subcommands that run jobs. */
  static final class SparkOptions {
    @Option(
        names = "--master",
        paramLabel = "URL",
        description = "Spark master, e.g. local[4] or spark://host:7077 (default: local[*])")
    String master;

    @picocli.CommandLine.Mixin ConfSources sources = new ConfSources();

    SparkSession session(String name) {
      CurationConfig.Builder builder = sources.builder();
      ConfigOptions.flag(builder, ConfigKeys.SPARK_MASTER, master, "--master");
      return SparkSessions.create(builder.build(), name);
    }
  }

  /** Splits comma-separated values of repeatable options. */
  static List<String> split(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** Prints counters and the first problems of a job's report. */
  static void printReport(PrintWriter out, UnitReport.Summary report) {
    for (Map.Entry<String, Long> e : report.counters().entrySet()) {
      out.printf("  %-32s %,14d%n", e.getKey(), e.getValue());
    }
    if (!report.problems().isEmpty()) {
      out.println("first problems (skipped and counted):");
      report.problems().stream().limit(10).forEach(p -> out.println("  " + p));
    }
  }
}
