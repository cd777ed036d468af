package org.metaclipspark.curation.wat;

import java.io.Serializable;

/**
 * Limits for {@link WatPairReader}: immutable, built from {@link #defaults()} with {@code with*}
 * methods that return a new instance.
 *
 * <p>Thread-safe. Every limit bounds memory or output, and every value over a limit is skipped and
 * counted, never truncated.
 */
public final class WatReaderOptions implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Default {@link #maxRecordBytes()}: 64 MiB, far above Common Crawl's largest WAT records. */
  public static final long MAX_RECORD_BYTES_DEFAULT = 64L << 20;

  /** Default {@link #maxHeaderBytes()}: 64 KiB (Common Crawl WAT headers are about 500 bytes). */
  public static final int MAX_HEADER_BYTES_DEFAULT = 64 << 10;

  /** Default {@link #maxUrlChars()}: no limit: MetaCLIP keeps URLs of any length. */
  public static final int MAX_URL_CHARS_DEFAULT = Integer.MAX_VALUE;

  /** Default {@link #maxProblems()}: 100 messages kept per shard. */
  public static final int MAX_PROBLEMS_DEFAULT = 100;

  /** Largest record block the reader buffers; Java arrays cap it just below 2 GiB. */
  private static final long MAX_BUFFERABLE = Integer.MAX_VALUE - 16;

  private static final WatReaderOptions DEFAULTS =
      new WatReaderOptions(
          MAX_RECORD_BYTES_DEFAULT,
          MAX_HEADER_BYTES_DEFAULT,
          MAX_URL_CHARS_DEFAULT,
          MAX_PROBLEMS_DEFAULT,
          true);

  private final long maxRecordBytes;
  private final int maxHeaderBytes;
  private final int maxUrlChars;
  private final int maxProblems;
  private final boolean parseAllPayloads;

  private WatReaderOptions(
      long maxRecordBytes,
      int maxHeaderBytes,
      int maxUrlChars,
      int maxProblems,
      boolean parseAllPayloads) {
    this.maxRecordBytes = maxRecordBytes;
    this.maxHeaderBytes = maxHeaderBytes;
    this.maxUrlChars = maxUrlChars;
    this.maxProblems = maxProblems;
    this.parseAllPayloads = parseAllPayloads;
  }

  /** The default limits. */
  public static WatReaderOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Records whose {@code Content-Length} is over {@code n} bytes are streamed through without
   * buffering and counted as {@link SkipReasons#RECORD_TOO_LARGE}.
   *
   * @throws IllegalArgumentException if {@code n} is not in [1, 2^31 - 17]
   */
  public WatReaderOptions withMaxRecordBytes(long n) {
    if (n < 1 || n > MAX_BUFFERABLE) {
      throw new IllegalArgumentException(
          "the record size limit (config key input.maxRecordBytes, flag --max-record-bytes) must be"
              + " in [1, "
              + MAX_BUFFERABLE
              + "] bytes, got "
              + n);
    }
    return new WatReaderOptions(n, maxHeaderBytes, maxUrlChars, maxProblems, parseAllPayloads);
  }

  /**
   * WARC headers longer than {@code n} bytes are counted as {@link SkipReasons#RECORD_BAD_HEADER}.
   *
   * @throws IllegalArgumentException if {@code n} is below 256
   */
  public WatReaderOptions withMaxHeaderBytes(int n) {
    if (n < 256) {
      throw new IllegalArgumentException("maxHeaderBytes must be at least 256, got " + n);
    }
    return new WatReaderOptions(maxRecordBytes, n, maxUrlChars, maxProblems, parseAllPayloads);
  }

  /**
   * Resolved image URLs longer than {@code n} chars are counted as {@link
   * SkipReasons#LINK_URL_TOO_LONG}. The default has no limit, as MetaCLIP has none.
   *
   * @throws IllegalArgumentException if {@code n} is below 1
   */
  public WatReaderOptions withMaxUrlChars(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxUrlChars must be at least 1, got " + n);
    }
    return new WatReaderOptions(maxRecordBytes, maxHeaderBytes, n, maxProblems, parseAllPayloads);
  }

  /**
   * Whether every metadata payload is parsed. By default (true) every payload is parsed, so broken
   * JSON and wrong types are counted in every record. With false, an all-ASCII payload that holds
   * neither the bytes {@code IMG@/src} nor a {@code \\u} or {@code \\/} escape is not parsed, since
   * it cannot yield an image link: that halves the JSON work on Common Crawl WATs and changes no
   * pair, but such a record counts as a metadata record even if its JSON is broken. Invalid UTF-8
   * is found either way, as non-ASCII payloads are always parsed.
   */
  public WatReaderOptions withParseAllPayloads(boolean parseAll) {
    return new WatReaderOptions(maxRecordBytes, maxHeaderBytes, maxUrlChars, maxProblems, parseAll);
  }

  public boolean parseAllPayloads() {
    return parseAllPayloads;
  }

  public long maxRecordBytes() {
    return maxRecordBytes;
  }

  public int maxHeaderBytes() {
    return maxHeaderBytes;
  }

  public int maxUrlChars() {
    return maxUrlChars;
  }

  public int maxProblems() {
    return maxProblems;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WatReaderOptions other
        && maxRecordBytes == other.maxRecordBytes
        && maxHeaderBytes == other.maxHeaderBytes
        && maxUrlChars == other.maxUrlChars
        && maxProblems == other.maxProblems
        && parseAllPayloads == other.parseAllPayloads;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        maxRecordBytes, maxHeaderBytes, maxUrlChars, maxProblems, parseAllPayloads);
  }

  @Override
  public String toString() {
    return "WatReaderOptions{maxRecordBytes="
        + maxRecordBytes
        + ", maxHeaderBytes="
        + maxHeaderBytes
        + ", maxUrlChars="
        + maxUrlChars
        + ", maxProblems="
        + maxProblems
        + ", parseAllPayloads="
        + parseAllPayloads
        + "}";
  }
}
