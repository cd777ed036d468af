package org.metaclipspark.curation.wat;

/**
 * Text cleaning with Python's definitions, so that extracted texts and image URLs equal MetaCLIP's.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextValues {

  private TextValues() {}

  /**
   * Returns whether {@code c} is whitespace for Python's {@code str.isspace()} (CPython 3.11).
   *
   * <p>The set is exactly: U+0009..U+000D, U+001C..U+001F, U+0020, U+0085, U+00A0, U+1680,
   * U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. It is Unicode White_Space plus the bidi
   * classes B, S and WS (hence the information separators U+001C..U+001F), and it differs from
   * Java's {@link Character#isWhitespace} (which excludes U+00A0, U+2007, U+202F and U+0085) and
   * from {@link String#strip()}.
   */
  public static boolean isPythonSpace(char c) {
    if (c <= 0x20) {
      return c == 0x20 || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
    }
    if (c < 0x85) {
      return false;
    }
    return c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /** Python's {@code s.strip()}: removes leading and trailing {@link #isPythonSpace} characters. */
  public static String pythonStrip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPythonSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPythonSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * Strips the ASCII whitespace browsers strip from a {@code src} attribute: space, {@code \t},
   * {@code \n}, {@code \r} and {@code \f}; the first step of making an image URL from a link's
   * {@code url}, before it is resolved against the page URL. Other characters, including U+000B and
   * U+00A0, are kept.
   */
  public static String stripAsciiWhitespace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isAsciiSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isAsciiSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * Cleans a link text as MetaCLIP does: replaces {@code \n} and {@code \r} with spaces, then
   * applies {@link #pythonStrip}. Returns the empty string when nothing remains; callers drop it.
   */
  public static String cleanText(String raw) {
    String s = raw;
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      s = s.replace('\n', ' ').replace('\r', ' ');
    }
    return pythonStrip(s);
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
}
