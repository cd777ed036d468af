package org.metaclipspark.curation.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import picocli.CommandLine.Option;

/** Options every Spark pass takes: the conf file, overrides, master and output. */
final class ConfigOptions {
  @Option(
      names = "--conf",
      paramLabel = "FILE",
      description = "conf file (JSON), e.g. conf/local.json")
  Path conf;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "override one config key, e.g. --set balance.seed=7 (repeatable; see the README's config reference)")
  List<String> sets = new ArrayList<>();

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

  /** Starts the config: defaults, then the conf file, then --set in order. */
  CurationConfig.Builder builder() {
    CurationConfig.Builder builder = CurationConfig.builder();
    if (conf != null) {
      builder.confFile(conf);
    }
    for (String set : sets) {
      builder.set(set, "--set");
    }
    flag(builder, ConfigKeys.SPARK_MASTER, master, "--master");
    flag(builder, ConfigKeys.OUTPUT_DIR, out, "--out");
    if (overwrite) {
      builder.set(ConfigKeys.OUTPUT_OVERWRITE, "true", "--overwrite");
    }
    return builder;
  }

  static void flag(CurationConfig.Builder builder, String key, Object value, String flag) {
    if (value != null) {
      builder.set(key, value.toString(), flag);
    }
  }
}
