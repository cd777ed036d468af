package org.metaclipspark.curation.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.metaclipspark.curation.config.CurationConfig;
import picocli.CommandLine.Option;

/** {@code --conf} and {@code --set}, which every subcommand that reads the config takes. */
final class ConfSources {
  @Option(
      names = "--conf",
      paramLabel = "FILE",
      description = "conf file (JSON), e.g. conf/local.json; repeatable, later files win")
  List<Path> confs = new ArrayList<>();

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "override one config key, e.g. --set balance.seed=7, or one Spark setting, e.g. --set"
              + " spark.conf.spark.executor.memory=8g (repeatable; see the README's config"
              + " reference)")
  List<String> sets = new ArrayList<>();

  /** Starts the config: defaults, then the conf files in order, then --set in order. */
  CurationConfig.Builder builder() {
    CurationConfig.Builder builder = CurationConfig.builder();
    for (Path conf : confs) {
      builder.confFile(conf);
    }
    for (String set : sets) {
      builder.set(set, "--set");
    }
    return builder;
  }
}
