package org.metaclipspark.curation.wat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Streams the image-text pairs of one WAT or WARC shard in file order.
 *
 * <p>The kind of shard is told by its content ({@link ShardStats#inputKind()}): in a WARC shard
 * each HTTP {@code response} record's HTML page is read by the rules of spec section 4b (HTTP
 * header, HTML test, charset, {@code img} tags, entity decoding) and its links go through the same
 * section 4 steps as the links of a WAT record; other records are counted by reason. The rest of
 * this description is about WAT shards.
 *
 * <p>The shard is gzip (one or many members, detected by its magic bytes) or plain WARC. Each
 * {@code metadata} record with a {@code WARC-Target-URI} is parsed with Jackson's streaming parser
 * straight from its bytes; only {@code Envelope.Payload-Metadata.HTTP-Response-Metadata
 * .HTML-Metadata.Links} is descended into, every other value is skipped unread. A record's pairs
 * are emitted only if its whole payload parses, so a damaged record yields no pairs at all. A
 * {@code WARC-Target-URI} in angle brackets ({@code <http://example.com/>}, as WARC 1.0's examples
 * and wget write it) is unwrapped before use.
 *
 * <p>Damaged input never throws: a truncated or corrupt record, bad JSON or invalid UTF-8 is
 * skipped and counted in {@link #stats()} with its reason and shard offset, and reading resumes
 * with the next intact record. Invalid UTF-8 is detected by Jackson's decoder, which accepts
 * overlong two-byte forms and encoded surrogates that Python's decoder rejects. Only I/O errors of
 * the underlying stream propagate, as {@link UncheckedIOException}, so a caller can retry the
 * shard.
 *
 * <p>Known differences from Python's {@code json.loads} based reference: when a JSON object has a
 * duplicate key, Python keeps the last value; here every {@code Links} array on the path is read,
 * and within a link a later duplicate {@code path} does not bring back values skipped after an
 * earlier non-image {@code path}.
 *
 * <p>Memory is bounded by {@link WatReaderOptions#maxRecordBytes()} plus fixed buffers of about 0.5
 * MiB. Not thread-safe: use one reader per shard and thread.
 */
public final class WatPairReader implements Iterator<ImageTextPair>, Closeable {

  private final InputStream raw;
  private final String shard;
  private final WatReaderOptions options;
  private final ShardStats stats;
  private final ArrayDeque<ImageTextPair> ready = new ArrayDeque<>();
  private final ArrayDeque<ImageTextPair> recordPairs = new ArrayDeque<>();
  private final PayloadWalk.Visitor visitor =
      new PayloadWalk.Visitor() {
        @Override
        public void imageLink(String url, String[] texts) {
          WatPairReader.this.imageLink(url, texts);
        }

        @Override
        public void linkNotObject() {
          linkNotObject++;
        }

        @Override
        public void wrongType(String field, String actual) {
          WatPairReader.this.wrongType(field, actual);
        }
      };
  private WarcRecordReader records;

  /** The target URI of the record being walked, and the same split as a base URL (lazily). */
  private String pageUrl;

  private UrlResolver.Base pageBase;

  private boolean done;

  // per-record counters, committed to stats only when the whole payload parsed
  private long links;
  private long linksWithPairs;
  private long linksWithoutText;
  private long textNotString;
  private long textEmpty;
  private long urlNotString;
  private long schemeNotHttp;
  private long unresolvable;
  private long urlTooLong;
  private long wrongType;
  private long linkNotObject;
  private Problem wrongTypeProblem;
  private long imgLazyOnly;
  private long imgNoSrc;

  /** Reads the pages of WARC response records (spec section 4b). */
  private final HtmlPage page;

  private final HtmlPage.Links pageLinks =
      new HtmlPage.Links() {
        @Override
        public void imageLink(String url, String alt, String title) {
          WatPairReader.this.imageLink(url, new String[] {alt, title, null});
        }

        @Override
        public void imgWithoutSrc(boolean lazy) {
          if (lazy) {
            imgLazyOnly++;
          } else {
            imgNoSrc++;
          }
        }
      };

  private WatPairReader(
      InputStream raw, String shard, WatReaderOptions options, HtmlPage.Rules rules) {
    this.page = new HtmlPage(rules);
    this.raw = raw;
    this.shard = shard;
    this.options = options;
    this.stats = new ShardStats(shard, options.maxProblems());
  }

  /**
   * Opens a reader over {@code raw}; nothing is read until {@link #hasNext()}. The reader owns the
   * stream and closes it in {@link #close()}.
   *
   * @param shardName the name used in pairs, statistics and messages, e.g. the file name
   */
  public static WatPairReader open(InputStream raw, String shardName, WatReaderOptions options) {
    return open(raw, shardName, options, HtmlPage.Rules.COMMON_CRAWL_2025);
  }

  /** A reader whose WARC pages are read by {@code rules}; tests compare other generators. */
  static WatPairReader open(
      InputStream raw, String shardName, WatReaderOptions options, HtmlPage.Rules rules) {
    return new WatPairReader(
        Objects.requireNonNull(raw, "raw"),
        Objects.requireNonNull(shardName, "shardName"),
        Objects.requireNonNull(options, "options"),
        rules);
  }

  /** Live accounting of this shard, complete once {@link #hasNext()} has returned false. */
  public ShardStats stats() {
    return stats;
  }

  /**
   * The inflater that decoded the shard so far: {@code "libdeflate"} when the native library
   * decoded its members, else {@code "java.util.zip.Inflater"} (also for plain WARC input).
   */
  public String inflater() {
    return records == null ? DecodedShard.JDK_INFLATER : records.inflater();
  }

  /**
   * Whether another pair follows, reading records as needed.
   *
   * @throws UncheckedIOException if the underlying stream fails (not for damaged data)
   */
  @Override
  public boolean hasNext() {
    try {
      while (ready.isEmpty() && !done) {
        if (records == null) {
          records = new WarcRecordReader(DecodedShard.open(raw), options, stats);
        }
        if (records.nextWantedRecord()) {
          stats.inputKind(records.kind());
          if (records.kind() == WarcRecordReader.KIND_WARC) {
            extractPage();
          } else {
            extract();
          }
        } else {
          stats.inputKind(records.kind());
          done = true;
        }
        updateBytes();
      }
      return !ready.isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("I/O error reading WAT shard " + shard, e);
    }
  }

  @Override
  public ImageTextPair next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more pairs in " + shard);
    }
    return ready.poll();
  }

  private void updateBytes() {
    // reach through the record reader's input for the byte counters
    stats.setBytes(records.compressedBytesRead(), records.uncompressedBytes());
  }

  private void extract() {
    byte[] block = records.block();
    int length = records.blockLength();
    long offset = records.recordOffset();
    pageUrl = records.targetUri();
    pageBase = null;
    resetRecordCounters();
    if (!options.parseAllPayloads() && !mayHoldImageLink(block, length)) {
      stats.metadataRecord(0, 0, 0, 0);
      return;
    }
    if (!PayloadWalk.fast(block, length, visitor)) {
      // outside the scanner's subset, or malformed: Jackson decides, and says why
      resetRecordCounters();
      walkWithJackson(block, length, offset);
      return;
    }
    commitRecord();
  }

  /** A WARC response record: its HTML page's links, or the reason it has none (spec 4b). */
  private void extractPage() {
    pageUrl = records.targetUri();
    pageBase = null;
    resetRecordCounters();
    int r =
        page.read(
            records.block(), records.blockLength(), records.identifiedPayloadType(), pageLinks);
    if (r == HtmlPage.BAD_HTTP_HEADER) {
      records.skipCurrentRecord(
          Problem.of(
              SkipReasons.RECORD_BAD_HTTP_HEADER,
              records.recordOffset(),
              "no HTTP response",
              "the block of the response record does not start with an HTTP status line",
              "record skipped"));
    } else if (r == HtmlPage.NOT_HTML) {
      stats.skipQuietly(SkipReasons.RECORD_NOT_HTML);
    } else if (links == 0 && page.compressed()) {
      resetRecordCounters();
      stats.skipQuietly(SkipReasons.RECORD_COMPRESSED_BODY);
    } else {
      stats.htmlPage(
          records.warcTruncated(), links, linksWithPairs, linksWithoutText, recordPairs.size());
      stats.skip(SkipReasons.IMG_SRCSET_OR_DATA_SRC_ONLY, imgLazyOnly);
      stats.skip(SkipReasons.IMG_NO_SRC, imgNoSrc);
      commitLinkCounters();
    }
  }

  private void walkWithJackson(byte[] block, int length, long offset) {
    try (JsonParser p = PayloadWalk.JSON.createParser(block, 0, length)) {
      if (!PayloadWalk.withJackson(p, visitor)) {
        records.skipCurrentRecord(
            Problem.of(
                SkipReasons.RECORD_BAD_JSON,
                offset,
                "bad JSON",
                "the payload is empty",
                "record skipped"));
        return;
      }
    } catch (IOException e) {
      recordPairs.clear();
      String message = e instanceof StreamReadException s ? s.getOriginalMessage() : e.toString();
      boolean utf8 = message != null && message.contains("Invalid UTF-8");
      long at =
          e instanceof StreamReadException s && s.getLocation() != null
              ? s.getLocation().getByteOffset()
              : -1;
      records.skipCurrentRecord(
          new Problem(
              utf8 ? SkipReasons.RECORD_INVALID_UTF8 : SkipReasons.RECORD_BAD_JSON,
              offset,
              utf8 ? "invalid UTF-8" : "bad JSON",
              "payload byte " + at + " of " + length,
              shorten(message),
              "record skipped"));
      return;
    }
    commitRecord();
  }

  /** Commits the counters and pairs of a record whose whole payload parsed. */
  private void commitRecord() {
    stats.metadataRecord(links, linksWithPairs, linksWithoutText, recordPairs.size());
    commitLinkCounters();
  }

  /** Commits the link and text counters and the pairs of a record read completely. */
  private void commitLinkCounters() {
    stats.skip(SkipReasons.TEXT_NOT_STRING, textNotString);
    stats.skip(SkipReasons.TEXT_EMPTY, textEmpty);
    stats.skip(SkipReasons.LINK_URL_NOT_STRING, urlNotString);
    stats.skip(SkipReasons.LINK_SCHEME_NOT_HTTP, schemeNotHttp);
    stats.skip(SkipReasons.LINK_UNRESOLVABLE, unresolvable);
    stats.skip(SkipReasons.LINK_URL_TOO_LONG, urlTooLong);
    stats.skip(SkipReasons.JSON_WRONG_TYPE, wrongType);
    stats.skip(SkipReasons.JSON_LINK_NOT_OBJECT, linkNotObject);
    if (wrongTypeProblem != null) {
      stats.problem(wrongTypeProblem);
    }
    ready.addAll(recordPairs);
    recordPairs.clear();
  }

  /**
   * Whether a payload must be parsed: it has the bytes {@code IMG@/src}, a {@code \\u} or {@code
   * \\/} escape that could spell them, or a non-ASCII byte (which may be invalid UTF-8). One pass
   * over the bytes, much cheaper than tokenizing.
   */
  static boolean mayHoldImageLink(byte[] b, int length) {
    for (int i = 0; i < length; i++) {
      byte c = b[i];
      if (c == '@') {
        if (i >= 3
            && i + 4 < length
            && b[i - 3] == 'I'
            && b[i - 2] == 'M'
            && b[i - 1] == 'G'
            && b[i + 1] == '/'
            && b[i + 2] == 's'
            && b[i + 3] == 'r'
            && b[i + 4] == 'c') {
          return true;
        }
      } else if (c < 0 || (c == '\\' && i + 1 < length && (b[i + 1] == 'u' || b[i + 1] == '/'))) {
        // non-ASCII goes to the parser too, so that invalid UTF-8 is always found and counted;
        // "IMG@\/src" is the same JSON string as "IMG@/src" (writers that escape '/' produce it)
        return true;
      }
    }
    return false;
  }

  /** Counts an image link and turns it into pairs (at most one per text key). */
  private void imageLink(String url, String[] texts) {
    links++;
    if (url == null) {
      urlNotString++;
      return;
    }
    String resolved =
        UrlResolver.resolve(pageBase(), TextValues.stripAsciiWhitespace(url)).orElse(null);
    if (resolved == null) {
      unresolvable++;
      return;
    }
    if (!UrlResolver.isHttp(resolved)) {
      schemeNotHttp++;
      return;
    }
    if (resolved.length() > options.maxUrlChars()) {
      urlTooLong++;
      return;
    }
    String uuid = null;
    for (int k = 0; k < PayloadWalk.TEXT_KEYS.length; k++) {
      String raw = texts[k];
      if (raw == null) {
        continue;
      }
      if (raw == PayloadWalk.NOT_STRING) {
        textNotString++;
        continue;
      }
      String text = TextValues.cleanText(raw);
      if (text.isEmpty()) {
        textEmpty++;
        continue;
      }
      if (uuid == null) {
        uuid = ImageUuid.of(resolved);
      }
      recordPairs.add(
          new ImageTextPair(
              uuid,
              resolved,
              PayloadWalk.TEXT_KEYS[k],
              text,
              pageUrl,
              shard,
              records.recordOffset()));
    }
    if (uuid != null) {
      linksWithPairs++;
    } else {
      linksWithoutText++;
    }
  }

  private UrlResolver.Base pageBase() {
    if (pageBase == null) {
      pageBase = UrlResolver.Base.of(pageUrl);
    }
    return pageBase;
  }

  private void wrongType(String field, String actual) {
    wrongType++;
    if (wrongTypeProblem == null) {
      wrongTypeProblem =
          Problem.of(
              SkipReasons.JSON_WRONG_TYPE,
              records.recordOffset(),
              "unexpected JSON type",
              field
                  + " is "
                  + actual
                  + " where "
                  + (field.equals("Links") ? "an array" : "an object")
                  + " is expected",
              "no links read from it");
    }
  }

  private void resetRecordCounters() {
    links = 0;
    linksWithPairs = 0;
    linksWithoutText = 0;
    textNotString = 0;
    textEmpty = 0;
    urlNotString = 0;
    schemeNotHttp = 0;
    unresolvable = 0;
    urlTooLong = 0;
    wrongType = 0;
    linkNotObject = 0;
    wrongTypeProblem = null;
    imgLazyOnly = 0;
    imgNoSrc = 0;
    recordPairs.clear();
  }

  private static String shorten(String s) {
    if (s == null) {
      return "";
    }
    String oneLine = s.replace('\n', ' ');
    return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
  }

  /** Closes the underlying stream. */
  @Override
  public void close() throws IOException {
    done = true;
    if (records != null) {
      records.close();
    } else {
      raw.close();
    }
  }
}
