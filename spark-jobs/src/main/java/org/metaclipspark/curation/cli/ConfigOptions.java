package org.metaclipspark.curation.cli;

import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.config.Key;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every Spark pass takes: conf files, overrides, master and output. */
final class ConfigOptions {
  @Mixin ConfSources sources;

  @Option(
      names = "--master",
      paramLabel = "URL",
      description = "Spark master, e.g. local[4] or spark://host:7077 (default: local[*])")
  String master;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output root: matches/, distinct_pairs/, entry_counts/, curated/")
  String out;

  @Option(
      names = "--overwrite",
      description = "recompute and replace existing outputs instead of reusing committed ones")
  boolean overwrite;

  @Option(
      names = "--no-report",
      description =
          "do not rewrite OUT/report/index.html after the pass (`report` writes it later)")
  boolean noReport;

  /** Starts the config: defaults, conf files, --set in order, then these flags. */
  CurationConfig.Builder builder() {
    CurationConfig.Builder builder = sources.builder();
    flag(builder, ConfigKeys.SPARK_MASTER, master, "--master");
    flag(builder, ConfigKeys.OUTPUT_DIR, out, "--out");
    if (overwrite) {
      builder.set(ConfigKeys.OUTPUT_OVERWRITE, "true", "--overwrite");
    }
    if (noReport) {
      builder.set(ConfigKeys.OUTPUT_REPORT, "false", "--no-report");
    }
    return builder;
  }

  static void flag(CurationConfig.Builder builder, Key<?> key, Object value, String flag) {
    if (value != null) {
      builder.set(key, value.toString(), flag);
    }
  }
}
