package org.metaclipspark.curation.metadata;

import java.io.IOException;

/**
 * Thrown when a metadata file cannot be read as entries; the message names the source, the position
 * (1-based line and column where known) and how to fix the file.
 *
 * <p>Immutable.
 */
public final class MetadataFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final long column;

  MetadataFormatException(String source, long line, long column, String message, Throwable cause) {
    super(message, cause);
    this.source = source;
    this.line = line;
    this.column = column;
  }

  /** Returns the path or name of the input that failed. */
  public String source() {
    return source;
  }

  /** Returns the 1-based line of the problem, or -1 if unknown. */
  public long line() {
    return line;
  }

  /** Returns the 1-based column (character in the line) of the problem, or -1 if unknown. */
  public long column() {
    return column;
  }
}
