package org.metaclipspark.curation.balance;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The expected curated size of worldwide mode (spec §8.6), one text per image: {@code sum over
 * images of the mean, over the image's distinct matched texts, of 1 - prod(1 - entryProb)}, the
 * expectation over a uniform choice of the text, so it needs no draw and no seed. Per key it is the
 * part of that sum that comes from the key's texts (an image with {@code n} matched texts adds
 * {@code 1/n} of each text's keep probability to that text's key), so the keys add up to the total.
 *
 * <p>Sums are exact ({@link FixedPointSums}, as in {@link SizeTable}): the same whatever the
 * partitioning or the order in which partial {@link Sums} merge.
 */
public final class WorldwideSizes implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> keys;

  /** The counts of each key, by key index. */
  private final EntryCounts[] counts;

  /** {@code t_k} by key index, or 0 when the key has none (no pairs). */
  private final long[] t;

  private WorldwideSizes(List<String> keys, EntryCounts[] counts, long[] t) {
    this.keys = keys;
    this.counts = counts;
    this.t = t;
  }

  /** Sizes over these keys (key index = position in {@code keys}), counts and thresholds. */
  public static WorldwideSizes of(
      List<String> keys, Map<String, EntryCounts> counts, LanguageThresholds thresholds) {
    EntryCounts[] byIndex = new EntryCounts[keys.size()];
    long[] t = new long[keys.size()];
    for (int k = 0; k < byIndex.length; k++) {
      EntryCounts c = counts.get(keys.get(k));
      byIndex[k] = c == null ? EntryCounts.of(new long[0]) : c;
      t[k] = thresholds.t(keys.get(k)).orElse(0);
    }
    return new WorldwideSizes(List.copyOf(keys), byIndex, t);
  }

  /** The keys, by key index. */
  public List<String> keys() {
    return keys;
  }

  /**
   * {@code 1 - prod(1 - entryProb[k][i])} of one text of key {@code k}: 1 when any entry is below
   * {@code t_k}; the product runs in the order of {@code matchedEntryIds}.
   */
  public double keepProbability(int k, int[] matchedEntryIds) {
    if (matchedEntryIds.length == 0) {
      return 0.0;
    }
    double dropAll = 1.0;
    for (int e : matchedEntryIds) {
      long c = counts[k].count(e);
      if (c < t[k]) {
        return 1.0;
      }
      dropAll *= 1.0 - (double) t[k] / (double) c;
    }
    return 1.0 - dropAll;
  }

  /** A new, empty accumulator. */
  public Sums newSums() {
    return new Sums(keys.size());
  }

  /** Per-key sums of one scan over images; mergeable in any order with the same result. */
  public final class Sums {
    private final FixedPointSums expected;
    private final long[] pairs;
    private final long[] images;
    private long allImages;
    private final boolean[] seen;

    private Sums(int n) {
      expected = new FixedPointSums(n);
      pairs = new long[n];
      images = new long[n];
      seen = new boolean[n];
    }

    /**
     * Adds one image: its distinct matched texts, text {@code j} of key index {@code keyOf[j]} with
     * {@code ids[j]} its matchedEntryIds (non-empty).
     */
    public void addImage(int[] keyOf, int[][] ids) {
      int n = keyOf.length;
      if (n == 0) {
        return;
      }
      allImages++;
      for (int j = 0; j < n; j++) {
        int k = keyOf[j];
        pairs[k]++;
        if (!seen[k]) {
          seen[k] = true;
          images[k]++;
        }
        expected.add(k, keepProbability(k, ids[j]) / n);
      }
      for (int j = 0; j < n; j++) {
        seen[keyOf[j]] = false;
      }
    }

    /** Adds another accumulator of the same sizes into this one. */
    public void merge(Sums other) {
      expected.merge(other.expected);
      for (int k = 0; k < pairs.length; k++) {
        pairs[k] += other.pairs[k];
        images[k] += other.images[k];
      }
      allImages += other.allImages;
    }

    /** The expected curated pairs of key index {@code k}. */
    public double expected(int k) {
      return expected.value(k);
    }

    /** The expected curated pairs over all keys: the exact sum of the keys' parts. */
    public double expectedTotal() {
      return expected.total();
    }

    /** The distinct matched pairs of key index {@code k}. */
    public long distinctPairs(int k) {
      return pairs[k];
    }

    /** The images with at least one matched text of key index {@code k}. */
    public long images(int k) {
      return images[k];
    }

    /** The images with at least one matched text. */
    public long images() {
      return allImages;
    }
  }
}
