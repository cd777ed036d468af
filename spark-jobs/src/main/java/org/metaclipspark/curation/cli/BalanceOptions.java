package org.metaclipspark.curation.cli;

import java.util.List;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import picocli.CommandLine.Option;

/** Options of pass 3: the cap, the seed and the output format. */
final class BalanceOptions {
  @Option(
      names = "--t",
      paramLabel = "N",
      split = ",",
      description =
          "cap t (20000 for a 400M pool, 170000 at 2.5B); a list A,B,C draws one set per t in one scan")
  List<Long> t;

  @Option(
      names = "--p",
      paramLabel = "X",
      split = ",",
      description = "tail proportion in (0, 1]; t is derived from the counts; a list works too")
  List<Double> p;

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

  static String join(List<?> values) {
    return values == null ? null : String.join(",", values.stream().map(String::valueOf).toList());
  }

  void apply(CurationConfig.Builder builder) {
    // --t and --p each replace the other's configured value, so either flag alone wins over a conf
    // file.
    if (t != null && p == null) {
      builder.set(ConfigKeys.BALANCE_P, "", "--t");
    }
    if (p != null && t == null) {
      builder.set(ConfigKeys.BALANCE_T, "", "--p");
    }
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_T, join(t), "--t");
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_P, join(p), "--p");
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_SEED, seed, "--seed");
    ConfigOptions.flag(builder, ConfigKeys.OUTPUT_FORMAT, format, "--format");
    if (oneTextPerImage) {
      builder.set(ConfigKeys.BALANCE_ONE_TEXT_PER_IMAGE, "true", "--one-text-per-image");
    }
  }
}
