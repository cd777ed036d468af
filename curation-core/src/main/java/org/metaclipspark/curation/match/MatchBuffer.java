package org.metaclipspark.curation.match;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Reusable scratch space that receives the {@code matchedEntryIds} of one text from {@link
 * SubstringMatcher#matchEntryIds(CharSequence, MatchBuffer)} without allocating per text.
 *
 * <p>It also holds the fixed-size token scratch space of {@link SubstringMatcher#forEachMatch(CharSequence,
 * MatchBuffer, java.util.function.IntConsumer)}.
 *
 * <p>Mutable and not thread-safe: use one buffer per thread (for example one per Spark partition).
 * It grows to the largest number of matches seen and keeps that capacity. On its first scan it
 * allocates a 512 KiB cache of recent tokens' answers, which keeps the matcher last used with it
 * reachable; scans with another matcher empty the cache first.
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
  /** Each token's word data long (see {@code SubstringMatcher.wordTable}), or {@code SubstringMatcher.NO_WORD}. */
  final long[] tokenData = new long[TOKEN_BLOCK];
  /** Between token blocks: the data of the word whose root child the scan's state is, or {@code NO_WORD}. */
  long stateData;
  /** Slots of {@link #tokenCache}, a power of two. */
  private final int cacheSlots;

  /**
   * Direct-mapped cache of the answers to recent tokens that have an inline key, 4 longs per slot
   * {@code i} at {@code [4i, 4i+3]}, allocated on first use: {@code [4i]} and {@code [4i+1]} = the
   * token's inline key (see {@code SubstringMatcher.wordTable}; {@code [4i]} = 0: empty slot),
   * {@code [4i+2]} = its word data long or {@code SubstringMatcher.NO_WORD}, {@code [4i+3]} unused.
   * The slot index comes from the token's mixed hash. An inline key holds the token's length and all
   * its chars, so a slot whose key equals the token's answers it exactly; the slots hold answers of
   * {@link #cacheOwner} only. Frequent tokens then cost a read of this small array instead of a
   * likely cache miss in the matcher's large word table.
   */
  private long[] tokenCache;

  /** The matcher whose answers {@link #tokenCache} holds. */
  private Object cacheOwner;

  /** Created once so that handing the buffer to the scan does not allocate a lambda per text. */
  final IntConsumer appender = this::add;

  /** Default slots of the token cache: 16K slots, 512 KiB, allocated on the buffer's first scan. */
  static final int DEFAULT_CACHE_SLOTS = 1 << 14;

  private MatchBuffer(int initialCapacity, int cacheSlots) {
    this.ids = new int[Math.max(initialCapacity, 4)];
    this.cacheSlots = cacheSlots;
  }

  /** Returns an empty buffer with a small initial capacity. */
  public static MatchBuffer create() {
    return new MatchBuffer(32, DEFAULT_CACHE_SLOTS);
  }

  /**
   * A buffer whose token cache has {@code cacheSlots} slots (a power of two; 0 means 1): a single
   * slot for a buffer that scans one text, and tiny caches for tests.
   */
  static MatchBuffer withCacheSlots(int cacheSlots) {
    if (Integer.bitCount(Math.max(1, cacheSlots)) != 1) {
      throw new IllegalArgumentException("cache slots must be a power of two: " + cacheSlots);
    }
    return new MatchBuffer(32, Math.max(1, cacheSlots));
  }

  /** The token cache for scans by {@code owner}, emptied if it held another matcher's answers. */
  long[] tokenCache(Object owner) {
    if (cacheOwner != owner) {
      if (tokenCache == null) {
        tokenCache = new long[4 * cacheSlots];
      } else {
        Arrays.fill(tokenCache, 0);
      }
      cacheOwner = owner;
    }
    return tokenCache;
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
