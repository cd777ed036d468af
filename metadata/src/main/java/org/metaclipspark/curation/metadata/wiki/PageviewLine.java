package org.metaclipspark.curation.metadata.wiki;

/**
 * One line of a Wikimedia hourly pageviews file, {@code domain_code page_title count_views
 * total_response_size}, and the vocabulary build's (docs/SEMANTICS.md) rule for the title source.
 * Immutable.
 *
 * @param domain the domain code, e.g. {@code en}, {@code en.m}, {@code de}
 * @param title the page title with {@code _} turned into a space
 * @param views count_views
 */
public record PageviewLine(String domain, String title, long views) {
  /**
   * Why a well-formed line counts or not, in the order the vocabulary build (docs/SEMANTICS.md)
   * applies the rules.
   */
  public enum Outcome {
    /** Counts: domain {@code en}, {@code views // 50 > 0}, no {@code :} in the title. */
    COUNTED,
    /** The domain code is not exactly {@code en}. */
    OTHER_DOMAIN,
    /** {@code views // 50 == 0}. */
    UNDER_50_VIEWS,
    /** The title contains {@code :} (other namespaces, e.g. {@code Special:Search}). */
    TITLE_WITH_COLON
  }

  /**
   * Parses a line.
   *
   * @throws IllegalArgumentException when the line does not have four space-separated fields or its
   *     count is not a non-negative integer, with the reason
   */
  public static PageviewLine parse(String line) {
    String[] fields = line.split(" ", -1);
    if (fields.length != 4) {
      throw new IllegalArgumentException(
          "expected 4 space-separated fields (domain_code page_title count_views"
              + " total_response_size), got "
              + fields.length);
    }
    String count = fields[2];
    boolean digits = !count.isEmpty() && count.length() <= 18;
    for (int i = 0; i < count.length() && digits; i++) {
      digits = count.charAt(i) >= '0' && count.charAt(i) <= '9';
    }
    if (!digits) {
      throw new IllegalArgumentException(
          "count_views '" + count + "' is not a non-negative integer");
    }
    return new PageviewLine(fields[0], fields[1].replace('_', ' '), Long.parseLong(count));
  }

  /** Rule 4 of the vocabulary build (docs/SEMANTICS.md) for this line. */
  public Outcome outcome() {
    if (!domain.equals("en")) {
      return Outcome.OTHER_DOMAIN;
    }
    if (views / 50 == 0) {
      return Outcome.UNDER_50_VIEWS;
    }
    if (title.indexOf(':') >= 0) {
      return Outcome.TITLE_WITH_COLON;
    }
    return Outcome.COUNTED;
  }
}
