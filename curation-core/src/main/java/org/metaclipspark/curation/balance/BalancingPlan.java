package org.metaclipspark.curation.balance;

import java.io.Serializable;

/**
 * The per-entry keep probabilities of Algorithm 1 for one cap {@code t}, and the deterministic keep
 * decision for a pair.
 *
 * <p>{@code entryProb[e] = 1} if {@code entryCount[e] < t}, else {@code t / entryCount[e]}. A pair
 * is kept when some matched entry {@code e} fires, i.e. {@code StableHash.uniform(pairKey, e) <
 * entryProb[e]}; so it is kept with probability {@code 1 - prod(1 - entryProb[e])}.
 *
 * <p>Immutable and thread-safe; {@link Serializable} so Spark can broadcast it. Memory: one {@code
 * double} per entry.
 */
public final class BalancingPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  /** entryProb[entryId], in (0, 1]; 1 for every tail entry ({@code entryCount < t}). */
  private final double[] entryProb;

  private final long t;
  private final long seed;
  private final int headEntries;

  private BalancingPlan(double[] entryProb, long t, long seed, int headEntries) {
    this.entryProb = entryProb;
    this.t = t;
    this.seed = seed;
    this.headEntries = headEntries;
  }

  /**
   * Builds the plan for cap {@code t}.
   *
   * @param counts the count of each entry
   * @param t the cap, at least 1
   * @param seed the seed of every draw
   */
  public static BalancingPlan of(EntryCounts counts, long t, long seed) {
    if (t < 1) {
      throw new IllegalArgumentException(
          "balance t must be >= 1, got " + t + "; set balance.t (e.g. 20000 for a 400M pool) or p");
    }
    double[] prob = new double[counts.entries()];
    for (int e = 0; e < prob.length; e++) {
      prob[e] = entryProb(counts.count(e), t);
    }
    return new BalancingPlan(prob, t, seed, counts.headEntries(t));
  }

  /**
   * {@link #of(EntryCounts, long, long)} over {@code EntryCounts.of(entryCount)}, for callers that
   * hold the bare array, as the end-to-end tests' naive references do.
   */
  public static BalancingPlan of(long[] entryCount, long t, long seed) {
    return of(EntryCounts.of(entryCount), t, seed);
  }

  /** The cap. */
  public long t() {
    return t;
  }

  /** The seed of every draw. */
  public long seed() {
    return seed;
  }

  /** Number of entries. */
  public int entryCount() {
    return entryProb.length;
  }

  /** Number of head entries ({@link HeadEntries}: {@code entryCount >= t}). */
  public int headEntries() {
    return headEntries;
  }

  /** {@code entryProb} of one entry. */
  public double entryProb(int entryId) {
    return entryProb[entryId];
  }

  /**
   * Whether the pair {@code (uuid, text)} with these matched entries is kept. A pair with no
   * matched entry is never kept. Allocation-free.
   *
   * @throws IllegalArgumentException if an entryId is outside the metadata the counts came from
   */
  public boolean keep(CharSequence uuid, CharSequence text, int[] matchedEntryIds) {
    long key = StableHash.pairKey(seed, uuid, text);
    for (int e : matchedEntryIds) {
      checkEntryId(e, entryProb.length, uuid);
      if (fires(entryProb[e], key, e)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code entryProb} of an entry matched {@code entryCount} times at cap {@code t}: 1 for a tail
   * entry, else {@code t / entryCount}. The one formula behind {@link #keep} and {@link
   * KeepThreshold}.
   */
  static double entryProb(long entryCount, long t) {
    return HeadEntries.isHead(entryCount, t) ? (double) t / (double) entryCount : 1.0;
  }

  /** Whether entry {@code entryId} of the pair with {@code pairKey} fires at {@code entryProb}. */
  static boolean fires(double entryProb, long pairKey, int entryId) {
    return entryProb >= 1.0 || StableHash.uniform(pairKey, entryId) < entryProb;
  }

  /** Rejects a negative count; the check of {@link EntryCounts#of}. */
  static void checkCount(int entryId, long entryCount) {
    if (entryCount < 0) {
      throw new IllegalArgumentException("entryCount[" + entryId + "] is negative: " + entryCount);
    }
  }

  /** Rejects an entryId outside the metadata of the counts; shared with {@link KeepThreshold}. */
  static void checkEntryId(int entryId, int entries, CharSequence uuid) {
    if (entryId < 0 || entryId >= entries) {
      throw new IllegalArgumentException(
          "entryId "
              + entryId
              + " of pair "
              + uuid
              + " is outside the metadata's "
              + entries
              + " entries; were pass 1 and pass 2 run with another vocabulary?");
    }
  }
}
