package org.metaclipspark.curation.wat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The JSON walk of one WAT payload, apart from the record iterator: finds the link objects of
 * {@code Envelope.Payload-Metadata.HTTP-Response-Metadata.HTML-Metadata.Links} and hands each image
 * link (one whose {@code path} starts with {@code IMG@/src}) to a {@link Visitor}, with its {@code
 * url} and the three text keys. Every other value is only checked for well-formedness.
 *
 * <p>Two walks give the same visits. {@link #withJackson} runs on Jackson's streaming parser and
 * decides every payload: well-formed or not, and if not, why. {@link #fast} is a byte scanner for
 * the common case: it accepts only payloads that are plain RFC 8259 JSON in strictly valid UTF-8,
 * nested at most {@value #MAX_DEPTH} deep, with no escapes in the names it compares; it returns
 * false on anything else (including every payload Jackson rejects), and the caller then discards
 * its visits and runs {@link #withJackson}. Being stricter than Jackson is what keeps the two
 * equal: whatever {@link #fast} accepts, Jackson accepts with the same values.
 *
 * <p>Rules of the walk, shared by both: when an object repeats a key on the path, every occurrence
 * is walked; a path value of the wrong type is counted once per occurrence; within a link, fields
 * are read while the last {@code path} seen (or none yet) is an image path, so a later duplicate
 * {@code path} does not bring back values skipped after an earlier non-image one.
 *
 * <p>Stateless apart from the visitor; thread-safe.
 */
final class PayloadWalk {

  /** Receives what a walk finds, in payload order. */
  interface Visitor {
    /**
     * An image link.
     *
     * @param url its {@code url}, or null when absent or not a string
     * @param texts {@code alt}, {@code title}, {@code data-image-title}: each null when absent,
     *     {@link #NOT_STRING} when not a string, else the value; reused, read it before returning
     */
    void imageLink(String url, String[] texts);

    /** An element of {@code Links} that is not an object. */
    void linkNotObject();

    /**
     * A value on the path with the wrong type.
     *
     * @param field the key of the value, or {@code "the payload"} for the root
     * @param actual the type found, e.g. {@code "an array"}
     */
    void wrongType(String field, String actual);
  }

  /** The parser factory of {@link #withJackson}: standard JSON plus NaN and Infinity, no limits. */
  static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxNumberLength(Integer.MAX_VALUE)
                  .build())
          .build();

  /** Marks a text key whose value is present but not a string. */
  static final String NOT_STRING = new String("<not a string>");

  static final String[] TEXT_KEYS = {"alt", "title", "data-image-title"};

  private static final String[] LINKS_PATH = {
    "Envelope", "Payload-Metadata", "HTTP-Response-Metadata", "HTML-Metadata", "Links"
  };
  private static final byte[][] LINKS_PATH_BYTES = new byte[LINKS_PATH.length][];
  private static final String IMG_SRC = "IMG@/src";
  private static final byte[] PATH = ascii("path");
  private static final byte[] URL = ascii("url");
  private static final byte[][] TEXT_KEY_BYTES = {
    ascii(TEXT_KEYS[0]), ascii(TEXT_KEYS[1]), ascii(TEXT_KEYS[2])
  };

  /** Nesting beyond which {@link #fast} leaves the payload to Jackson (whose limit is 1000). */
  static final int MAX_DEPTH = 200;

  /** Eight bytes of a {@code byte[]} at any offset as one little-endian long. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    for (int i = 0; i < LINKS_PATH.length; i++) {
      LINKS_PATH_BYTES[i] = ascii(LINKS_PATH[i]);
    }
  }

  private PayloadWalk() {}

  /**
   * Of eight bytes read little-endian (the first byte in the low lane), a word whose lowest set bit
   * is the high bit of the first lane that ends a plain run: below 0x20, from 0x80 up, '"' or '\\'.
   * A lane's high bit is set by {@code x - 0x20} when it is below 0x20, by {@code (x ^ c) - 1} when
   * it equals {@code c}, and by {@code x} itself from 0x80 up; a plain lane sets none and lends no
   * borrow to the lane above. A borrow can set lanes above a true one but never below it, so the
   * lowest set lane is exact, which is all {@code Scanner.plainRun} reads.
   */
  static long runStops(long x) {
    long ones = 0x0101010101010101L;
    return ((x - 0x20 * ones) | ((x ^ ('"' * ones)) - ones) | ((x ^ ('\\' * ones)) - ones) | x)
        & (0x80 * ones);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Walks the document of {@code p}, which must not have been read yet, to its end.
   *
   * @return false if the document is empty (no token at all), true otherwise
   * @throws IOException Jackson's exception for malformed JSON or invalid UTF-8
   */
  static boolean withJackson(JsonParser p, Visitor v) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      return false;
    }
    String[] texts = new String[TEXT_KEYS.length];
    if (t == JsonToken.START_OBJECT) {
      walk(p, 0, v, texts);
    } else {
      v.wrongType("the payload", describe(t));
      p.skipChildren();
    }
    if (p.nextToken() != null) {
      throw new JsonParseException(p, "unexpected content after the JSON document");
    }
    return true;
  }

  /** Walks an object at depth {@code level} of {@link #LINKS_PATH}; the parser is on its '{'. */
  private static void walk(JsonParser p, int level, Visitor v, String[] texts) throws IOException {
    String wanted = LINKS_PATH[level];
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (!wanted.equals(name)) {
        p.skipChildren();
      } else if (level == LINKS_PATH.length - 1) {
        if (value == JsonToken.START_ARRAY) {
          readLinks(p, v, texts);
        } else {
          v.wrongType(name, describe(value));
          p.skipChildren();
        }
      } else if (value == JsonToken.START_OBJECT) {
        walk(p, level + 1, v, texts);
      } else {
        v.wrongType(name, describe(value));
        p.skipChildren();
      }
    }
  }

  private static void readLinks(JsonParser p, Visitor v, String[] texts) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.START_OBJECT) {
        v.linkNotObject();
        p.skipChildren();
        continue;
      }
      readLink(p, v, texts);
    }
  }

  /** Reads one link object; the parser is on its '{'. */
  private static void readLink(JsonParser p, Visitor v, String[] texts) throws IOException {
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
    if (path != null && image) {
      v.imageLink(url, texts);
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

  /**
   * Walks {@code b[0..length)} without Jackson.
   *
   * @return true if the payload is JSON this scanner vouches for and every visit was made; false if
   *     it is not (malformed, or merely outside the scanner's subset), in which case the visits
   *     made so far are to be discarded
   */
  static boolean fast(byte[] b, int length, Visitor v) {
    try {
      new Scanner(b, length, v).document();
      return true;
    } catch (Unsupported e) {
      return false;
    }
  }

  /** Thrown, without a stack trace, when the scanner leaves a payload to Jackson. */
  private static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Unsupported INSTANCE = new Unsupported();

    private Unsupported() {
      super(null, null, false, false);
    }
  }

  private static final class Scanner {
    private final byte[] b;
    private final int end;
    private final Visitor v;
    private final String[] texts = new String[TEXT_KEYS.length];
    private int i;

    /** Start and end (exclusive) of the last name read. */
    private int nameStart;

    private int nameEnd;

    Scanner(byte[] b, int length, Visitor v) {
      this.b = b;
      this.end = length;
      this.v = v;
    }

    void document() {
      ws();
      if (i >= end || b[i] != '{') {
        throw Unsupported.INSTANCE; // empty or not an object: Jackson reports it
      }
      walk(0);
      ws();
      if (i != end) {
        throw Unsupported.INSTANCE;
      }
    }

    /** An object at depth {@code level} of the path; {@code i} is on its '{'. */
    private void walk(int level) {
      i++;
      ws();
      if (peek() == '}') {
        i++;
        return;
      }
      byte[] wanted = LINKS_PATH_BYTES[level];
      while (true) {
        name();
        colon();
        if (!nameIs(wanted)) {
          value(level + 1);
        } else if (level == LINKS_PATH.length - 1) {
          if (peek() == '[') {
            links(level + 1);
          } else {
            v.wrongType(LINKS_PATH[level], typeAt());
            value(level + 1);
          }
        } else if (peek() == '{') {
          walk(level + 1);
        } else {
          v.wrongType(LINKS_PATH[level], typeAt());
          value(level + 1);
        }
        if (endOfMembers('}')) {
          return;
        }
      }
    }

    private void links(int depth) {
      i++;
      ws();
      if (peek() == ']') {
        i++;
        return;
      }
      while (true) {
        if (peek() == '{') {
          link(depth + 1);
        } else {
          v.linkNotObject();
          value(depth + 1);
        }
        if (endOfMembers(']')) {
          return;
        }
      }
    }

    private void link(int depth) {
      String path = null;
      boolean image = true;
      String url = null;
      texts[0] = null;
      texts[1] = null;
      texts[2] = null;
      i++;
      ws();
      if (peek() == '}') {
        i++;
      } else {
        while (true) {
          name();
          colon();
          if (nameIs(PATH)) {
            path = peek() == '"' ? string() : null;
            if (path == null) {
              value(depth + 1);
            }
            image = path != null && path.startsWith(IMG_SRC);
          } else if (!image) {
            value(depth + 1);
          } else if (nameIs(URL)) {
            url = peek() == '"' ? string() : null;
            if (url == null) {
              value(depth + 1);
            }
          } else {
            int k = textKey(nameEnd - nameStart);
            if (k < 0) {
              value(depth + 1);
            } else if (peek() == '"') {
              texts[k] = string();
            } else {
              texts[k] = NOT_STRING;
              value(depth + 1);
            }
          }
          if (endOfMembers('}')) {
            break;
          }
        }
      }
      if (path != null && image) {
        v.imageLink(url, texts);
      }
    }

    private int textKey(int n) {
      for (int k = 0; k < TEXT_KEY_BYTES.length; k++) {
        if (n == TEXT_KEY_BYTES[k].length && nameIs(TEXT_KEY_BYTES[k])) {
          return k;
        }
      }
      return -1;
    }

    private boolean nameIs(byte[] wanted) {
      return nameEnd - nameStart == wanted.length
          && java.util.Arrays.equals(b, nameStart, nameEnd, wanted, 0, wanted.length);
    }

    /** After a member: true at the closing bracket (consumed), false after a ',' (consumed). */
    private boolean endOfMembers(char close) {
      ws();
      int c = peek();
      if (c == ',') {
        i++;
        ws();
        return false;
      }
      if (c == close) {
        i++;
        return true;
      }
      throw Unsupported.INSTANCE;
    }

    private void colon() {
      ws();
      if (peek() != ':') {
        throw Unsupported.INSTANCE;
      }
      i++;
      ws();
    }

    /** A member name; names with escapes are left to Jackson, which decodes them. */
    private void name() {
      if (peek() != '"') {
        throw Unsupported.INSTANCE;
      }
      nameStart = ++i;
      if (skipStringBody()) {
        throw Unsupported.INSTANCE;
      }
      nameEnd = i - 1;
    }

    /** Any value, checked and passed over; {@code depth} is its nesting. */
    private void value(int depth) {
      if (depth > MAX_DEPTH) {
        throw Unsupported.INSTANCE;
      }
      int c = peek();
      switch (c) {
        case '{':
          i++;
          ws();
          if (peek() == '}') {
            i++;
            return;
          }
          do {
            name();
            colon();
            value(depth + 1);
          } while (!endOfMembers('}'));
          return;
        case '[':
          i++;
          ws();
          if (peek() == ']') {
            i++;
            return;
          }
          do {
            value(depth + 1);
          } while (!endOfMembers(']'));
          return;
        case '"':
          i++;
          skipStringBody();
          return;
        case 't':
          literal('t', 'r', 'u', 'e');
          return;
        case 'f':
          literal('f', 'a', 'l', 's', 'e');
          return;
        case 'n':
          literal('n', 'u', 'l', 'l');
          return;
        default:
          number();
      }
    }

    private void literal(char... c) {
      if (end - i < c.length) {
        throw Unsupported.INSTANCE;
      }
      for (char x : c) {
        if (b[i++] != x) {
          throw Unsupported.INSTANCE;
        }
      }
      delimiter();
    }

    /** RFC 8259 numbers only; NaN, Infinity and the like are left to Jackson. */
    private void number() {
      if (peek() == '-') {
        i++;
      }
      int c = peek();
      if (c == '0') {
        i++;
      } else if (c >= '1' && c <= '9') {
        digits();
      } else {
        throw Unsupported.INSTANCE;
      }
      if (peek() == '.') {
        i++;
        if (!isDigit(peek())) {
          throw Unsupported.INSTANCE;
        }
        digits();
      }
      c = peek();
      if (c == 'e' || c == 'E') {
        i++;
        c = peek();
        if (c == '+' || c == '-') {
          i++;
        }
        if (!isDigit(peek())) {
          throw Unsupported.INSTANCE;
        }
        digits();
      }
      delimiter();
    }

    private void digits() {
      while (isDigit(peek())) {
        i++;
      }
    }

    private static boolean isDigit(int c) {
      return c >= '0' && c <= '9';
    }

    /** A scalar must be followed by white space, ',', '}', ']' or the end. */
    private void delimiter() {
      int c = peek();
      if (!(c == -1 || c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r'
          || c == '\t')) {
        throw Unsupported.INSTANCE;
      }
    }

    /** A string value, decoded; {@code i} is on its opening quote. */
    private String string() {
      int start = ++i;
      boolean plain = true;
      boolean ascii = true;
      while (true) {
        i = plainRun(i);
        int c = i < end ? b[i] : -1000;
        if (c == '"') {
          break;
        } else if (c == '\\') {
          escape();
          plain = false;
        } else if (c < 0 && c != -1000) {
          utf8();
          ascii = false;
        } else {
          throw Unsupported.INSTANCE;
        }
      }
      int stop = i++;
      if (plain) {
        return new String(b, start, stop - start, ascii ? StandardCharsets.ISO_8859_1 : UTF8);
      }
      return decodeEscaped(start, stop);
    }

    private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

    /** Decodes {@code b[from..to)}, a checked string body with escapes. */
    private String decodeEscaped(int from, int to) {
      StringBuilder sb = new StringBuilder(to - from);
      int run = from;
      int k = from;
      while (k < to) {
        if (b[k] != '\\') {
          k++;
          continue;
        }
        if (k > run) {
          sb.append(new String(b, run, k - run, UTF8));
        }
        byte e = b[k + 1];
        switch (e) {
          case 'b':
            sb.append('\b');
            break;
          case 'f':
            sb.append('\f');
            break;
          case 'n':
            sb.append('\n');
            break;
          case 'r':
            sb.append('\r');
            break;
          case 't':
            sb.append('\t');
            break;
          case 'u':
            sb.append((char) Integer.parseInt(new String(b, k + 2, 4, UTF8), 16));
            k += 4;
            break;
          default: // '"', '\\' or '/', all checked by escape()
            sb.append((char) e);
        }
        k += 2;
        run = k;
      }
      if (to > run) {
        sb.append(new String(b, run, to - run, UTF8));
      }
      return sb.toString();
    }

    /**
     * Passes over a string body, {@code i} just after its opening quote, to just after its closing
     * quote; returns whether it had escapes.
     */
    private boolean skipStringBody() {
      boolean escaped = false;
      while (true) {
        i = plainRun(i);
        if (i >= end) {
          throw Unsupported.INSTANCE;
        }
        byte c = b[i];
        if (c == '"') {
          i++;
          return escaped;
        }
        if (c == '\\') {
          escape();
          escaped = true;
        } else if (c < 0) {
          utf8();
        } else {
          throw Unsupported.INSTANCE; // an unescaped control character
        }
      }
    }

    /**
     * The end of the run of printable ASCII other than '"' and '\\' that starts at {@code j}.
     * String bodies are most of a payload's bytes, so they are passed over eight at a time; see
     * {@link PayloadWalk#runStops}.
     */
    private int plainRun(int j) {
      byte[] bytes = b;
      int stop = end;
      for (int last = stop - Long.BYTES; j <= last; j += Long.BYTES) {
        long stops = runStops((long) LONGS.get(bytes, j));
        if (stops != 0) {
          return j + (Long.numberOfTrailingZeros(stops) >>> 3);
        }
      }
      while (j < stop) {
        byte c = bytes[j];
        if (c < 0x20 || c == '"' || c == '\\') {
          return j;
        }
        j++;
      }
      return j;
    }

    /** Checks the escape at {@code i} ('\\') and passes over it. */
    private void escape() {
      if (end - i < 2) {
        throw Unsupported.INSTANCE;
      }
      switch (b[i + 1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          i += 2;
          return;
        case 'u':
          if (end - i < 6) {
            throw Unsupported.INSTANCE;
          }
          for (int k = i + 2; k < i + 6; k++) {
            int h = b[k];
            if (!(isDigit(h) || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
              throw Unsupported.INSTANCE;
            }
          }
          i += 6;
          return;
        default:
          throw Unsupported.INSTANCE;
      }
    }

    /**
     * Checks one strictly valid UTF-8 sequence at {@code i} (no overlong forms, no surrogates, at
     * most U+10FFFF) and passes over it.
     */
    private void utf8() {
      int c = b[i] & 0xFF;
      int n;
      int lo = 0x80;
      int hi = 0xBF;
      if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
        if (c == 0xE0) {
          lo = 0xA0;
        } else if (c == 0xED) {
          hi = 0x9F;
        }
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
        if (c == 0xF0) {
          lo = 0x90;
        } else if (c == 0xF4) {
          hi = 0x8F;
        }
      } else {
        throw Unsupported.INSTANCE;
      }
      if (end - i <= n) {
        throw Unsupported.INSTANCE;
      }
      int c1 = b[i + 1] & 0xFF;
      if (c1 < lo || c1 > hi) {
        throw Unsupported.INSTANCE;
      }
      for (int k = 2; k <= n; k++) {
        if ((b[i + k] & 0xC0) != 0x80) {
          throw Unsupported.INSTANCE;
        }
      }
      i += n + 1;
    }

    /** The type of the value at {@code i}, as {@link #describe} names it. */
    private String typeAt() {
      switch (peek()) {
        case '[':
          return "an array";
        case '{':
          return "an object";
        case '"':
          return "a string";
        case 'n':
          return "null";
        case 't':
        case 'f':
          return "a boolean";
        default:
          return "a number"; // anything else is checked by value(), which throws if not a number
      }
    }

    /** The byte at {@code i} as 0..255, or -1 at the end. */
    private int peek() {
      return i < end ? b[i] & 0xFF : -1;
    }

    private void ws() {
      byte[] bytes = b;
      int j = i;
      int stop = end;
      while (j < stop) {
        byte c = bytes[j];
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
          break;
        }
        j++;
      }
      i = j;
    }
  }
}
