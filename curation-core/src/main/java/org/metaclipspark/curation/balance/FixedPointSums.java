package org.metaclipspark.curation.balance;

import java.io.Serializable;

/**
 * Sums of probabilities, one per slot, kept as exact 128-bit integers of 2<sup>-52</sup> units:
 * each added value is rounded to the nearest unit once, and then every sum and merge is exact, so
 * the result is the same whatever the partitioning or the order in which partial sums merge. Used
 * by {@link SizeTable} (a slot per cap) and {@link WorldwideSizes} (a slot per language key).
 *
 * <p>Mutable and not thread-safe: one per task or scan.
 */
final class FixedPointSums implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double UNIT = 0x1p52;

  /** High and low 64 bits of each slot's sum, in 2^-52 units. */
  private final long[] hi;

  private final long[] lo;

  FixedPointSums(int slots) {
    hi = new long[slots];
    lo = new long[slots];
  }

  /** Adds {@code value} (in [0, 1]), rounded to the nearest 2^-52, to slot {@code i}. */
  void add(int i, double value) {
    addUnits(i, Math.round(value * UNIT));
  }

  /** Adds another set of sums of the same slots into these. */
  void merge(FixedPointSums other) {
    for (int i = 0; i < hi.length; i++) {
      hi[i] += other.hi[i];
      addUnits(i, other.lo[i]);
    }
  }

  /** Slot {@code i}'s sum. */
  double value(int i) {
    return toDouble(hi[i], lo[i]);
  }

  /** The exact sum of all slots. */
  double total() {
    long h = 0;
    long l = 0;
    for (int i = 0; i < hi.length; i++) {
      h += hi[i];
      long sum = l + lo[i];
      if (Long.compareUnsigned(sum, l) < 0) {
        h++;
      }
      l = sum;
    }
    return toDouble(h, l);
  }

  private void addUnits(int i, long units) {
    long sum = lo[i] + units;
    if (Long.compareUnsigned(sum, lo[i]) < 0) {
      hi[i]++;
    }
    lo[i] = sum;
  }

  private static double toDouble(long h, long l) {
    return h * 0x1p12 + ((l >>> 1) / (UNIT / 2));
  }
}
