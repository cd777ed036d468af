package org.metaclipspark.curation.spark;

import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
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

  /** Runs the three passes; the config is validated for all of them before any work starts. */
  public static CurateResult run(SparkSession spark, CurationConfig config) {
    config.validateFor(CurationConfig.Pass.CURATE);
    MatchJob.MatchResult committed = committedMatch(spark, config);
    MatchJob.MatchResult match = committed != null ? committed : MatchJob.run(spark, config);
    CountJob.CountResult count = CountJob.run(spark, config);
    List<BalanceJob.BalanceResult> balance = BalanceJob.runAll(spark, config);
    return new CurateResult(match, committed != null, count, balance, OutputLayout.of(config));
  }

  /**
   * Pass 1's committed result when {@code matches/} holds a manifest for the same inputs and
   * vocabulary path, so a curate rerun after a crash in pass 2 or 3 does not redo pass 1; null when
   * pass 1 must run. Stops when the committed inputs differ, unless {@code --overwrite}.
   */
  @SuppressWarnings("unchecked")
  private static MatchJob.MatchResult committedMatch(SparkSession spark, CurationConfig config) {
    OutputLayout out = OutputLayout.of(config);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    if (config.overwrite() || !Commit.committed(hadoop, out.matches())) {
      return null;
    }
    Map<String, Object> m = Manifest.read(hadoop, out.matches(), "match");
    Object vocabulary = ((Map<String, Object>) m.get("vocabulary")).get("path");
    if (!config.inputPaths().equals(m.get("inputs")) || !config.metadataPath().equals(vocabulary)) {
      throw new IllegalStateException(
          "curate: "
              + out.matches()
              + " is committed for inputs "
              + m.get("inputs")
              + " and vocabulary "
              + vocabulary
              + ", this run asks for "
              + config.inputPaths()
              + " and "
              + config.metadataPath()
              + "; pass --overwrite to start over, or choose another --out");
    }
    Map<String, Object> totals = (Map<String, Object>) m.get("totals");
    Map<String, Long> skipped = new java.util.TreeMap<>();
    ((Map<String, Object>) totals.get("skipped"))
        .forEach((k, v) -> skipped.put(k, ((Number) v).longValue()));
    List<String> problems = new java.util.ArrayList<>();
    for (Map<String, Object> shard : (List<Map<String, Object>>) m.get("per_shard")) {
      Object p = shard.get("problems");
      if (p instanceof List<?> list) {
        list.forEach(x -> problems.add(String.valueOf(x)));
      }
    }
    Progress.say("match: committed output in %s matches this run's inputs, skipped", out.root());
    return new MatchJob.MatchResult(
        ((Number) totals.get("shards")).intValue(),
        ((Number) totals.get("records")).longValue(),
        ((Number) totals.get("records_skipped")).longValue(),
        ((Number) totals.get("image_links")).longValue(),
        ((Number) totals.get("pairs")).longValue(),
        ((Number) totals.get("pairs_matched")).longValue(),
        skipped,
        problems.subList(0, Math.min(problems.size(), 100)));
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
    if (r.matchReused()) {
      s.append("match: committed by an earlier run with the same inputs, skipped\n");
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
