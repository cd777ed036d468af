package org.metaclipspark.curation.balance;

/**
 * The documented 64-bit hash behind every random decision of the pipeline.
 *
 * <p>Definition (part of the output contract, {@code docs/SEMANTICS.md}, "The draw").
 * <strong>Changing it changes every curated set</strong>: the same data, {@code t} and seed would
 * keep other pairs, and runs before and after the change could no longer be compared or resumed.
 * {@code StableHashTest} pins it with fixed vectors, checked against a second implementation of
 * this definition.
 *
 * <ol>
 *   <li>{@code pairKey(seed, uuid, text)}: FNV-1a 64 over the UTF-16 code units of {@code uuid},
 *       then one {@code 0xFFFF} separator unit (never a valid text character on its own), then the
 *       UTF-16 code units of {@code text}; the FNV offset basis is first xor-ed with {@code
 *       mix64(seed)}. Each unit is folded in as two bytes, high byte first.
 *   <li>{@code uniform(pairKey, entryId)}: {@code mix64(pairKey ^ mix64(entryId + 1))}, top 53
 *       bits, times 2<sup>-53</sup>: a double in [0, 1).
 * </ol>
 *
 * <p>{@code mix64} is the SplitMix64 finalizer (Steele, Lea and Flood 2014), so nearby keys give
 * unrelated draws. Static and stateless: thread-safe.
 */
public final class StableHash {
  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final char SEPARATOR = '\uFFFF';
  private static final double UNIT = 0x1.0p-53;

  private StableHash() {}

  /** SplitMix64's finalizer: a bijective mix of all 64 bits. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The stable key of one pair under one seed; see the class comment for the definition. */
  public static long pairKey(long seed, CharSequence uuid, CharSequence text) {
    long h = FNV_OFFSET_BASIS ^ mix64(seed);
    h = fold(h, uuid);
    h = foldUnit(h, SEPARATOR);
    return fold(h, text);
  }

  /** A uniform double in [0, 1) for entry {@code entryId} of the pair with key {@code pairKey}. */
  public static double uniform(long pairKey, int entryId) {
    return (mix64(pairKey ^ mix64(entryId + 1L)) >>> 11) * UNIT;
  }

  private static long fold(long h, CharSequence s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      h = foldUnit(h, s.charAt(i));
    }
    return h;
  }

  private static long foldUnit(long h, char c) {
    h = (h ^ (c >>> 8)) * FNV_PRIME;
    return (h ^ (c & 0xFF)) * FNV_PRIME;
  }
}
