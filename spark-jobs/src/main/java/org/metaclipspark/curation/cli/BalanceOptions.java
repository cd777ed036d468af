package org.metaclipspark.curation.cli;

import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import picocli.CommandLine.Option;

/** Options of pass 3: the cap, the seed and the output format. */
final class BalanceOptions {
  @Option(
      names = "--t",
      paramLabel = "N",
      description = "cap t (20000 for a 400M pool, 170000 at 2.5B)")
  Long t;

  @Option(
      names = "--p",
      paramLabel = "X",
      description = "tail proportion in (0, 1]; t is derived from the counts")
  Double p;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "seed of the deterministic draws (default 0)")
  Long seed;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "curated output: parquet (default) or jsonl")
  String format;

  @Option(
      names = "--one-text-per-image",
      description = "MetaCLIP 2: keep one text per image before the draw")
  boolean oneTextPerImage;

  void apply(CurationConfig.Builder builder) {
    // --t and --p each replace the other's configured value, so either flag alone wins over a conf
    // file.
    if (t != null && p == null) {
      builder.set(ConfigKeys.BALANCE_P, "", "--t");
    }
    if (p != null && t == null) {
      builder.set(ConfigKeys.BALANCE_T, "", "--p");
    }
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_T, t, "--t");
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_P, p, "--p");
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_SEED, seed, "--seed");
    ConfigOptions.flag(builder, ConfigKeys.OUTPUT_FORMAT, format, "--format");
    if (oneTextPerImage) {
      builder.set(ConfigKeys.BALANCE_ONE_TEXT_PER_IMAGE, "true", "--one-text-per-image");
    }
  }
}
