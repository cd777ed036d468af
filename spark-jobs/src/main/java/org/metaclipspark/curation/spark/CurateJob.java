package org.metaclipspark.curation.spark;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.CurationConfig;

/** All three passes in one session: match, count, balance. */
public final class CurateJob {
  private CurateJob() {}

  /** What a curate run did, pass by pass. */
  public record CurateResult(
      MatchJob.MatchResult match,
      boolean matchReused,
      CountJob.CountResult count,
      List<BalanceJob.BalanceResult> balances,
      OutputLayout layout) {
    /** The curated set of the first cap. */
    public BalanceJob.BalanceResult balance() {
      return balances.get(0);
    }
  }

  /**
   * Runs the three passes; the config is validated for all of them before any work starts. Pass 1
   * resumes on its own (only shards without a committed file are read); passes 2 and 3 reuse a
   * committed result whose inputs match.
   */
  public static CurateResult run(SparkSession spark, CurationConfig config) {
    config.validateFor(CurationConfig.Pass.CURATE);
    MatchJob.MatchResult match = MatchJob.run(spark, config);
    CountJob.CountResult count = CountJob.run(spark, config);
    List<BalanceJob.BalanceResult> balance = BalanceJob.runAll(spark, config);
    boolean matchReused = match.shards() > 0 && match.resumedShards() == match.shards();
    return new CurateResult(match, matchReused, count, balance, OutputLayout.of(config));
  }

  /** The human summary of a curate run, one figure per line. */
  public static String summary(CurateResult r, double seconds) {
    StringBuilder s = new StringBuilder();
    s.append(String.format("metaclip-spark curate: done in %.1f s%n", seconds));
    line(s, "shards", r.match().shards());
    line(s, "records read", r.match().records());
    line(s, "records skipped", r.match().recordsSkipped());
    line(s, "image links", r.match().imageLinks());
    line(s, "pairs", r.match().pairs());
    line(s, "matched pairs", r.match().pairsMatched());
    line(s, "distinct pairs", r.count().distinctPairs());
    line(s, "entries with count > 0", r.count().entriesMatched());
    for (BalanceJob.BalanceResult b : r.balances()) {
      String at = r.balances().size() > 1 ? " at t=" + b.t() : "";
      line(s, "head entries at t=" + b.t(), b.headEntries());
      line(s, "curated pairs" + at, b.curatedPairs());
    }
    if (r.match().resumedShards() > 0) {
      s.append(
          String.format(
              "resumed: %,d of %,d shards were already committed%n",
              r.match().resumedShards(), r.match().shards()));
    }
    if (r.count().reused()) {
      s.append("count: committed by an earlier run with the same inputs, skipped\n");
    }
    for (BalanceJob.BalanceResult b : r.balances()) {
      if (b.reused()) {
        s.append("balance: ").append(b.output()).append(" committed earlier, skipped\n");
      }
    }
    if (!r.match().skipped().isEmpty()) {
      s.append(
          "skipped, by reason (record.*: whole records; json.*, link.*, text.*: parts of records):\n");
      for (Map.Entry<String, Long> e : r.match().skipped().entrySet()) {
        s.append(String.format("  %-28s %,12d%n", e.getKey(), e.getValue()));
      }
    }
    if (!r.match().problems().isEmpty()) {
      s.append("first problems (all are in matches/_manifest.json):\n");
      r.match().problems().stream().limit(5).forEach(p -> s.append("  ").append(p).append('\n'));
    }
    s.append("outputs:\n");
    s.append("  matches         ").append(r.layout().matches()).append('\n');
    s.append("  distinct pairs  ").append(r.layout().distinctPairs()).append('\n');
    s.append("  entry counts    ").append(r.layout().entryCounts()).append('\n');
    for (BalanceJob.BalanceResult b : r.balances()) {
      s.append("  curated         ").append(b.output()).append('\n');
    }
    return s.toString();
  }

  private static void line(StringBuilder s, String label, long value) {
    s.append(String.format("  %-28s %,12d%n", label, value));
  }
}
