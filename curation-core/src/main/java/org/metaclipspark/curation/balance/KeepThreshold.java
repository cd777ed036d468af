package org.metaclipspark.curation.balance;

import java.io.Serializable;

/**
 * The smallest cap that keeps a pair: {@code threshold(pair)} is the least {@code t >= 1} for which
 * {@link BalancingPlan#keep} keeps it under the same counts and seed, or {@link #NEVER} for a pair
 * with no matched entry.
 *
 * <p>Why it exists: an entry's {@code entryProb} grows with {@code t} and the pair's draws do not
 * depend on {@code t}, so once a pair is kept it stays kept at every larger cap. The curated set of
 * any {@code t} is therefore exactly the pairs whose threshold is at most {@code t}; a rerun with
 * another cap selects by this number instead of drawing every pair again (the draw index of {@code
 * BalanceJob}).
 *
 * <p>Each entry's threshold is found by bisection over {@link BalancingPlan}'s own predicate, so it
 * agrees with {@code keep} to the last floating-point rounding; a first guess from {@code uniform *
 * entryCount} usually ends the search after two evaluations. Immutable and thread-safe; {@link
 * Serializable} so Spark can broadcast it. Memory: one {@code long} per entry.
 */
public final class KeepThreshold implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The threshold of a pair that no cap keeps: one with no matched entry. */
  public static final long NEVER = Long.MAX_VALUE;

  /** entryCount[entryId], a private copy. */
  private final long[] entryCount;

  private final long seed;

  private KeepThreshold(long[] entryCount, long seed) {
    this.entryCount = entryCount;
    this.seed = seed;
  }

  /**
   * The thresholds under these counts and seed.
   *
   * @param counts the count of each entry
   * @param seed the seed of every draw, as in {@link BalancingPlan#of(EntryCounts, long, long)}
   */
  public static KeepThreshold of(EntryCounts counts, long seed) {
    return new KeepThreshold(counts.toArray(), seed);
  }

  /** The seed of every draw. */
  public long seed() {
    return seed;
  }

  /**
   * The smallest {@code t} that keeps the pair, or {@link #NEVER}.
   *
   * @throws IllegalArgumentException if an entryId is outside the metadata the counts came from
   */
  public long threshold(CharSequence uuid, CharSequence text, int[] matchedEntryIds) {
    long key = StableHash.pairKey(seed, uuid, text);
    long least = NEVER;
    for (int e : matchedEntryIds) {
      BalancingPlan.checkEntryId(e, entryCount.length, uuid);
      least = Math.min(least, forEntry(entryCount[e], key, e));
    }
    return least;
  }

  /**
   * The smallest {@code t >= 1} at which entry {@code entryId} of the pair fires. It fires at
   * {@code t = max(1, entryCount)} ({@code entryProb} is 1 there), and firing is monotone in {@code
   * t}.
   */
  static long forEntry(long entryCount, long pairKey, int entryId) {
    long hi = Math.max(1, entryCount);
    long guess =
        Math.min(hi, Math.max(1, (long) (StableHash.uniform(pairKey, entryId) * entryCount) + 1));
    if (firesAt(entryCount, guess, pairKey, entryId)
        && (guess == 1 || !firesAt(entryCount, guess - 1, pairKey, entryId))) {
      return guess;
    }
    return bisect(entryCount, pairKey, entryId);
  }

  /** {@link #forEntry} without the first guess: bisection over {@code [1, max(1, entryCount)]}. */
  static long bisect(long entryCount, long pairKey, int entryId) {
    long lo = 1; // invariant: the answer is in [lo, hi], and it fires at hi
    long hi = Math.max(1, entryCount);
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (firesAt(entryCount, mid, pairKey, entryId)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return hi;
  }

  private static boolean firesAt(long entryCount, long t, long pairKey, int entryId) {
    return BalancingPlan.fires(BalancingPlan.entryProb(entryCount, t), pairKey, entryId);
  }
}
