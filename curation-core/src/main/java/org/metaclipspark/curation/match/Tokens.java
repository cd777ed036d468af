package org.metaclipspark.curation.match;

import org.metaclipspark.curation.text.Spacing;

/**
 * How the matcher cuts text into tokens and hashes them; shared by the compiler, which cuts
 * entries, and the scan, which cuts texts, so that both agree by construction.
 *
 * <p>A token ends at each space, {@code \t}, {@code \n} and {@code \r}, and each of the seven
 * punctuation marks of {@link Spacing#PUNCTUATION} is a token of its own: exactly the tokens of the
 * spaced text ({@code docs/SEMANTICS.md}, "Spacing"). The hash of a token is the polynomial {@link
 * #step} over its UTF-16 code units, finished by {@link #mix}; the scan computes it incrementally,
 * the compiler and the loader with {@link #hash}. Static and stateless.
 */
final class Tokens {

  /** Token class of a UTF-16 code unit below 128 (all others are {@link #TOKEN_CHAR}). */
  static final byte TOKEN_CHAR = 0;

  /** A code unit that ends the token and is no token itself: space, tab, LF, CR. */
  static final byte SEPARATOR = 1;

  /** A code unit that ends the token and is a one-character token itself. */
  static final byte PUNCTUATION = 2;

  /**
   * {@code CHAR_CLASS[c]} for {@code c < 128}: space, tab, LF and CR separate; the seven marks
   * punctuate.
   */
  static final byte[] CHAR_CLASS = new byte[128];

  static {
    CHAR_CLASS[' '] = SEPARATOR;
    for (char c : Spacing.LINE_WHITESPACE.toCharArray()) {
      CHAR_CLASS[c] = SEPARATOR;
    }
    for (char c : Spacing.PUNCTUATION.toCharArray()) {
      CHAR_CLASS[c] = PUNCTUATION;
    }
  }

  private Tokens() {}

  /** The token class of {@code c}. */
  static byte classOf(char c) {
    return c < 128 ? CHAR_CLASS[c] : TOKEN_CHAR;
  }

  /** Folds one code unit into a token's raw hash; the raw hash of the empty token is 0. */
  static int step(int rawHash, char c) {
    return 31 * rawHash + c;
  }

  /**
   * The mixed hash of {@code s[from, from+length)}: {@link #step} over its chars, then {@link
   * #mix}.
   */
  static int hash(CharSequence s, int from, int length) {
    int raw = 0;
    for (int i = from; i < from + length; i++) {
      raw = step(raw, s.charAt(i));
    }
    return mix(raw);
  }

  /** As {@link #hash(CharSequence, int, int)} over a char array. */
  static int hash(char[] s, int from, int length) {
    int raw = 0;
    for (int i = from; i < from + length; i++) {
      raw = step(raw, s[i]);
    }
    return mix(raw);
  }

  /** Finalizes a raw hash (murmur3 fmix32) so the low bits address a table well. */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }
}
