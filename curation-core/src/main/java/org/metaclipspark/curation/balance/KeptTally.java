package org.metaclipspark.curation.balance;

import java.io.Serializable;

/**
 * How pass 3 tallies the pairs it keeps when it draws several caps in one scan: per cap, the kept
 * pairs, and per head entry of that cap, the kept pairs that matched it. The figures of each set
 * ({@code BalanceFigures}) are read from the tally.
 *
 * <p>Layout of the sums, one {@code long[]} of {@link #slots()}: slot {@code c} for {@code c <
 * caps} is cap {@code c}'s kept pairs; after them, one slot per (cap, head entry at that cap), cap
 * by cap, entries ascending. Tail entries have no slot: every pair of tail entries only is kept,
 * and their kept counts are not reported. So a task adds its sums to a shared total with one array
 * addition.
 *
 * <p>Immutable and thread-safe; {@link Serializable} so Spark can broadcast it; the sums it fills
 * are the caller's. Memory: one {@code int} per (cap, entry).
 */
public final class KeptTally implements Serializable {
  private static final long serialVersionUID = 1L;

  /** headSlot[cap][entryId]: the entry's slot at that cap, or -1 for a tail entry. */
  private final int[][] headSlot;

  private final int slots;

  private KeptTally(int[][] headSlot, int slots) {
    this.headSlot = headSlot;
    this.slots = slots;
  }

  /** The tally of the caps {@code ts}, in that order, over {@code counts}. */
  public static KeptTally of(EntryCounts counts, long[] ts) {
    int[][] headSlot = new int[ts.length][counts.entries()];
    int slots = ts.length;
    for (int c = 0; c < ts.length; c++) {
      for (int e = 0; e < counts.entries(); e++) {
        headSlot[c][e] = counts.isHead(e, ts[c]) ? slots++ : -1;
      }
    }
    return new KeptTally(headSlot, slots);
  }

  /** The length of the sums. */
  public int slots() {
    return slots;
  }

  /** New, zeroed sums. */
  public long[] newSums() {
    return new long[slots];
  }

  /** Adds one pair that cap {@code cap} keeps, with its matched entries, to {@code sums}. */
  public void addKept(long[] sums, int cap, int[] matchedEntryIds) {
    sums[cap]++;
    int[] slot = headSlot[cap];
    for (int e : matchedEntryIds) {
      if (slot[e] >= 0) {
        sums[slot[e]]++;
      }
    }
  }

  /** The pairs cap {@code cap} kept. */
  public long curated(long[] sums, int cap) {
    return sums[cap];
  }

  /** The kept pairs per entry at cap {@code cap}, {@code kept[entryId]}; 0 for tail entries. */
  public long[] keptPerEntry(long[] sums, int cap) {
    int[] slot = headSlot[cap];
    long[] kept = new long[slot.length];
    for (int e = 0; e < slot.length; e++) {
      kept[e] = slot[e] < 0 ? 0 : sums[slot[e]];
    }
    return kept;
  }
}
