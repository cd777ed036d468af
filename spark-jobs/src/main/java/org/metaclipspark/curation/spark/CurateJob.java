package org.metaclipspark.curation.spark;

import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.CurationConfig;

/** All three passes in one session: match, count, balance. */
public final class CurateJob {
  private CurateJob() {}

  /** What a curate run did, pass by pass. */
  public record CurateResult(
      MatchJob.MatchResult match,
      CountJob.CountResult count,
      BalanceJob.BalanceResult balance,
      OutputLayout layout) {}

  /** Runs the three passes; the config is validated for all of them before any work starts. */
  public static CurateResult run(SparkSession spark, CurationConfig config) {
    config.validateFor(CurationConfig.Pass.CURATE);
    MatchJob.MatchResult match = MatchJob.run(spark, config);
    CountJob.CountResult count = CountJob.run(spark, config);
    BalanceJob.BalanceResult balance = BalanceJob.run(spark, config);
    return new CurateResult(match, count, balance, OutputLayout.of(config));
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
    line(s, "head entries at t=" + r.balance().t(), r.balance().headEntries());
    line(s, "curated pairs", r.balance().curatedPairs());
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
    s.append("  curated         ").append(r.balance().output()).append('\n');
    return s.toString();
  }

  private static void line(StringBuilder s, String label, long value) {
    s.append(String.format("  %-28s %,12d%n", label, value));
  }
}
