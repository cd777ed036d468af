package org.metaclipspark.curation.spark;

import java.util.List;
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
}
