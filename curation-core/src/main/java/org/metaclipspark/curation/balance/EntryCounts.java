package org.metaclipspark.curation.balance;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How many distinct pairs matched each entry: pass 2's {@code entry_counts}, and everything the
 * later rules read from it, {@link #count}, {@link #isHead}, {@link #headEntries}, {@link #pOfT}
 * and {@link #tForP}. Two words are kept apart here: an entry's <em>count</em> ({@link
 * #count(int)}), and the number of <em>entries</em> ({@link #entries()}).
 *
 * <p>One value describes one count table and holds no other state, so worldwide curation, which
 * counts per language, holds one {@code EntryCounts} per language; nothing here assumes there is
 * only one.
 *
 * <p>Immutable and thread-safe. {@link #of} copies the counts and sorts the non-zero ones once (O(n
 * log n)); then {@link #count} and {@link #isHead} are O(1), {@link #headEntries} and {@link #pOfT}
 * O(log n), {@link #tForP} O(n). Memory: three {@code long}s per entry at most. Serializable as the
 * counts alone; a deserialized copy sorts again.
 */
public final class EntryCounts implements Serializable {
  private static final long serialVersionUID = 1L;

  /** count[entryId], a private copy; every count is at least 0. */
  private final long[] count;

  /** The non-zero counts, ascending. */
  private final transient long[] sorted;

  /** tailSum[i]: the sum of sorted[0, i); tailSum[sorted.length] is the sum of all counts. */
  private final transient long[] tailSum;

  private EntryCounts(long[] count) {
    this.count = count;
    this.sorted = Arrays.stream(count).filter(c -> c > 0).sorted().toArray();
    this.tailSum = new long[sorted.length + 1];
    for (int i = 0; i < sorted.length; i++) {
      tailSum[i + 1] = tailSum[i] + sorted[i];
    }
  }

  /**
   * The counts {@code count[entryId]}, copied.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public static EntryCounts of(long[] count) {
    for (int e = 0; e < count.length; e++) {
      BalancingPlan.checkCount(e, count[e]);
    }
    return new EntryCounts(count.clone());
  }

  /** The number of entries: the metadata's size, zero counts included. */
  public int entries() {
    return count.length;
  }

  /** The count of entry {@code entryId}. */
  public long count(int entryId) {
    return count[entryId];
  }

  /** Whether entry {@code entryId} is a {@link HeadEntries head entry} at cap {@code t}. */
  public boolean isHead(int entryId, long t) {
    return HeadEntries.isHead(count[entryId], t);
  }

  /** The number of {@link HeadEntries head entries} at cap {@code t}. */
  public int headEntries(long t) {
    // Below 1, every entry is a head entry, the zeros too.
    return t < 1 ? count.length : sorted.length - firstAtLeast(t);
  }

  /** The sum of all counts: the matches over the distinct pairs. */
  public long totalMatches() {
    return tailSum[sorted.length];
  }

  /** The entries with a count above 0. */
  public int entriesMatched() {
    return sorted.length;
  }

  /**
   * The tail proportion {@code p(t)} of {@code docs/SEMANTICS.md} ("The draw"): the sum of the
   * counts of tail entries (below {@code t}) over the sum of all counts; 0 if all are 0.
   */
  public double pOfT(long t) {
    long total = totalMatches();
    long tail = t < 1 ? 0 : tailSum[firstAtLeast(t)];
    return total == 0 ? 0.0 : (double) tail / (double) total;
  }

  /**
   * MetaCLIP's {@code p_to_t}, the inverse of {@link #pOfT}: over the non-zero counts, ascending,
   * the count whose cumulative share of the sum is nearest to {@code p}, the first such count on
   * ties. Zero counts are left out: they add nothing to any share and would only offer {@code t =
   * 0}.
   *
   * @throws IllegalArgumentException if {@code p} is outside (0, 1] or every count is 0
   */
  public long tForP(double p) {
    if (!(p > 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException(
          "balance p must be in (0, 1], got " + p + "; it is the tail share, e.g. 0.1");
    }
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

  /** A copy of the counts, {@code count[entryId]}. */
  public long[] toArray() {
    return count.clone();
  }

  /** The index in {@link #sorted} of the first count at least {@code t}; its length if none. */
  private int firstAtLeast(long t) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryCounts other && Arrays.equals(count, other.count);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(count);
  }

  @Override
  public String toString() {
    return "EntryCounts[" + count.length + " entries, " + sorted.length + " matched]";
  }

  /** Serialized as the counts alone: the sorted arrays are rebuilt on arrival. */
  private Object writeReplace() {
    return new Form(count);
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.InvalidObjectException {
    throw new java.io.InvalidObjectException("EntryCounts arrives through its serialized form");
  }

  /** The serialized form of {@link EntryCounts}: its counts. */
  private record Form(long[] count) implements Serializable {
    private Object readResolve() {
      return EntryCounts.of(count);
    }
  }
}
