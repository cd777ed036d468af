package org.metaclipspark.curation.match;

/**
 * The code points at which worldwide matching does not pad an entry (spec §8.3): Han, Thai, Lao,
 * Myanmar, Khmer and Tibetan, Python's {@code string.punctuation}, and the CJK punctuation {@code
 * ，。、；：？！“”‘’（）【】《》〈〉「」『』～—}. Kana and Hangul are not CJK-like, as in MetaCLIP 2's code.
 */
public final class CjkLike {
  /** Python's {@code string.punctuation}. */
  static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  /** The CJK punctuation of spec §8.3. */
  static final String CJK_PUNCTUATION = "，。、；：？！“”‘’（）【】《》〈〉「」『』～—";

  private CjkLike() {}

  /** Whether an entry that starts or ends with {@code codePoint} is not padded at that end. */
  public static boolean is(int codePoint) {
    return (codePoint >= 0x4E00 && codePoint <= 0x9FFF)
        || (codePoint >= 0x3400 && codePoint <= 0x4DBF)
        || (codePoint >= 0x20000 && codePoint <= 0x2A6DF)
        || (codePoint >= 0x2A700 && codePoint <= 0x2EBEF)
        || (codePoint >= 0xF900 && codePoint <= 0xFAFF)
        || (codePoint >= 0x2E80 && codePoint <= 0x2FDF)
        || (codePoint >= 0x2FF0 && codePoint <= 0x2FFF)
        || (codePoint >= 0x0E00 && codePoint <= 0x0EFF) // Thai, Lao
        || (codePoint >= 0x1000 && codePoint <= 0x109F) // Myanmar
        || (codePoint >= 0x1780 && codePoint <= 0x17FF) // Khmer
        || (codePoint >= 0x0F00 && codePoint <= 0x0FFF) // Tibetan
        || (codePoint < 0x80 && ASCII_PUNCTUATION.indexOf(codePoint) >= 0)
        || (codePoint >= 0x2000 && CJK_PUNCTUATION.indexOf(codePoint) >= 0);
  }

  /** The padded form of a non-empty entry: a space at each end whose code point is not CJK-like. */
  public static String padded(String entry) {
    boolean start = !is(entry.codePointAt(0));
    boolean end = !is(entry.codePointBefore(entry.length()));
    return (start ? " " : "") + entry + (end ? " " : "");
  }

  /** Whether both ends of a non-empty entry are padded, so that spec §3's matcher applies. */
  static boolean paddedAtBothEnds(String entry) {
    return !is(entry.codePointAt(0)) && !is(entry.codePointBefore(entry.length()));
  }
}
