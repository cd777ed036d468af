package org.metaclipspark.curation.dedup;

/**
 * The dedup key of a pair packed with its locator into two longs, as pass 2 shuffles it.
 *
 * <p>Definition (part of the output contract: it decides which duplicate is kept):
 *
 * <ol>
 *   <li>The key hash is MurmurHash3 x64 128 (seed 0) over the UTF-16 code units of {@code uuid},
 *       one {@code 0xFFFF} unit, then the units of {@code text}, each unit as two bytes, low byte
 *       first. Its two 64-bit halves are {@code h1} and {@code h2}.
 *   <li>{@code high = h1}; {@code low = (h2 & ~LOCATOR_MASK) | locator}: the key is {@code h1} and
 *       the top 24 bits of {@code h2}, 88 bits in all; the bottom 40 bits carry the locator.
 *   <li>The locator is the pair's global row number in pass 1's output: the data files of {@code
 *       matches/} sorted by name, rows in file order. So sorting by {@code (high, low)} groups each
 *       key and puts its smallest locator first.
 * </ol>
 *
 * <p>Collisions: two different {@code (uuid, text)} keys share the 88 bits with probability about
 * {@code n^2 / 2^89} over {@code n} distinct keys, 2.6e-6 at 40 billion. On a collision the two
 * keys count as one pair: the one with the smaller locator is kept, the other is lost with its
 * entries. Static and stateless: thread-safe.
 */
public final class PairFingerprint {
  /** Bits of the locator in {@link #low}. */
  public static final int LOCATOR_BITS = 40;

  /** The locator bits of {@link #low}. */
  public static final long LOCATOR_MASK = (1L << LOCATOR_BITS) - 1;

  /** The largest locator, about 1.1e12 rows. */
  public static final long MAX_LOCATOR = LOCATOR_MASK;

  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final char SEPARATOR = '\uFFFF';

  private PairFingerprint() {}

  /** The 128-bit MurmurHash3 of {@code (uuid, text)} as {@code {h1, h2}}; see the class comment. */
  public static long[] hash128(CharSequence uuid, CharSequence text) {
    int units = uuid.length() + 1 + text.length();
    long h1 = 0;
    long h2 = 0;
    int i = 0;
    // Eight UTF-16 units make one 16-byte block.
    for (; i + 8 <= units; i += 8) {
      long k1 = block(uuid, text, i);
      long k2 = block(uuid, text, i + 4);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27) + h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31) + h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    int rest = units - i;
    if (rest > 4) {
      h2 ^= mixK2(partial(uuid, text, i + 4, rest - 4));
    }
    if (rest > 0) {
      h1 ^= mixK1(partial(uuid, text, i, Math.min(rest, 4)));
    }
    long length = 2L * units;
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  /** The high long of a pair's shuffle record: {@code h1}. */
  public static long high(long[] hash) {
    return hash[0];
  }

  /**
   * The low long of a pair's shuffle record: the top 24 bits of {@code h2} and the locator.
   *
   * @throws IllegalArgumentException if the locator does not fit in 40 bits
   */
  public static long low(long[] hash, long locator) {
    if (locator < 0 || locator > MAX_LOCATOR) {
      throw new IllegalArgumentException(
          "locator " + locator + " is outside [0, " + MAX_LOCATOR + "]: more than 2^40 matches");
    }
    return (hash[1] & ~LOCATOR_MASK) | locator;
  }

  /** The locator carried by a low long. */
  public static long locator(long low) {
    return low & LOCATOR_MASK;
  }

  /** Whether two records hold the same 88-bit key. */
  public static boolean sameKey(long high1, long low1, long high2, long low2) {
    return high1 == high2 && (low1 & ~LOCATOR_MASK) == (low2 & ~LOCATOR_MASK);
  }

  private static char unit(CharSequence uuid, CharSequence text, int i) {
    int u = uuid.length();
    return i < u ? uuid.charAt(i) : i == u ? SEPARATOR : text.charAt(i - u - 1);
  }

  /** Four units from {@code i} as a little-endian long. */
  private static long block(CharSequence uuid, CharSequence text, int i) {
    return unit(uuid, text, i)
        | (long) unit(uuid, text, i + 1) << 16
        | (long) unit(uuid, text, i + 2) << 32
        | (long) unit(uuid, text, i + 3) << 48;
  }

  private static long partial(CharSequence uuid, CharSequence text, int i, int count) {
    long k = 0;
    for (int j = 0; j < count; j++) {
      k |= (long) unit(uuid, text, i + j) << (16 * j);
    }
    return k;
  }

  private static long mixK1(long k1) {
    k1 *= C1;
    k1 = Long.rotateLeft(k1, 31);
    return k1 * C2;
  }

  private static long mixK2(long k2) {
    k2 *= C2;
    k2 = Long.rotateLeft(k2, 33);
    return k2 * C1;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    return k ^ (k >>> 33);
  }
}
