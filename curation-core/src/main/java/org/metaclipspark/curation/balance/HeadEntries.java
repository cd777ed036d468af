package org.metaclipspark.curation.balance;

/**
 * The one definition of a head entry: at cap {@code t}, an entry is a head entry when {@code
 * entryCount >= t}, else a tail entry. Head entries are the ones the draw caps ({@code entryProb =
 * t / entryCount}, which is 1 at {@code entryCount == t}); every pair of tail entries only is kept.
 * Pass 2's and pass 3's figures, the size table, the report and {@code p(t)} all count by it,
 * through {@link EntryCounts}. Static, stateless.
 */
public final class HeadEntries {
  private HeadEntries() {}

  /** Whether an entry matched {@code entryCount} times is a head entry at cap {@code t}. */
  public static boolean isHead(long entryCount, long t) {
    return entryCount >= t;
  }
}
