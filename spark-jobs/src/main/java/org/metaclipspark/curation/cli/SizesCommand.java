package org.metaclipspark.curation.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.balance.SizeTable;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.spark.SizesJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "sizes",
    mixinStandardHelpOptions = true,
    description =
        "The table to pick t from: for each t, p(t), the head entries and the expected curated size, in one scan of OUT/distinct_pairs (no draw, nothing written).")
final class SizesCommand extends PassCommand {
  @Option(
      names = "--t",
      paramLabel = "N",
      split = ",",
      description = "caps, e.g. 1000,20000,170000")
  List<Long> t;

  @Option(
      names = "--p",
      paramLabel = "X",
      split = ",",
      description = "tail proportions in (0, 1], each turned into t as balance --p does")
  List<Double> p;

  @Option(
      names = "--json",
      description =
          "print a JSON array of {t, p_of_t, head_entries, expected_curated_pairs} instead")
  boolean json;

  @Override
  void apply(CurationConfig.Builder builder) {
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_T, BalanceOptions.join(t), "--t");
    ConfigOptions.flag(builder, ConfigKeys.BALANCE_P, BalanceOptions.join(p), "--p");
  }

  @Override
  CurationConfig.Pass pass() {
    return CurationConfig.Pass.SIZES;
  }

  @Override
  void run(SparkSession spark, CurationConfig config, long start) {
    List<SizeTable.Row> rows = SizesJob.compute(spark, config, SizesJob.caps(spark, config));
    if (json) {
      ObjectMapper mapper = new ObjectMapper();
      ArrayNode array = mapper.createArrayNode();
      for (SizeTable.Row r : rows) {
        array
            .addObject()
            .put("t", r.t())
            .put("p_of_t", r.pOfT())
            .put("head_entries", r.headEntries())
            .put("expected_curated_pairs", r.expectedCuratedPairs());
      }
      System.out.println(array.toString());
      return;
    }
    System.out.printf(
        "sizes over %,d distinct pairs, in %.1f s:%n",
        rows.isEmpty() ? 0 : rows.get(0).distinctPairs(), secondsSince(start));
    System.out.printf(
        "%14s %10s %14s %24s%n", "t", "p(t)", "head entries", "expected curated pairs");
    for (SizeTable.Row r : rows) {
      System.out.printf(
          "%,14d %10.6f %,14d %,24.1f%n",
          r.t(), r.pOfT(), r.headEntries(), r.expectedCuratedPairs());
    }
  }
}
