package org.metaclipspark.curation.balance;

/**
 * Coarse, monotone buckets of {@link KeepThreshold} values: thresholds 1 to 15 each have their own
 * bucket, and above that every octave {@code [2^k, 2^(k+1))} is cut into eight equal buckets, so a
 * bucket is at most 1/8 of its lower end wide. Bucket numbers run from 1 to {@link #MAX_BUCKET}
 * ({@link KeepThreshold#NEVER}'s). Static, stateless.
 *
 * <p>Why: the draw index keeps, per entry, how many of its pairs fall in each bucket, so that a
 * rerun counts the pairs an entry keeps exactly by reading only the pairs of the one bucket its
 * {@code t} falls in. Any monotone bucketing would be exact; this one keeps both the table and that
 * last bucket small.
 */
public final class DrawBuckets {
  /** The bucket of {@link KeepThreshold#NEVER}, the largest there is. */
  public static final int MAX_BUCKET = 487;

  private DrawBuckets() {}

  /**
   * The bucket of threshold {@code t}; non-decreasing in {@code t}.
   *
   * @param t a threshold, at least 1
   */
  public static int of(long t) {
    if (t < 1) {
      throw new IllegalArgumentException("a keep threshold is at least 1, got " + t);
    }
    if (t < 16) {
      return (int) t;
    }
    int octave = 63 - Long.numberOfLeadingZeros(t); // >= 4
    return 16 + (octave - 4) * 8 + (int) ((t >>> (octave - 3)) & 7);
  }
}
