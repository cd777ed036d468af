package org.metaclipspark.curation.text;

/**
 * The spacing rule of the curation contract ({@code docs/SEMANTICS.md}, "Spacing"), implemented
 * literally.
 *
 * <p>{@link #spaced(String)} returns {@code " " + text + " "} with each of the seven characters
 * {@code , . ; : ? !} and backtick wrapped in single spaces, and each {@code \t}, {@code \n} and
 * {@code \r} replaced by a space. Nothing else changes: runs of spaces are not collapsed and no
 * other character is touched. The matcher never builds this string (it applies the same rule while
 * it scans); this class is the reference that documents and tests the rule.
 *
 * <p>Stateless and thread-safe. {@code spaced} runs in time linear in the text length.
 */
public final class Spacing {

  /**
   * The seven characters that spacing wraps in single spaces, in the order the contract lists them.
   */
  public static final String PUNCTUATION = ",.;:?!`";

  /** The characters that spacing replaces by a single space. */
  public static final String LINE_WHITESPACE = "\t\n\r";

  private Spacing() {}

  /**
   * Returns the spaced form of {@code text}.
   *
   * @param text the text, not null
   * @return {@code " " + text + " "} with punctuation padded and tabs and line breaks made spaces
   * @throws NullPointerException if {@code text} is null
   */
  public static String spaced(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    out.append(' ');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isPunctuation(c)) {
        out.append(' ').append(c).append(' ');
      } else if (isLineWhitespace(c)) {
        out.append(' ');
      } else {
        out.append(c);
      }
    }
    return out.append(' ').toString();
  }

  /** Returns whether spacing wraps {@code c} in single spaces. */
  public static boolean isPunctuation(char c) {
    return PUNCTUATION.indexOf(c) >= 0;
  }

  /**
   * Returns whether spacing replaces {@code c} ({@code \t}, {@code \n} or {@code \r}) by a space.
   */
  public static boolean isLineWhitespace(char c) {
    return c == '\t' || c == '\n' || c == '\r';
  }
}
