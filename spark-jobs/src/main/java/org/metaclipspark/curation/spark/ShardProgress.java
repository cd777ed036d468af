package org.metaclipspark.curation.spark;

import java.io.Serializable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.metaclipspark.curation.wat.ShardStats;

/**
 * Pass 1's progress counters: named accumulators that each shard task adds to as it reads, which
 * {@link ConsoleProgress} turns into progress lines. Mid-shard values reach the driver with the
 * executor heartbeats and final ones with the task result, so there is no per-record driver
 * round-trip; a failed attempt's counts are dropped with it, as Spark drops any accumulator's.
 * Serializable: it travels in the task closure.
 */
public final class ShardProgress implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Accumulator names start with this; {@link ConsoleProgress} finds them by it. */
  static final String PREFIX = "metaclip.progress.";

  static final String BYTES = PREFIX + "bytes";
  static final String RECORDS = PREFIX + "records";
  static final String PAIRS = PREFIX + "pairs";
  static final String MATCHED = PREFIX + "matched";

  /** Pairs between two updates of the accumulators inside a task. */
  private static final int EVERY = 1024;

  private final LongAccumulator bytes;
  private final LongAccumulator records;
  private final LongAccumulator pairs;
  private final LongAccumulator matched;

  private ShardProgress(SparkSession spark) {
    bytes = spark.sparkContext().longAccumulator(BYTES);
    records = spark.sparkContext().longAccumulator(RECORDS);
    pairs = spark.sparkContext().longAccumulator(PAIRS);
    matched = spark.sparkContext().longAccumulator(MATCHED);
  }

  private ShardProgress() {
    bytes = null;
    records = null;
    pairs = null;
    matched = null;
  }

  /** Counters that count nothing, for running a shard outside a Spark job (tests, tools). */
  public static ShardProgress none() {
    return new ShardProgress();
  }

  /** New counters for one run of pass 1. */
  public static ShardProgress register(SparkSession spark) {
    return new ShardProgress(spark);
  }

  /** The reporter of one shard, used inside its task. */
  public Shard shard() {
    return new Shard();
  }

  /**
   * Adds one shard's progress as deltas of its live reader stats. Not thread-safe; one per task.
   */
  public final class Shard {
    private long bytesSent;
    private long recordsSent;
    private long pairsSent;
    private long matchedSent;
    private int calls;

    private Shard() {}

    /** Called once per pair read; every {@value #EVERY} calls the counters are updated. */
    public void update(ShardStats stats, long matchedPairs) {
      if (++calls >= EVERY) {
        calls = 0;
        send(stats, matchedPairs);
      }
    }

    /** Called when the shard is done (or given up), with its final stats (null if unopened). */
    public void done(ShardStats stats, long matchedPairs) {
      send(stats, matchedPairs);
    }

    private void send(ShardStats stats, long matchedPairs) {
      if (matched == null) {
        return;
      }
      if (stats != null) {
        bytes.add(stats.bytesRead() - bytesSent);
        records.add(stats.records() - recordsSent);
        pairs.add(stats.pairs() - pairsSent);
        bytesSent = stats.bytesRead();
        recordsSent = stats.records();
        pairsSent = stats.pairs();
      }
      matched.add(matchedPairs - matchedSent);
      matchedSent = matchedPairs;
    }
  }
}
