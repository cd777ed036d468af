package org.metaclipspark.curation.dedup;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.function.ToLongFunction;

/**
 * The winner rule of pass 2's dedup over one sorted run of shuffle records: records sorted by
 * {@code (high, low)} ({@link PairFingerprint}), the first record of each key wins, and its locator
 * comes out. Since the locator is the bottom of {@code low}, the first of a key is its smallest
 * locator: the pair pass 1 wrote first.
 *
 * <p>A lazy iterator over the records: O(1) memory, each record read once. Not thread-safe, as
 * iterators are not.
 *
 * @param <T> the record type; {@code high} and {@code low} read its two longs
 */
public final class FirstOfEachKey<T> implements PrimitiveIterator.OfLong {
  private final Iterator<T> sorted;
  private final ToLongFunction<T> high;
  private final ToLongFunction<T> low;
  private T pending;

  private FirstOfEachKey(Iterator<T> sorted, ToLongFunction<T> high, ToLongFunction<T> low) {
    this.sorted = sorted;
    this.high = high;
    this.low = low;
    this.pending = sorted.hasNext() ? sorted.next() : null;
  }

  /**
   * The winners' locators of {@code sorted}, records sorted by {@code (high, low)} as signed longs,
   * in that order.
   */
  public static <T> FirstOfEachKey<T> of(
      Iterator<T> sorted, ToLongFunction<T> high, ToLongFunction<T> low) {
    return new FirstOfEachKey<>(sorted, high, low);
  }

  @Override
  public boolean hasNext() {
    return pending != null;
  }

  @Override
  public long nextLong() {
    if (pending == null) {
      throw new NoSuchElementException();
    }
    long h = high.applyAsLong(pending);
    long l = low.applyAsLong(pending);
    pending = null;
    while (sorted.hasNext()) {
      T r = sorted.next();
      if (!PairFingerprint.sameKey(h, l, high.applyAsLong(r), low.applyAsLong(r))) {
        pending = r;
        break;
      }
    }
    return PairFingerprint.locator(l);
  }
}
