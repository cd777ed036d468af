package org.metaclipspark.curation.metadata.wiki;

/** Wikitext that cannot be turned into plain text, such as a {@code {{} that is never closed. */
public final class WikitextException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int offset;

  WikitextException(String message, int offset) {
    super(message + " at char " + offset + " of the wikitext");
    this.offset = offset;
  }

  /** The char offset in the page's wikitext where the problem starts. */
  public int offset() {
    return offset;
  }
}
