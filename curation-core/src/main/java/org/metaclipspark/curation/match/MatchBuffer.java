package org.metaclipspark.curation.match;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Reusable scratch space that receives the {@code matchedEntryIds} of one text from {@link
 * SubstringMatcher#matchEntryIds(CharSequence, MatchBuffer)} without allocating per text.
 *
 * <p>It also holds the fixed-size token scratch space of {@link
 * SubstringMatcher#forEachMatch(CharSequence, MatchBuffer, java.util.function.IntConsumer)}.
 *
 * <p>Mutable and not thread-safe: use one buffer per thread (for example one per Spark partition).
 * It grows to the largest number of matches seen and keeps that capacity.
 */
public final class MatchBuffer {

  /** Tokens whose word lookups {@link SubstringMatcher} batches; bounds the scratch space below. */
  static final int TOKEN_BLOCK = 64;

  private int[] ids;
  private int size;
  final int[] tokenStart = new int[TOKEN_BLOCK];
  final int[] tokenLength = new int[TOKEN_BLOCK];
  final int[] tokenHash = new int[TOKEN_BLOCK];

  /** Each token's inline word table key, or 0 (see {@code SubstringMatcher.wordTable}). */
  final long[] tokenKey = new long[TOKEN_BLOCK];

  /** Each token's second inline key long. */
  final long[] tokenKey2 = new long[TOKEN_BLOCK];

  /**
   * Each token's word data long (see {@code SubstringMatcher.wordTable}), or {@code
   * SubstringMatcher.NO_WORD}.
   */
  final long[] tokenData = new long[TOKEN_BLOCK];

  /**
   * Between token blocks: the data of the word whose root child the scan's state is, or {@code
   * NO_WORD}.
   */
  long stateData;

  /** Created once so that handing the buffer to the scan does not allocate a lambda per text. */
  final IntConsumer appender = this::add;

  private MatchBuffer(int initialCapacity) {
    this.ids = new int[Math.max(initialCapacity, 4)];
  }

  /** Returns an empty buffer with a small initial capacity. */
  public static MatchBuffer create() {
    return new MatchBuffer(32);
  }

  /** Returns the number of entryIds held. */
  public int size() {
    return size;
  }

  /**
   * Returns the {@code index}-th entryId held.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, size())}
   */
  public int get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " is out of range [0, " + size + ")");
    }
    return ids[index];
  }

  /** Returns a copy of the entryIds held, in order. */
  public int[] toArray() {
    return Arrays.copyOf(ids, size);
  }

  void clear() {
    size = 0;
  }

  void add(int entryId) {
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, ids.length * 2);
    }
    ids[size++] = entryId;
  }

  /** Sorts the ids and removes repeats, in place and without allocating. */
  void sortDistinct() {
    if (size < 2) {
      return;
    }
    Arrays.sort(ids, 0, size);
    int distinct = 1;
    for (int i = 1; i < size; i++) {
      if (ids[i] != ids[distinct - 1]) {
        ids[distinct++] = ids[i];
      }
    }
    size = distinct;
  }
}
