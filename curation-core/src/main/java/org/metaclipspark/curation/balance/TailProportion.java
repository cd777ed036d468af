package org.metaclipspark.curation.balance;

import java.util.Arrays;

/**
 * The tail proportion {@code p(t)} of {@code docs/SEMANTICS.md} ("The draw") and its inverse,
 * MetaCLIP's {@code p_to_t}.
 *
 * <p>{@code p(t)} is the share of all matches that fall on tail entries (not {@link HeadEntries
 * head entries}: {@code entryCount < t}). The inverse sorts the non-zero counts, forms their
 * cumulative share and returns the count whose share is nearest to {@code p} (the first such count
 * on ties). Zero counts are left out of the inverse: they add nothing to any share and would only
 * offer {@code t = 0}. Static, stateless.
 */
public final class TailProportion {
  private TailProportion() {}

  /** {@code p(t)}: the sum of counts below {@code t} over the sum of all counts; 0 if all are 0. */
  public static double pOfT(long[] entryCount, long t) {
    long tail = 0;
    long total = 0;
    for (long c : entryCount) {
      total += c;
      if (!HeadEntries.isHead(c, t)) {
        tail += c;
      }
    }
    return total == 0 ? 0.0 : (double) tail / (double) total;
  }

  /**
   * The cap {@code t} whose cumulative share of the sorted counts is nearest to {@code p}.
   *
   * @throws IllegalArgumentException if {@code p} is outside (0, 1] or every count is 0
   */
  public static long tForP(long[] entryCount, double p) {
    if (!(p > 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException(
          "balance p must be in (0, 1], got " + p + "; it is the tail share, e.g. 0.1");
    }
    long[] sorted = Arrays.stream(entryCount).filter(c -> c > 0).sorted().toArray();
    if (sorted.length == 0) {
      throw new IllegalArgumentException(
          "cannot derive t from p=" + p + ": no entry has a count > 0; did pass 1 match anything?");
    }
    double total = 0;
    for (long c : sorted) {
      total += c;
    }
    double cumulative = 0;
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < sorted.length; i++) {
      cumulative += sorted[i];
      double distance = Math.abs(cumulative / total - p);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return sorted[best];
  }
}
