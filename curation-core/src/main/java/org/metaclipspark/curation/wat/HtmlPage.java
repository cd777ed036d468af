package org.metaclipspark.curation.wat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jsoup.parser.Parser;

/**
 * The {@code IMG@/src} links of one WARC response record's block, by spec section 4b.1 to 4b.6: the
 * HTTP status line and header block, the HTML test, the payload bytes, the charset, the tags
 * ({@link ImgTagLexer}), and each link's values entity-decoded as jsoup decodes attribute values.
 *
 * <p>Not thread-safe: it keeps a character buffer and decoders for reuse, so a reader uses one.
 */
final class HtmlPage {

  /** {@link #read} results: the record is HTML and its tags were read. */
  static final int HTML = 0;

  /** The block is no HTTP response: no {@code HTTP/} status line. */
  static final int BAD_HTTP_HEADER = 1;

  /** The record is not HTML (section 4b.2). */
  static final int NOT_HTML = 2;

  /** Receives what a page yields. */
  interface Links {
    /**
     * One link: {@code url} decoded and {@code data:}-trimmed, {@code alt}, {@code title} or null.
     */
    void imageLink(String url, String alt, String title);

    /** An {@code img} tag without a {@code src} value ({@code lazy}: it has srcset or data-src). */
    void imgWithoutSrc(boolean lazy);
  }

  private static final byte[] HTTP_PREFIX = {'H', 'T', 'T', 'P', '/'};

  /** Longest kept {@code data:} URL without a comma (the generator's {@code trimDataUrl}). */
  private static final int DATA_URL_CHARS = 128;

  /**
   * Which generator's rules a page is read by. Spec section 4b follows {@link #COMMON_CRAWL_2025};
   * {@link #WEBARCHIVE_COMMONS_1_3} is the upstream library Common Crawl's generator is a fork of,
   * whose WAT records differ in known ways, and is used only to compare against it.
   *
   * @param decodeEntities whether attribute values are entity-decoded as jsoup decodes them
   * @param consultPayloadType whether {@code WARC-Identified-Payload-Type} decides the HTML test
   * @param bodyEndsAtAnyEndTag whether a {@code script} or {@code style} body ends at the first
   *     {@code </} followed by a letter rather than at its own closing tag
   */
  record Rules(boolean decodeEntities, boolean consultPayloadType, boolean bodyEndsAtAnyEndTag) {

    /** Spec section 4b: Common Crawl's WAT generator as it runs in 2025. */
    static final Rules COMMON_CRAWL_2025 = new Rules(true, true, false);

    /** Upstream {@code webarchive-commons} 1.3.0: none of the three 2019–2025 changes. */
    static final Rules WEBARCHIVE_COMMONS_1_3 = new Rules(false, false, true);
  }

  private final Rules rules;
  private final ImgTagLexer lexer;

  /** A page reader by the rules of spec section 4b. */
  HtmlPage() {
    this(Rules.COMMON_CRAWL_2025);
  }

  /** A page reader by {@code rules}. */
  HtmlPage(Rules rules) {
    this.rules = rules;
    this.lexer = new ImgTagLexer(rules.bodyEndsAtAnyEndTag());
  }

  private final Map<Charset, CharsetDecoder> decoders = new HashMap<>();
  private final int[] from = new int[1];

  /**
   * The decode buffer's size at first, and after a page that needed more than {@link #KEEP_CHARS}.
   */
  private static final int DEFAULT_CHARS = 1 << 16;

  /** The largest decode buffer kept from one page to the next (8 MB of chars). */
  static final int KEEP_CHARS = 1 << 22;

  private char[] chars = new char[DEFAULT_CHARS];

  // what the last read found
  private String contentTypeExact;
  private String contentTypeAnyCase;
  private String contentEncoding;
  private long contentLength;
  private int payloadStart;
  private int payloadEnd;
  private Charset charset;

  /**
   * Reads {@code block[0, length)}: returns {@link #HTML} after handing its links to {@code out},
   * or why it yields nothing.
   *
   * @param identifiedPayloadType the record's {@code WARC-Identified-Payload-Type} when it is
   *     present once and not empty, else null
   */
  int read(byte[] block, int length, String identifiedPayloadType, Links out) {
    if (!httpHead(block, length)) {
      return BAD_HTTP_HEADER;
    }
    if (!isHtml(identifiedPayloadType)) {
      return NOT_HTML;
    }
    payloadEnd = length;
    if (contentLength >= 0 && contentLength < payloadEnd - payloadStart) {
      payloadEnd = payloadStart + (int) contentLength;
    }
    charset = null;
    if (payloadEnd == payloadStart) {
      return HTML;
    }
    charset = HtmlCharset.of(contentTypeExact, block, payloadStart, payloadEnd, from);
    int n = decode(block, payloadStart, payloadEnd, charset);
    lexer.lex(
        chars,
        n,
        new ImgTagLexer.Sink() {
          @Override
          public void img(String src, String alt, String title) {
            out.imageLink(trimDataUrl(decode(src)), decode(alt), decode(title));
          }

          @Override
          public void imgWithoutSrc(boolean lazy) {
            out.imgWithoutSrc(lazy);
          }
        });
    return HTML;
  }

  /** An attribute value decoded as jsoup decodes attribute values, when the rules say so. */
  private String decode(String value) {
    return value == null || !rules.decodeEntities() ? value : Parser.unescapeEntities(value, true);
  }

  /** The charset the last HTML page was decoded with, or null for an empty payload. */
  Charset charset() {
    return charset;
  }

  /** Where {@link #charset()} came from: {@code http}, {@code meta}, {@code detector}, … */
  String charsetFrom() {
    return charset == null ? "empty" : HtmlCharset.from(from[0]);
  }

  /**
   * Whether the last page's HTTP {@code Content-Encoding} names a compression: its body, not
   * decompressed, holds no tags.
   */
  boolean compressed() {
    if (contentEncoding == null) {
      return false;
    }
    String e = contentEncoding.trim().toLowerCase(Locale.ROOT);
    return !e.isEmpty() && !e.equals("identity") && !e.equals("none");
  }

  /**
   * Parses the status line and header block (section 4b.1), leniently: the block must start with
   * {@code HTTP/}; header lines end at LF with an optional CR, lines without a colon are ignored,
   * and the header block ends at an empty line or at the end of the block. Keeps the first {@code
   * Content-Type} by name ignoring case (for the HTML test), the one named exactly {@code
   * Content-Type} when it is given once (for the charset), and the first {@code Content-Length} and
   * {@code Content-Encoding}.
   */
  private boolean httpHead(byte[] b, int length) {
    contentTypeExact = null;
    contentTypeAnyCase = null;
    contentEncoding = null;
    contentLength = -1;
    boolean contentLengthSeen = false;
    boolean contentTypeExactSeen = false;
    if (length < HTTP_PREFIX.length
        || !java.util.Arrays.equals(b, 0, HTTP_PREFIX.length, HTTP_PREFIX, 0, HTTP_PREFIX.length)) {
      return false;
    }
    int p = nextLine(b, 0, length);
    while (p < length) {
      int nl = p;
      while (nl < length && b[nl] != '\n') {
        nl++;
      }
      int end = nl > p && b[nl - 1] == '\r' ? nl - 1 : nl;
      int next = nl < length ? nl + 1 : length;
      if (end == p) {
        p = next;
        break;
      }
      int colon = p;
      while (colon < end && b[colon] != ':') {
        colon++;
      }
      if (colon < end) {
        int ne = colon;
        while (ne > p && (b[ne - 1] == ' ' || b[ne - 1] == '\t')) {
          ne--;
        }
        String name = new String(b, p, ne - p, StandardCharsets.ISO_8859_1);
        if (name.equalsIgnoreCase("content-type")) {
          String value = value(b, colon + 1, end);
          if (contentTypeAnyCase == null) {
            contentTypeAnyCase = value;
          }
          if (name.equals("Content-Type")) {
            // given twice, the header's values are read as one, whose charset Java does not know
            contentTypeExact = contentTypeExactSeen ? null : value;
            contentTypeExactSeen = true;
          }
        } else if (!contentLengthSeen && name.equalsIgnoreCase("content-length")) {
          contentLengthSeen = true;
          contentLength = parseLength(value(b, colon + 1, end));
        } else if (contentEncoding == null && name.equalsIgnoreCase("content-encoding")) {
          contentEncoding = value(b, colon + 1, end);
        }
      }
      p = next;
    }
    payloadStart = Math.min(p, length);
    return true;
  }

  /** Section 4b.2: the payload type when given, else an HTTP Content-Type containing html. */
  private boolean isHtml(String identifiedPayloadType) {
    if (identifiedPayloadType != null && rules.consultPayloadType()) {
      return identifiedPayloadType.equals("text/html")
          || identifiedPayloadType.equals("application/xhtml+xml");
    }
    return contentTypeAnyCase != null
        && contentTypeAnyCase.toLowerCase(Locale.ROOT).contains("html");
  }

  /** The decode buffer's capacity in chars, for tests. */
  int bufferChars() {
    return chars.length;
  }

  /** Decodes {@code b[start, end)} into {@link #chars}; undecodable bytes become U+FFFD. */
  private int decode(byte[] b, int start, int end, Charset cs) {
    CharsetDecoder decoder =
        decoders.computeIfAbsent(
            cs,
            c ->
                c.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE));
    decoder.reset();
    int len = end - start;
    long need = (long) Math.ceil(len * (double) decoder.maxCharsPerByte()) + 16;
    // Grow to the page; after a page above KEEP_CHARS, go back to the default size at the next
    // page that fits it, so one 50 MB page does not pin 100 MB for the rest of the shard.
    if (chars.length < need || (chars.length > KEEP_CHARS && need <= DEFAULT_CHARS)) {
      chars = new char[(int) Math.min(Math.max(need, DEFAULT_CHARS), Integer.MAX_VALUE - 16)];
    }
    ByteBuffer in = ByteBuffer.wrap(b, start, len);
    CharBuffer out = CharBuffer.wrap(chars);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isOverflow()) {
      decoder.flush(out);
    }
    return out.position();
  }

  /**
   * A {@code data:} URL with a media type is cut after the comma that ends it ({@code
   * data:image/gif;base64,}); one without ({@code data:,text}, or no comma) is cut at 128
   * characters. This is what the generator's {@code trimDataUrl} leaves, as the shared {@code
   * links.jsonl} files show.
   */
  static String trimDataUrl(String url) {
    if (url.regionMatches(true, 0, "data:", 0, 5)) {
      int comma = url.indexOf(',', 5);
      if (comma > 5) {
        return url.substring(0, comma + 1);
      }
      if (url.length() > DATA_URL_CHARS) {
        return url.substring(0, DATA_URL_CHARS);
      }
    }
    return url;
  }

  private static int nextLine(byte[] b, int p, int length) {
    while (p < length && b[p] != '\n') {
      p++;
    }
    return p < length ? p + 1 : length;
  }

  private static String value(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1).trim();
  }

  private static long parseLength(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(s);
  }
}
