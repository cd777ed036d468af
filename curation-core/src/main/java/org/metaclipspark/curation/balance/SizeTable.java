package org.metaclipspark.curation.balance;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The table of {@code docs/SEMANTICS.md} ("The draw") that users pick {@code t} from: for many caps
 * at once, {@code p(t)}, the head entries ({@link HeadEntries}) and the expected curated size
 * {@code sum over distinct pairs of 1 - prod(1 - entryProb[e])}, with no draw. One scan over the
 * distinct pairs fills it.
 *
 * <p>Sums are kept in 128-bit fixed point (2<sup>-52</sup> units), so they are exact integers: the
 * table is the same whatever the partitioning or the order in which partial {@link Sums} merge.
 * Each pair's keep probability is rounded to the nearest 2<sup>-52</sup>, so the expected size is
 * within {@code pairs * 2^-53} of the real-number sum.
 *
 * <p>Immutable, thread-safe and serializable (Spark broadcasts it); {@link Sums} is a mutable
 * per-task accumulator. Memory: the counts (8 bytes per entry) and the caps.
 */
public final class SizeTable implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The counts, as pass 2 wrote them. */
  private final EntryCounts counts;

  /** The caps, ascending and distinct, each at least 1. */
  private final long[] ts;

  private SizeTable(EntryCounts counts, long[] ts) {
    this.counts = counts;
    this.ts = ts;
  }

  /**
   * A table for the caps {@code ts} (any order, duplicates allowed) over these counts.
   *
   * @throws IllegalArgumentException if no cap is given or one is below 1
   */
  public static SizeTable of(EntryCounts counts, long[] ts) {
    if (ts.length == 0) {
      throw new IllegalArgumentException("give at least one t, e.g. --t 1000,20000,170000");
    }
    long[] sorted = Arrays.stream(ts).sorted().distinct().toArray();
    if (sorted[0] < 1) {
      throw new IllegalArgumentException("every t must be >= 1, got " + sorted[0]);
    }
    return new SizeTable(counts, sorted);
  }

  /** The caps of the table, ascending. */
  public long[] ts() {
    return ts.clone();
  }

  /** A new, empty accumulator for one task or one scan. */
  public Sums newSums() {
    return new Sums(ts.length);
  }

  /**
   * {@code 1 - prod(1 - entryProb[e])} of one pair under cap {@code t}: 1 when any of its entries
   * is a tail entry. The product runs in the order of {@code matchedEntryIds}.
   */
  public double keepProbability(int[] matchedEntryIds, long t) {
    if (matchedEntryIds.length == 0) {
      return 0.0;
    }
    double dropAll = 1.0;
    for (int e : matchedEntryIds) {
      long c = counts.count(e);
      if (!HeadEntries.isHead(c, t)) {
        return 1.0;
      }
      dropAll *= 1.0 - (double) t / (double) c;
    }
    return 1.0 - dropAll;
  }

  /** The rows of the table from a full scan's sums, one per cap, ascending by {@code t}. */
  public List<Row> rows(Sums sums) {
    List<Row> rows = new ArrayList<>(ts.length);
    for (int i = 0; i < ts.length; i++) {
      long t = ts[i];
      rows.add(new Row(t, counts.pOfT(t), counts.headEntries(t), sums.sums.value(i), sums.pairs));
    }
    return rows;
  }

  /**
   * One row: the cap, the tail proportion {@code p(t)}, the number of head entries, the expected
   * curated size, and the distinct pairs it was computed over.
   */
  public record Row(
      long t, double pOfT, int headEntries, double expectedCuratedPairs, long distinctPairs) {}

  /** Partial sums of one scan; {@link #merge} is exact, so order and partitioning do not matter. */
  public final class Sums implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Per cap, the sum of keep probabilities. */
    private final FixedPointSums sums;

    private long pairs;

    private Sums(int caps) {
      sums = new FixedPointSums(caps);
    }

    /** Adds one distinct pair. */
    public Sums add(int[] matchedEntryIds) {
      pairs++;
      for (int i = 0; i < ts.length; i++) {
        sums.add(i, keepProbability(matchedEntryIds, ts[i]));
      }
      return this;
    }

    /** Adds another scan's sums into these, and returns these. */
    public Sums merge(Sums other) {
      pairs += other.pairs;
      sums.merge(other.sums);
      return this;
    }
  }
}
