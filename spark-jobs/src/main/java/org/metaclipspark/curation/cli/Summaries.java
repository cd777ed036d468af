package org.metaclipspark.curation.cli;

import java.util.Map;
import org.metaclipspark.curation.spark.BalanceJob;
import org.metaclipspark.curation.spark.CountJob;
import org.metaclipspark.curation.spark.CurateJob;
import org.metaclipspark.curation.spark.MatchJob;

/**
 * What {@code curate}, {@code match}, {@code count} and {@code balance} print when they are done:
 * the figures of the passes in words. The jobs compute the figures; only this class words them.
 */
public final class Summaries {
  private Summaries() {}

  /** {@code match}'s line, and the resumed line if shards were committed earlier. */
  public static String match(MatchJob.MatchResult r, double seconds) {
    return String.format(
            "match: %,d shards, %,d records (%,d skipped), %,d image links, %,d pairs, %,d matched"
                + " in %.1f s%n",
            r.shards(),
            r.records(),
            r.recordsSkipped(),
            r.imageLinks(),
            r.pairs(),
            r.pairsMatched(),
            seconds)
        + resumed(r);
  }

  /** {@code count}'s line; the head entries and {@code p(t)} only when a t was given. */
  public static String count(CountJob.CountResult r, double seconds) {
    return String.format(
        "count: %,d distinct pairs, %,d entries with count > 0%s in %.1f s%n",
        r.distinctPairs(),
        r.entriesMatched(),
        r.t() == null
            ? ""
            : String.format(
                ", %,d head entries at t=%,d, p(t)=%.4f", r.headEntries(), r.t(), r.pOfT()),
        seconds);
  }

  /** {@code balance}'s line for one curated set. */
  public static String balance(BalanceJob.BalanceResult r) {
    return String.format(
        "balance: t=%,d seed=%d: %,d curated pairs, %,d head entries%s -> %s%n",
        r.t(),
        r.seed(),
        r.curatedPairs(),
        r.headEntries(),
        r.reused() ? " (committed earlier, skipped)" : "",
        r.output());
  }

  /** {@code balance}'s last line. */
  public static String balanceDone(double seconds) {
    return String.format("balance: done in %.1f s%n", seconds);
  }

  /** The human summary of a curate run, one figure per line. */
  public static String curate(CurateJob.CurateResult r, double seconds) {
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
    s.append(resumed(r.match()));
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

  private static String resumed(MatchJob.MatchResult match) {
    return match.resumedShards() == 0
        ? ""
        : String.format(
            "resumed: %,d of %,d shards were already committed%n",
            match.resumedShards(), match.shards());
  }
}
