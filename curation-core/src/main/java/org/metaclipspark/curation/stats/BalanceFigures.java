package org.metaclipspark.curation.stats;

import java.util.Arrays;
import org.metaclipspark.curation.balance.EntryCounts;
import org.metaclipspark.curation.balance.HeadEntries;

/**
 * Pass 3's figures for one cap: how close each head entry's kept count came to {@code t}. The
 * ratios are NaN when there is no head entry.
 *
 * @param t the cap
 * @param seed the seed of the draw
 * @param curatedPairs pairs kept
 * @param headEntries the {@link HeadEntries head entries} at {@code t}
 * @param minHeadKeptOverT the smallest kept/t over the head entries
 * @param medianHeadKeptOverT the median (the upper one of an even count) kept/t
 * @param maxHeadKeptOverT the largest kept/t
 */
public record BalanceFigures(
    long t,
    long seed,
    long curatedPairs,
    int headEntries,
    double minHeadKeptOverT,
    double medianHeadKeptOverT,
    double maxHeadKeptOverT) {

  /**
   * The figures of one drawn set.
   *
   * @param counts the counts the draw used
   * @param kept the kept pairs per entry; only head entries are read
   * @param curated the kept pairs in all
   */
  public static BalanceFigures of(
      long t, long seed, EntryCounts counts, long[] kept, long curated) {
    double[] ratios = new double[counts.headEntries(t)];
    int n = 0;
    for (int e = 0; e < counts.entries(); e++) {
      if (counts.isHead(e, t)) {
        ratios[n++] = (double) kept[e] / t;
      }
    }
    Arrays.sort(ratios);
    boolean none = ratios.length == 0;
    return new BalanceFigures(
        t,
        seed,
        curated,
        ratios.length,
        none ? Double.NaN : ratios[0],
        none ? Double.NaN : ratios[ratios.length / 2],
        none ? Double.NaN : ratios[ratios.length - 1]);
  }
}
