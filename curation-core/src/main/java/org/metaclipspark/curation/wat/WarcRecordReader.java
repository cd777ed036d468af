package org.metaclipspark.curation.wat;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a {@link DecodedShard} into WARC records by their {@code Content-Length}, buffering only
 * blocks of records that are worth parsing (within the size limit: in a WAT shard {@code metadata}
 * records with a target URI, in a WARC shard HTTP {@code response} records with one) and counting
 * every damaged or skipped record in {@link ShardStats}.
 *
 * <p>Which kind of shard it is, WAT or WARC, is decided by content, not by name: by the first
 * intact record that is not {@code warcinfo} ({@code metadata}: WAT, anything else: WARC), and
 * holds for the rest of the shard.
 *
 * <p>Memory: one header line buffer ({@code maxHeaderBytes}) and one block buffer that grows to the
 * largest buffered record ({@code maxRecordBytes} at most). Not thread-safe.
 */
final class WarcRecordReader implements Closeable {

  private static final byte[] WARC_PREFIX = {'W', 'A', 'R', 'C', '/'};
  private static final byte[] CONTENT_LENGTH = bytes("content-length");
  private static final byte[] WARC_TYPE = bytes("warc-type");
  private static final byte[] WARC_TARGET_URI = bytes("warc-target-uri");
  private static final byte[] METADATA = bytes("metadata");
  private static final byte[] RESPONSE = bytes("response");
  private static final byte[] WARCINFO = bytes("warcinfo");
  private static final byte[] CONTENT_TYPE = bytes("content-type");
  private static final byte[] IDENTIFIED_PAYLOAD_TYPE = bytes("warc-identified-payload-type");
  private static final byte[] WARC_TRUNCATED = bytes("warc-truncated");
  private static final byte[] HTTP_RESPONSE = bytes("application/http; msgtype=response");
  private static final byte[] HTTP_RESPONSE_NO_SPACE = bytes("application/http;msgtype=response");

  /** {@link #kind()} before the first record that is not {@code warcinfo}. */
  static final String KIND_UNKNOWN = "unknown";

  /** {@link #kind()} of a WAT shard: its first record other than {@code warcinfo} is metadata. */
  static final String KIND_WAT = "wat";

  /** {@link #kind()} of a WARC shard: its first record other than {@code warcinfo} is not. */
  static final String KIND_WARC = "warc";

  private static final int LINE = 0;
  private static final int SKIPPED = 1;
  private static final int RECORD = 2;
  private static final int END = 3;

  private final DecodedShard input;
  private final WatReaderOptions options;
  private final ShardStats stats;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  private final byte[] line;
  private int lineLength;
  private long lineOffset;
  private boolean lineTooLong;
  private boolean lineTerminated;

  private byte[] block = new byte[1 << 16];
  private int blockLength;
  private long recordOffset;
  private boolean wanted;
  private String targetUri;

  /** What the shard holds, decided by its first intact record that is not {@code warcinfo}. */
  private String kind = KIND_UNKNOWN;

  /**
   * WARC shards: whether the current record is a response whose {@code Content-Type} is {@code
   * application/http; msgtype=response} (or without the space).
   */
  private boolean httpResponse;

  /** The {@code WARC-Identified-Payload-Type} value of the current record, or null. */
  private String identifiedPayloadType;

  /** How often the current record's header has {@code WARC-Identified-Payload-Type}. */
  private int identifiedPayloadTypeCount;

  /** Whether the current record has a {@code WARC-Truncated} header. */
  private boolean warcTruncated;

  private boolean eof;

  /** After a bad header the rest of that record is not reported again as unrecognized bytes. */
  private boolean quietResync;

  /** Whether the current record is a {@code warcinfo} record. */
  private boolean isWarcinfo;

  /** Offset of the last record counted as skipped, or -1. */
  private long lastSkipOffset = -1;

  /** Problems go to {@code stats}, which names the shard in their messages. */
  WarcRecordReader(DecodedShard input, WatReaderOptions options, ShardStats stats) {
    this.input = input;
    this.options = options;
    this.stats = stats;
    this.line = new byte[options.maxHeaderBytes()];
  }

  /**
   * Advances to the next record worth parsing, counting every record passed over, and returns false
   * at the end of the shard. In a WAT shard ({@link #kind()}) that is a {@code metadata} record
   * with a {@code WARC-Target-URI}; in a WARC shard a {@code response} record with one (its other
   * records are counted as {@link SkipReasons#RECORD_NOT_RESPONSE}, a {@code warcinfo} record as
   * other).
   */
  boolean nextWantedRecord() throws IOException {
    while (!eof) {
      int r = readRecord();
      if (r == RECORD) {
        if (wanted) {
          return true;
        }
        if (kind == KIND_WARC && !isWarcinfo) {
          stats.skipQuietly(SkipReasons.RECORD_NOT_RESPONSE);
        } else {
          stats.otherRecord();
        }
      }
    }
    return false;
  }

  /** {@link #KIND_WAT}, {@link #KIND_WARC} or, before the first such record, unknown. */
  String kind() {
    return kind;
  }

  /** WARC shards: whether the current response record's block is an HTTP response. */
  boolean httpResponse() {
    return httpResponse;
  }

  /**
   * The current record's {@code WARC-Identified-Payload-Type} when its header has it exactly once
   * with a non-empty value, else null (spec section 4b.2: an empty value counts as absent).
   */
  String identifiedPayloadType() {
    return identifiedPayloadTypeCount == 1 && !identifiedPayloadType.isEmpty()
        ? identifiedPayloadType
        : null;
  }

  /** Whether the current record has a {@code WARC-Truncated} header. */
  boolean warcTruncated() {
    return warcTruncated;
  }

  /** Counts the current record as skipped by its consumer, e.g. for bad JSON. */
  void skipCurrentRecord(Problem problem) {
    skipRecord(problem);
  }

  byte[] block() {
    return block;
  }

  int blockLength() {
    return blockLength;
  }

  long recordOffset() {
    return recordOffset;
  }

  String targetUri() {
    return targetUri;
  }

  String inflater() {
    return input.inflater();
  }

  long compressedBytesRead() {
    return input.compressedBytesRead();
  }

  long uncompressedBytes() {
    return input.uncompressedBytes();
  }

  private int readRecord() throws IOException {
    long garbageStart = -1;
    long garbageBytes = 0;
    String garbageSample = null;
    while (true) {
      int r = readLine();
      boolean cutWarcLine = r == LINE && !lineTerminated && isPrefixOfWarcLine(line, lineLength);
      if (r != LINE || cutWarcLine || startsWith(line, lineLength, WARC_PREFIX)) {
        boolean sameDamagedMember =
            r == DecodedShard.DAMAGED
                && input.damageInDeliveredMember()
                && garbageStart == input.damageOffset();
        if (garbageStart >= 0 && !sameDamagedMember) {
          skipRecord(
              Problem.of(
                  SkipReasons.RECORD_UNRECOGNIZED,
                  garbageStart,
                  "no WARC record",
                  "found \"" + garbageSample + "\" where a \"WARC/\" line should start a record",
                  "skipped " + garbageBytes + " bytes to the next record"));
        }
        if (r == DecodedShard.EOF) {
          eof = true;
          return END;
        }
        if (r == DecodedShard.DAMAGED) {
          quietResync = false;
          skipDamaged(input.damageOffset(), "between records");
          return SKIPPED;
        }
        if (cutWarcLine) {
          skipRecord(truncated(lineOffset, "the shard ends inside its first line"));
          return SKIPPED;
        }
        break;
      }
      boolean blank = lineLength == 0 || (lineLength == 1 && line[0] == '\r');
      if (!blank && garbageStart < 0 && !quietResync) {
        garbageStart = lineOffset;
        garbageSample = sample(line, lineLength);
      }
      garbageBytes += lineLength + 1;
    }
    quietResync = false;
    recordOffset = lineOffset;
    return readHeaderAndBlock();
  }

  /**
   * Counts a skipped record. In a gzip shard a record skipped for its content is often followed by
   * the CRC failure of the same member; {@link #lastSkipOffset} lets that be counted once.
   */
  private void skipRecord(Problem problem) {
    lastSkipOffset = problem.offset();
    stats.skipRecord(problem);
  }

  private static Problem truncated(long offset, String detail) {
    return Problem.of(
        SkipReasons.RECORD_TRUNCATED,
        offset,
        "truncated record",
        detail,
        "the record is skipped" + Problem.REDOWNLOAD);
  }

  private int readHeaderAndBlock() throws IOException {
    long contentLength = -1;
    String badHeader = null;
    boolean metadata = false;
    boolean response = false;
    boolean invalidUri = false;
    targetUri = null;
    isWarcinfo = false;
    httpResponse = false;
    identifiedPayloadType = null;
    identifiedPayloadTypeCount = 0;
    warcTruncated = false;
    int headerBytes = lineLength + 1;
    while (true) {
      int r = readLine();
      if (r == DecodedShard.DAMAGED) {
        skipDamaged(recordOffset, "inside the WARC header");
        return SKIPPED;
      }
      if (r == DecodedShard.EOF || !lineTerminated) {
        skipRecord(truncated(recordOffset, "the shard ends inside the WARC header"));
        return SKIPPED;
      }
      headerBytes += lineLength + 1;
      if (lineTooLong || headerBytes > options.maxHeaderBytes()) {
        badHeader =
            "the header is over the "
                + options.maxHeaderBytes()
                + "-byte header limit, where Common Crawl's are about 500 bytes";
        continue;
      }
      int len = lineLength;
      if (len > 0 && line[len - 1] == '\r') {
        len--;
      }
      if (len == 0) {
        break;
      }
      int colon = indexOf(line, len, (byte) ':');
      if (colon < 0) {
        continue;
      }
      int valueStart = colon + 1;
      int valueEnd = len;
      while (valueStart < valueEnd && (line[valueStart] == ' ' || line[valueStart] == '\t')) {
        valueStart++;
      }
      while (valueEnd > valueStart && (line[valueEnd - 1] == ' ' || line[valueEnd - 1] == '\t')) {
        valueEnd--;
      }
      if (nameEquals(line, colon, CONTENT_LENGTH)) {
        contentLength = parseLength(line, valueStart, valueEnd);
        if (contentLength < 0) {
          badHeader =
              "Content-Length is \""
                  + sample(
                      java.util.Arrays.copyOfRange(line, valueStart, valueEnd),
                      valueEnd - valueStart)
                  + "\", not a decimal number of bytes";
        }
      } else if (nameEquals(line, colon, WARC_TYPE)) {
        metadata = regionEquals(line, valueStart, valueEnd, METADATA);
        response = regionEquals(line, valueStart, valueEnd, RESPONSE);
        isWarcinfo = regionEquals(line, valueStart, valueEnd, WARCINFO);
      } else if (nameEquals(line, colon, CONTENT_TYPE)) {
        httpResponse =
            regionEquals(line, valueStart, valueEnd, HTTP_RESPONSE)
                || regionEquals(line, valueStart, valueEnd, HTTP_RESPONSE_NO_SPACE);
      } else if (nameEquals(line, colon, IDENTIFIED_PAYLOAD_TYPE)) {
        identifiedPayloadTypeCount++;
        identifiedPayloadType = decodeUtf8(line, valueStart, valueEnd);
        if (identifiedPayloadType == null) {
          identifiedPayloadType = "";
        }
      } else if (nameEquals(line, colon, WARC_TRUNCATED)) {
        warcTruncated = true;
      } else if (nameEquals(line, colon, WARC_TARGET_URI)) {
        // WARC 1.0's examples and wget write the URI in angle brackets; Common Crawl writes it bare
        if (valueEnd - valueStart >= 2 && line[valueStart] == '<' && line[valueEnd - 1] == '>') {
          valueStart++;
          valueEnd--;
        }
        targetUri = decodeUtf8(line, valueStart, valueEnd);
        invalidUri = targetUri == null;
      }
    }
    if (badHeader == null && contentLength < 0) {
      badHeader = "it has no Content-Length";
    }
    if (badHeader != null) {
      quietResync = true;
      skipRecord(
          Problem.of(
              SkipReasons.RECORD_BAD_HEADER,
              recordOffset,
              "bad WARC header",
              badHeader,
              "the record is skipped and reading resumes at the next \"WARC/\" line"));
      return SKIPPED;
    }
    if (kind == KIND_UNKNOWN && !isWarcinfo) {
      kind = metadata ? KIND_WAT : KIND_WARC;
    }
    wanted = (kind == KIND_WAT ? metadata : response && httpResponse) && targetUri != null;
    // only records that would be buffered are limited; others are streamed through anyway
    boolean tooLarge = contentLength > options.maxRecordBytes();
    int r = (wanted && !tooLarge) ? readBlock((int) contentLength) : skipBlock(contentLength);
    if (r == DecodedShard.DAMAGED) {
      skipDamaged(recordOffset, "inside the record block");
      return SKIPPED;
    }
    if (r == DecodedShard.EOF) {
      skipRecord(
          truncated(
              recordOffset,
              "the shard ends inside the record block of " + contentLength + " bytes"));
      return SKIPPED;
    }
    if (consumeRecordEnd() == DecodedShard.DAMAGED) {
      return SKIPPED;
    }
    if (tooLarge && wanted) {
      skipRecord(
          Problem.of(
              SkipReasons.RECORD_TOO_LARGE,
              recordOffset,
              "record too large",
              "Content-Length "
                  + contentLength
                  + " is over maxRecordBytes "
                  + options.maxRecordBytes(),
              "it was streamed through and skipped" + " (raise input.maxRecordBytes to read it)"));
      return SKIPPED;
    }
    if ((kind == KIND_WAT ? metadata : response) && invalidUri) {
      skipRecord(
          Problem.of(
              SkipReasons.RECORD_INVALID_UTF8,
              recordOffset,
              "invalid UTF-8 in the WARC-Target-URI of the record",
              null,
              "the record is skipped"));
      return SKIPPED;
    }
    return RECORD;
  }

  /**
   * Consumes the blank lines after a block and, at the end of a gzip member, its trailer, so that a
   * record is only returned once its member's CRC has been checked.
   */
  private int consumeRecordEnd() throws IOException {
    while (true) {
      if (input.pos == input.lim) {
        int f = input.fill();
        if (f == DecodedShard.EOF) {
          return f;
        }
        if (f == DecodedShard.DAMAGED) {
          if (input.damageInDeliveredMember()) {
            skipDamaged(recordOffset, "at the end of the record's gzip member");
          } else {
            skipDamaged(input.damageOffset(), "between records");
          }
          return input.damageInDeliveredMember() ? DecodedShard.DAMAGED : 0;
        }
      }
      byte b = input.out[input.pos];
      if (b != '\r' && b != '\n') {
        if (b != 'W' && input.isGzip() && input.offsetAt(input.pos) == recordOffset) {
          // the block ended inside its gzip member, and what follows starts no record: the
          // Content-Length is wrong (a damaged member can still inflate, to wrong bytes), so the
          // block is not the record's; the member's CRC failure that may follow is this record
          quietResync = true;
          skipRecord(
              Problem.of(
                  SkipReasons.RECORD_BAD_HEADER,
                  recordOffset,
                  "bad WARC header",
                  "the block ends inside its gzip member, before bytes that start no record",
                  "the record is skipped and reading resumes at the next \"WARC/\" line"));
          return DecodedShard.DAMAGED;
        }
        return 0;
      }
      input.pos++;
    }
  }

  private int readBlock(int length) throws IOException {
    if (block.length < length) {
      long grown = Math.max((long) length, Math.min(2L * block.length, options.maxRecordBytes()));
      block = new byte[(int) grown];
    }
    int have = 0;
    while (have < length) {
      if (input.pos == input.lim) {
        int f = input.fill();
        if (f < 0) {
          return f;
        }
      }
      int n = Math.min(length - have, input.lim - input.pos);
      System.arraycopy(input.out, input.pos, block, have, n);
      input.pos += n;
      have += n;
    }
    blockLength = length;
    return 0;
  }

  private int skipBlock(long length) throws IOException {
    long left = length;
    while (left > 0) {
      if (input.pos == input.lim) {
        int f = input.fill();
        if (f < 0) {
          return f;
        }
      }
      int n = (int) Math.min(left, input.lim - input.pos);
      input.pos += n;
      left -= n;
    }
    return 0;
  }

  private void skipDamaged(long offset, String where) {
    if (input.damageInDeliveredMember() && input.damageOffset() == lastSkipOffset) {
      return;
    }
    lastSkipOffset = input.damageOffset();
    stats.skipRecord(
        input
            .damage()
            .withContext(
                where + (offset != input.damageOffset() ? ", record at offset " + offset : "")));
  }

  /** Reads the next line into {@link #line} (without its '\n'); LINE, EOF or DAMAGED. */
  private int readLine() throws IOException {
    lineLength = 0;
    lineTooLong = false;
    lineTerminated = false;
    boolean started = false;
    while (true) {
      if (input.pos == input.lim) {
        int f = input.fill();
        if (f == DecodedShard.DAMAGED) {
          return f;
        }
        if (f == DecodedShard.EOF) {
          return started ? LINE : DecodedShard.EOF;
        }
      }
      if (!started) {
        started = true;
        lineOffset = input.offsetAt(input.pos);
      }
      byte[] out = input.out;
      int p = input.pos;
      int lim = input.lim;
      int nl = p;
      while (nl < lim && out[nl] != '\n') {
        nl++;
      }
      int n = nl - p;
      int room = line.length - lineLength;
      if (n > room) {
        lineTooLong = true;
        n = room;
      }
      System.arraycopy(out, p, line, lineLength, n);
      lineLength += n;
      if (nl < lim) {
        input.pos = nl + 1;
        lineTerminated = true;
        return LINE;
      }
      input.pos = lim;
    }
  }

  private String decodeUtf8(byte[] b, int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(b, from, to - from));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static long parseLength(byte[] b, int from, int to) {
    if (from == to || to - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Case-insensitive ASCII comparison of {@code b[0..end)}, trimmed of trailing blanks. */
  private static boolean nameEquals(byte[] b, int end, byte[] lowerName) {
    while (end > 0 && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
      end--;
    }
    if (end != lowerName.length) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      int c = b[i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerName[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean regionEquals(byte[] b, int from, int to, byte[] expected) {
    return to - from == expected.length
        && java.util.Arrays.equals(b, from, to, expected, 0, expected.length);
  }

  private static boolean isPrefixOfWarcLine(byte[] b, int len) {
    int n = Math.min(len, WARC_PREFIX.length);
    return len > 0 && java.util.Arrays.equals(b, 0, n, WARC_PREFIX, 0, n);
  }

  private static boolean startsWith(byte[] b, int len, byte[] prefix) {
    return len >= prefix.length
        && java.util.Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static int indexOf(byte[] b, int len, byte c) {
    for (int i = 0; i < len; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** A short printable excerpt of raw bytes for a message. */
  private static String sample(byte[] b, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(len, 40); i++) {
      int c = b[i] & 0xFF;
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    if (len > 40) {
      sb.append("...");
    }
    return sb.toString();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    input.close();
  }
}
