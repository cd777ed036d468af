package org.metaclipspark.curation.wat;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The decoded bytes of a shard, delivered buffer by buffer, with the shard offset of each buffer's
 * source and damage detection.
 *
 * <p>Gzip input (magic {@code 1f 8b}) is inflated member by member with a raw {@link Inflater};
 * every buffer holds bytes of exactly one member, so {@link #memberOffset()} is the compressed
 * offset of the record that starts in it. Header, deflate data, CRC32 and ISIZE are all checked. On
 * damage {@link #fill()} returns {@link #DAMAGED} once, describing it in {@link #damage()}, then
 * resynchronizes: it scans forward from the damaged member's start for the next {@code 1f 8b 08}
 * header whose member inflates to text beginning with {@code WARC/}, so every intact record after
 * the damage is still read. Other input is read as plain WARC.
 *
 * <p>Memory is bounded by two fixed buffers. Not thread-safe.
 */
final class DecodedShard implements Closeable {

  static final int EOF = -1;
  static final int DAMAGED = -2;

  private static final int IN_SIZE = 1 << 18;
  private static final int OUT_SIZE = 1 << 17;

  /** FNAME/FCOMMENT/FEXTRA beyond this are treated as a damaged header, not read on. */
  private static final int MAX_GZIP_HEADER = 1 << 16;

  /** Compressed bytes a resync candidate may need to show its first five decoded bytes. */
  private static final int TRIAL_WINDOW = 1 << 16;

  private static final byte[] WARC_MAGIC = {'W', 'A', 'R', 'C', '/'};

  /** Decoded size beyond which a member is streamed through the JDK inflater instead. */
  private static final int MAX_WHOLE_MEMBER = 16 << 20;

  /** The name the accounting gives the JDK inflater. */
  static final String JDK_INFLATER = "java.util.zip.Inflater";

  private final InputStream raw;
  private final boolean gzip;

  private byte[] in = new byte[IN_SIZE];
  private int inPos;
  private int inLim;

  /** Shard offset of {@code in[0]}. */
  private long inBase;

  private boolean rawEof;

  /** Decoded bytes; the reader consumes {@code out[pos..lim)} directly. */
  byte[] out;

  int pos;
  int lim;

  /** Gzip: compressed offset of the member that produced {@code out}; plain: offset of out[0]. */
  private long bufferOffset;

  private long uncompressedBytes;

  private final Inflater inflater;
  private final Inflater trialInflater;

  /** libdeflate, when it loads: decodes whole members; null for plain input or without it. */
  private final Libdeflate.Member whole;

  private long wholeMembers;
  private final CRC32 crc;
  private boolean inMember;
  private long memberStart;
  private long memberSize;
  private boolean resyncing;
  private long resyncFrom;
  private boolean primed;

  private Problem damage;
  private boolean damageInDeliveredMember;

  private DecodedShard(InputStream raw) throws IOException {
    this.raw = raw;
    while (inLim < 2 && !rawEof) {
      readRaw();
    }
    // a lone 0x1f is a gzip file cut inside its magic, not a plain WARC
    this.gzip = inLim >= 1 && (in[0] & 0xFF) == 0x1f && (inLim == 1 || (in[1] & 0xFF) == 0x8b);
    if (gzip) {
      out = new byte[OUT_SIZE];
      inflater = new Inflater(true);
      trialInflater = new Inflater(true);
      crc = new CRC32();
      whole =
          Libdeflate.available()
              ? new Libdeflate.Member(IN_SIZE, OUT_SIZE, MAX_WHOLE_MEMBER)
              : null;
      if (whole != null) {
        whole.copyIn(in, 0, inLim);
      }
    } else {
      out = in;
      inflater = null;
      trialInflater = null;
      crc = null;
      whole = null;
    }
  }

  static DecodedShard open(InputStream raw) throws IOException {
    return new DecodedShard(raw);
  }

  /** Whether the input is gzip (one or many members) rather than plain WARC. */
  boolean isGzip() {
    return gzip;
  }

  /** Offset of the byte {@code out[index]}: its gzip member's start, or its own plain offset. */
  long offsetAt(int index) {
    return gzip ? bufferOffset : bufferOffset + index;
  }

  /**
   * The inflater that decoded this input's members: libdeflate if it decoded any, else the JDK's
   * (which also reads every member libdeflate does not decode whole, damaged ones included).
   */
  String inflater() {
    return wholeMembers > 0 ? Libdeflate.NAME : JDK_INFLATER;
  }

  long compressedBytesRead() {
    return inBase + inPos;
  }

  long uncompressedBytes() {
    return uncompressedBytes;
  }

  /** The last damage found: its reason, the damaged member's offset and what is wrong. */
  Problem damage() {
    return damage;
  }

  long damageOffset() {
    return damage.offset();
  }

  /** Whether the last damage was found in a member whose bytes were already delivered. */
  boolean damageInDeliveredMember() {
    return damageInDeliveredMember;
  }

  /**
   * Replaces {@code out[pos..lim)} with the next decoded bytes.
   *
   * @return the number of bytes, {@link #EOF}, or {@link #DAMAGED} (after which the input has
   *     resynchronized and the next call continues with the next intact member)
   */
  int fill() throws IOException {
    pos = 0;
    lim = 0;
    return gzip ? fillGzip() : fillPlain();
  }

  private int fillPlain() throws IOException {
    if (!primed) {
      primed = true;
      if (inLim > 0) {
        lim = inLim;
        uncompressedBytes += lim;
        return lim;
      }
    }
    bufferOffset += inLim;
    inBase = bufferOffset;
    inPos = 0;
    inLim = 0;
    if (rawEof) {
      return EOF;
    }
    int n = raw.read(in, 0, in.length);
    if (n < 0) {
      rawEof = true;
      return EOF;
    }
    inLim = n;
    inPos = n;
    lim = n;
    uncompressedBytes += n;
    return n;
  }

  private int fillGzip() throws IOException {
    while (true) {
      if (!inMember && whole != null && !resyncing) {
        int n = fillWholeMember();
        if (n > 0) {
          return n;
        }
        if (n == 0) {
          continue; // an empty member
        }
      }
      if (!inMember) {
        int started = startMember();
        if (started != 0) {
          return started;
        }
      }
      int n;
      try {
        inflater.setInput(in, inPos, inLim - inPos);
        n = inflater.inflate(out, 0, out.length);
        inPos = inLim - inflater.getRemaining();
      } catch (DataFormatException e) {
        return damage(
            memberStart,
            SkipReasons.RECORD_CORRUPT_GZIP,
            "invalid deflate data after " + memberSize + " decoded bytes (" + e.getMessage() + ")");
      }
      if (n > 0) {
        crc.update(out, 0, n);
        memberSize += n;
        uncompressedBytes += n;
        bufferOffset = memberStart;
        lim = n;
        return n;
      }
      if (inflater.finished()) {
        int finished = finishMember();
        if (finished != 0) {
          return finished;
        }
      } else if (inflater.needsDictionary()) {
        return damage(
            memberStart,
            SkipReasons.RECORD_CORRUPT_GZIP,
            "deflate stream asks for a preset dictionary");
      } else if (!inflater.needsInput()) {
        return damage(
            memberStart, SkipReasons.RECORD_CORRUPT_GZIP, "the inflater made no progress");
      } else if (!refill()) {
        return damage(
            memberStart,
            SkipReasons.RECORD_TRUNCATED,
            "file ends inside the deflate data after " + memberSize + " decoded bytes");
      }
    }
  }

  /**
   * Decodes the next member whole with libdeflate, which checks its CRC32 and ISIZE too. Returns
   * its decoded size, or -1 to read it with the JDK inflater instead: at the end of the input, for
   * a header {@link #parseHeader} does not accept, and for anything libdeflate does not decode
   * (damage, or a member not wholly buffered), so that damage is found and reported exactly as
   * without libdeflate.
   */
  private int fillWholeMember() throws IOException {
    if (inLim - inPos < in.length / 2 && !rawEof) {
      refill();
    }
    if (inPos == inLim || parseHeader(in, inPos, inLim) < 0) {
      return -1;
    }
    if (!whole.decode(inPos, inLim - inPos)) {
      return -1;
    }
    int n = whole.produced();
    if (out.length < n) {
      out = new byte[Math.max(n, Math.min(2 * out.length, MAX_WHOLE_MEMBER))];
    }
    whole.copyOut(out);
    memberStart = inBase + inPos;
    inPos += (int) whole.consumed();
    memberSize = n;
    uncompressedBytes += n;
    bufferOffset = memberStart;
    lim = n;
    wholeMembers++;
    return n;
  }

  /** Positions at the next member and parses its header; 0 on success, else EOF or DAMAGED. */
  private int startMember() throws IOException {
    if (resyncing) {
      int found = findResyncCandidate();
      if (found != 0) {
        return found;
      }
    }
    while (inPos == inLim) {
      if (!refill()) {
        return EOF;
      }
    }
    memberStart = inBase + inPos;
    int headerLength;
    while ((headerLength = parseHeader(in, inPos, inLim)) == -1) {
      if (!refill()) {
        return damage(
            memberStart, SkipReasons.RECORD_TRUNCATED, "file ends inside a gzip member header");
      }
    }
    if (headerLength < 0) {
      return damage(
          memberStart, SkipReasons.RECORD_CORRUPT_GZIP, describeBadHeader(in, inPos, inLim));
    }
    inPos += headerLength;
    inflater.reset();
    crc.reset();
    memberSize = 0;
    inMember = true;
    return 0;
  }

  private int finishMember() throws IOException {
    while (inLim - inPos < 8) {
      if (!refill()) {
        return damage(
            memberStart, SkipReasons.RECORD_TRUNCATED, "file ends inside the gzip trailer");
      }
    }
    long storedCrc = readLe32(in, inPos);
    long storedSize = readLe32(in, inPos + 4);
    if (storedCrc != crc.getValue()) {
      return damage(
          memberStart,
          SkipReasons.RECORD_CORRUPT_GZIP,
          String.format(
              "CRC32 mismatch: trailer says %08x, data gives %08x", storedCrc, crc.getValue()));
    }
    if (storedSize != (memberSize & 0xFFFFFFFFL)) {
      return damage(
          memberStart,
          SkipReasons.RECORD_CORRUPT_GZIP,
          "ISIZE mismatch: trailer says " + storedSize + ", data has " + memberSize + " bytes");
    }
    inPos += 8;
    inMember = false;
    return 0;
  }

  private int damage(long offset, String reason, String detail) {
    boolean truncated = SkipReasons.RECORD_TRUNCATED.equals(reason);
    damage =
        Problem.of(
            reason,
            offset,
            truncated ? "truncated gzip member" : "corrupt gzip member",
            detail,
            "skipped to the next intact gzip member" + (truncated ? Problem.REDOWNLOAD : ""));
    damageInDeliveredMember = inMember && memberSize > 0;
    inMember = false;
    inflater.reset();
    resyncing = true;
    resyncFrom = offset + 1;
    return DAMAGED;
  }

  /**
   * Moves {@code inPos} to the next member header that decodes to {@code WARC/}; 0 when found, EOF
   * when none is left. Candidates are tried only after damage, never on the normal path.
   */
  private int findResyncCandidate() throws IOException {
    long from = Math.max(resyncFrom, inBase);
    while (true) {
      int start = (int) Math.min(from - inBase, inLim);
      int limit = inLim - 2;
      int i = start;
      while (i < limit && !(in[i] == 0x1f && (in[i + 1] & 0xFF) == 0x8b && in[i + 2] == 0x08)) {
        i++;
      }
      if (i >= limit) {
        // keep the last two bytes: a header may straddle the buffer end
        int unchecked = Math.max(start, Math.max(limit, 0));
        from = inBase + unchecked;
        inPos = unchecked;
        if (!refill()) {
          inPos = inLim;
          resyncing = false;
          return EOF;
        }
        continue;
      }
      inPos = i;
      if (candidateDecodesToWarc()) {
        resyncing = false;
        return 0;
      }
      from = inBase + inPos + 1;
    }
  }

  /** Whether the member at {@code inPos} has a valid header and starts with {@code WARC/}. */
  private boolean candidateDecodesToWarc() throws IOException {
    long candidate = inBase + inPos;
    while (inLim - inPos < TRIAL_WINDOW && refill()) {
      // refill keeps the candidate in the buffer; loop until the window is full or input ends
    }
    int c = (int) (candidate - inBase);
    inPos = c;
    int headerLength = parseHeader(in, c, inLim);
    if (headerLength < 0) {
      return false;
    }
    byte[] first = new byte[WARC_MAGIC.length];
    trialInflater.reset();
    trialInflater.setInput(in, c + headerLength, inLim - c - headerLength);
    int got = 0;
    try {
      while (got < first.length && !trialInflater.finished()) {
        int n = trialInflater.inflate(first, got, first.length - got);
        if (n == 0 && (trialInflater.needsInput() || trialInflater.needsDictionary())) {
          return false;
        }
        got += n;
      }
    } catch (DataFormatException e) {
      return false;
    }
    return got == first.length && java.util.Arrays.equals(first, WARC_MAGIC);
  }

  /**
   * Reads more compressed bytes, first moving the unread part (and, if still buffered, the current
   * member's start, which a resync may return to) to the front.
   */
  private boolean refill() throws IOException {
    if (rawEof) {
      return false;
    }
    int keep = inPos;
    long anchor = resyncing ? inBase + inPos : memberStart;
    if (anchor >= inBase && anchor < inBase + inPos && inLim - (anchor - inBase) < in.length / 2) {
      keep = (int) (anchor - inBase);
    }
    if (keep > 0) {
      System.arraycopy(in, keep, in, 0, inLim - keep);
      inBase += keep;
      inPos -= keep;
      inLim -= keep;
      if (whole != null) {
        whole.copyIn(in, 0, inLim);
      }
    }
    if (inLim == in.length) {
      return false;
    }
    return readRaw() > 0 || !rawEof;
  }

  private int readRaw() throws IOException {
    int n = raw.read(in, inLim, in.length - inLim);
    if (n < 0) {
      rawEof = true;
      return 0;
    }
    if (whole != null) {
      whole.copyIn(in, inLim, inLim + n);
    }
    inLim += n;
    return n;
  }

  /**
   * Length of the RFC 1952 member header at {@code b[p..lim)}, -1 if more bytes are needed, -2 if
   * it is not a valid deflate member header.
   */
  static int parseHeader(byte[] b, int p, int lim) {
    if (lim - p < 10) {
      return lim - p >= 3 && !startsWithMagic(b, p) ? -2 : -1;
    }
    if (!startsWithMagic(b, p)) {
      return -2;
    }
    int flags = b[p + 3] & 0xFF;
    if ((flags & 0xE0) != 0) {
      return -2;
    }
    int i = p + 10;
    if ((flags & 0x04) != 0) {
      if (lim - i < 2) {
        return -1;
      }
      int xlen = (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
      i += 2 + xlen;
      if (i > lim) {
        return -1;
      }
    }
    for (int bit : new int[] {0x08, 0x10}) {
      if ((flags & bit) != 0) {
        int start = i;
        while (i < lim && b[i] != 0) {
          i++;
          if (i - start > MAX_GZIP_HEADER) {
            return -2;
          }
        }
        if (i >= lim) {
          return -1;
        }
        i++;
      }
    }
    if ((flags & 0x02) != 0) {
      i += 2;
      if (i > lim) {
        return -1;
      }
    }
    return i - p;
  }

  private static boolean startsWithMagic(byte[] b, int p) {
    return (b[p] & 0xFF) == 0x1f && (b[p + 1] & 0xFF) == 0x8b && b[p + 2] == 0x08;
  }

  private static String describeBadHeader(byte[] b, int p, int lim) {
    StringBuilder sb =
        new StringBuilder("expected a gzip member header (1f 8b 08, flags < 0x20), found");
    for (int i = p; i < Math.min(lim, p + 4); i++) {
      sb.append(String.format(" %02x", b[i] & 0xFF));
    }
    return sb.toString();
  }

  private static long readLe32(byte[] b, int p) {
    return (b[p] & 0xFFL)
        | (b[p + 1] & 0xFFL) << 8
        | (b[p + 2] & 0xFFL) << 16
        | (b[p + 3] & 0xFFL) << 24;
  }

  @Override
  public void close() throws IOException {
    if (inflater != null) {
      inflater.end();
      trialInflater.end();
    }
    if (whole != null) {
      whole.close();
    }
    raw.close();
  }
}
