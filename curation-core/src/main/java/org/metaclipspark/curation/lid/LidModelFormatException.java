package org.metaclipspark.curation.lid;

import java.io.IOException;

/**
 * Thrown when a file cannot be read as a fastText language-identification model; the message names
 * the source, the byte offset and what was found instead of what was expected.
 *
 * <p>Immutable.
 */
public final class LidModelFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final long offset;

  LidModelFormatException(String source, long offset, String message) {
    super(source + " at byte " + offset + ": " + message);
    this.source = source;
    this.offset = offset;
  }

  /** Returns the path or name of the model that failed. */
  public String source() {
    return source;
  }

  /** Returns the byte offset in the model file where reading failed. */
  public long offset() {
    return offset;
  }
}
