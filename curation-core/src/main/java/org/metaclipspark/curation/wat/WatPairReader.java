package org.metaclipspark.curation.wat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Streams the image-text pairs of one WAT shard in file order (spec §4).
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

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .build())
          .build();

  private static final String[] LINKS_PATH = {
    "Envelope", "Payload-Metadata", "HTTP-Response-Metadata", "HTML-Metadata", "Links"
  };
  private static final String IMG_SRC = "IMG@/src";
  private static final String[] TEXT_KEYS = {"alt", "title", "data-image-title"};

  /** Marks a text key whose value is present but not a string. */
  private static final String NOT_STRING = new String("<not a string>");

  private final InputStream raw;
  private final String shard;
  private final WatReaderOptions options;
  private final ShardStats stats;
  private final ArrayDeque<ImageTextPair> ready = new ArrayDeque<>();
  private final ArrayDeque<ImageTextPair> recordPairs = new ArrayDeque<>();
  private final String[] texts = new String[TEXT_KEYS.length];
  private WarcRecordReader records;
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
  private String wrongTypeMessage;

  private WatPairReader(InputStream raw, String shard, WatReaderOptions options) {
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
    return new WatPairReader(
        Objects.requireNonNull(raw, "raw"),
        Objects.requireNonNull(shardName, "shardName"),
        Objects.requireNonNull(options, "options"));
  }

  /** Live accounting of this shard, complete once {@link #hasNext()} has returned false. */
  public ShardStats stats() {
    return stats;
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
          records = new WarcRecordReader(ShardInput.open(raw), shard, options, stats);
        }
        if (records.nextMetadataRecord()) {
          extract();
        } else {
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
    String pageUrl = records.targetUri();
    resetRecordCounters();
    if (!options.parseAllPayloads() && !mayHoldImageLink(block, length)) {
      stats.metadataRecord(0, 0, 0, 0);
      return;
    }
    try (JsonParser p = JSON.createParser(block, 0, length)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        records.skipCurrentRecord(
            SkipReasons.RECORD_BAD_JSON,
            "bad JSON at offset "
                + offset
                + " in "
                + shard
                + ": the payload is empty; record skipped");
        return;
      }
      if (t == JsonToken.START_OBJECT) {
        walk(p, 0, pageUrl, offset);
      } else {
        wrongType("the payload", t, offset);
        p.skipChildren();
      }
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "unexpected content after the JSON document");
      }
    } catch (IOException e) {
      recordPairs.clear();
      String message = e instanceof StreamReadException s ? s.getOriginalMessage() : e.toString();
      boolean utf8 = message != null && message.contains("Invalid UTF-8");
      records.skipCurrentRecord(
          utf8 ? SkipReasons.RECORD_INVALID_UTF8 : SkipReasons.RECORD_BAD_JSON,
          (utf8 ? "invalid UTF-8" : "bad JSON")
              + " at offset "
              + offset
              + " in "
              + shard
              + " (payload byte "
              + (e instanceof StreamReadException s && s.getLocation() != null
                  ? s.getLocation().getByteOffset()
                  : -1)
              + " of "
              + length
              + "): "
              + shorten(message)
              + "; record skipped");
      return;
    }
    stats.metadataRecord(links, linksWithPairs, linksWithoutText, recordPairs.size());
    stats.skip(SkipReasons.TEXT_NOT_STRING, textNotString);
    stats.skip(SkipReasons.TEXT_EMPTY, textEmpty);
    stats.skip(SkipReasons.LINK_URL_NOT_STRING, urlNotString);
    stats.skip(SkipReasons.LINK_SCHEME_NOT_HTTP, schemeNotHttp);
    stats.skip(SkipReasons.LINK_UNRESOLVABLE, unresolvable);
    stats.skip(SkipReasons.LINK_URL_TOO_LONG, urlTooLong);
    stats.skip(SkipReasons.JSON_WRONG_TYPE, wrongType);
    stats.skip(SkipReasons.JSON_LINK_NOT_OBJECT, linkNotObject);
    if (wrongTypeMessage != null) {
      stats.problem(wrongTypeMessage);
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

  /** Walks an object at depth {@code level} of {@link #LINKS_PATH}; the parser is on its '{'. */
  private void walk(JsonParser p, int level, String pageUrl, long offset) throws IOException {
    String wanted = LINKS_PATH[level];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (!wanted.equals(name)) {
        p.skipChildren();
      } else if (level == LINKS_PATH.length - 1) {
        if (value == JsonToken.START_ARRAY) {
          readLinks(p, pageUrl);
        } else {
          wrongType(name, value, offset);
          p.skipChildren();
        }
      } else if (value == JsonToken.START_OBJECT) {
        walk(p, level + 1, pageUrl, offset);
      } else {
        wrongType(name, value, offset);
        p.skipChildren();
      }
    }
  }

  private void readLinks(JsonParser p, String pageUrl) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        linkNotObject++;
        p.skipChildren();
        continue;
      }
      readLink(p, pageUrl);
    }
  }

  /** Reads one link object; the parser is on its '{'. */
  private void readLink(JsonParser p, String pageUrl) throws IOException {
    String path = null;
    boolean image = true;
    String url = null;
    texts[0] = null;
    texts[1] = null;
    texts[2] = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if ("path".equals(name)) {
        path = value == JsonToken.VALUE_STRING ? p.getText() : null;
        image = path != null && path.startsWith(IMG_SRC);
        p.skipChildren();
      } else if (!image) {
        // not an image link: skip values without decoding them
        p.skipChildren();
      } else if ("url".equals(name)) {
        url = value == JsonToken.VALUE_STRING ? p.getText() : null;
        p.skipChildren();
      } else {
        int k = textKey(name);
        if (k >= 0) {
          texts[k] = value == JsonToken.VALUE_STRING ? p.getText() : NOT_STRING;
        }
        p.skipChildren();
      }
    }
    if (path == null || !image) {
      return;
    }
    links++;
    if (url == null) {
      urlNotString++;
      return;
    }
    String resolved =
        UrlResolver.resolve(pageUrl, TextValues.stripAsciiWhitespace(url)).orElse(null);
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
    for (int k = 0; k < TEXT_KEYS.length; k++) {
      String raw = texts[k];
      if (raw == null) {
        continue;
      }
      if (raw == NOT_STRING) {
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
              uuid, resolved, TEXT_KEYS[k], text, pageUrl, shard, records.recordOffset()));
    }
    if (uuid != null) {
      linksWithPairs++;
    } else {
      linksWithoutText++;
    }
  }

  private static int textKey(String name) {
    switch (name) {
      case "alt":
        return 0;
      case "title":
        return 1;
      case "data-image-title":
        return 2;
      default:
        return -1;
    }
  }

  private void wrongType(String field, JsonToken actual, long offset) {
    wrongType++;
    if (wrongTypeMessage == null) {
      wrongTypeMessage =
          "unexpected JSON type at offset "
              + offset
              + " in "
              + shard
              + ": "
              + field
              + " is "
              + describe(actual)
              + " where "
              + (field.equals("Links") ? "an array" : "an object")
              + " is expected; no links read from it";
    }
  }

  private static String describe(JsonToken t) {
    switch (t) {
      case START_ARRAY:
        return "an array";
      case START_OBJECT:
        return "an object";
      case VALUE_STRING:
        return "a string";
      case VALUE_NULL:
        return "null";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      default:
        return "a number";
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
    wrongTypeMessage = null;
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
