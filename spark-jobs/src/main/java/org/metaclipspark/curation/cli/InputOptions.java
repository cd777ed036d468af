package org.metaclipspark.curation.cli;

import java.util.List;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import picocli.CommandLine.Option;

/** Options of pass 1: shards and vocabulary. */
final class InputOptions {
  @Option(
      names = "--input",
      paramLabel = "PATH",
      split = ",",
      description =
          "WAT or WARC shards (told apart by content; a run may mix them): a file, directory, glob or list file (wat.paths.gz, warc.paths.gz, *.txt); local, hdfs:// or s3a://; repeatable")
  List<String> inputs;

  @Option(
      names = "--input-prefix",
      paramLabel = "PREFIX",
      description = "prefix for relative paths in list files, e.g. s3a://commoncrawl/")
  String prefix;

  @Option(
      names = "--vocab",
      paramLabel = "FILE",
      description = "metadata: a JSON array (MetaCLIP's metadata.json) or one entry per line")
  String vocab;

  void apply(CurationConfig.Builder builder) {
    if (inputs != null) {
      builder.set(ConfigKeys.INPUT_PATHS, String.join(",", inputs), "--input");
    }
    ConfigOptions.flag(builder, ConfigKeys.INPUT_PREFIX, prefix, "--input-prefix");
    ConfigOptions.flag(builder, ConfigKeys.METADATA_PATH, vocab, "--vocab");
  }
}
