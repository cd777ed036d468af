package org.metaclipspark.curation.wat;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mozilla.universalchardet.UniversalDetector;

/**
 * The charset of an HTML payload, by spec section 4b.4: from its first {@value #SAMPLE_BYTES}
 * bytes, the HTTP {@code Content-Type} header's {@code charset=} when Java knows it, else the
 * {@code charset=} of a {@code <meta http-equiv="Content-Type" content="…">} tag, else Mozilla's
 * universal detector (juniversalchardet), else UTF-8. A name containing {@code iso-8859-1} or
 * {@code iso8859-1} (any case) means windows-1252.
 *
 * <p>Static and thread-safe; each detection makes one detector.
 */
final class HtmlCharset {

  /** How many payload bytes the meta scan and the detector look at. */
  static final int SAMPLE_BYTES = 8192;

  /** Where a charset came from: the values of {@link #from(int)}. */
  static final int FROM_HTTP = 0;

  static final int FROM_META = 1;
  static final int FROM_DETECTOR = 2;
  static final int FROM_DEFAULT = 3;

  private static final String[] FROM = {"http", "meta", "detector", "default"};

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** A {@code meta} tag, to its first {@code >}. */
  private static final Pattern META = Pattern.compile("<meta\\s[^>]*>", Pattern.CASE_INSENSITIVE);

  private static final Pattern HTTP_EQUIV_CONTENT_TYPE =
      Pattern.compile(
          "http-equiv\\s*=\\s*[\"']?\\s*content-type\\b(?!-)", Pattern.CASE_INSENSITIVE);

  private static final Pattern CONTENT =
      Pattern.compile(
          "(?<![-\\w])content\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))",
          Pattern.CASE_INSENSITIVE);

  private HtmlCharset() {}

  /** The name of a {@code FROM_*} constant: {@code http}, {@code meta}, {@code detector}. */
  static String from(int from) {
    return FROM[from];
  }

  /**
   * The charset of {@code b[start, end)}, and in {@code from[0]} where it came from.
   *
   * @param contentType the value of the HTTP header named exactly {@code Content-Type}, or null
   */
  static Charset of(String contentType, byte[] b, int start, int end, int[] from) {
    String name = contentType == null ? null : charsetParameter(contentType);
    from[0] = FROM_HTTP;
    int sampleEnd = Math.min(end, start + SAMPLE_BYTES);
    if (name == null) {
      name = fromMeta(b, start, sampleEnd);
      from[0] = FROM_META;
    }
    if (name == null) {
      name = detect(b, start, sampleEnd);
      from[0] = FROM_DETECTOR;
    }
    if (name == null) {
      from[0] = FROM_DEFAULT;
      return StandardCharsets.UTF_8;
    }
    return charset(name);
  }

  /**
   * The text after {@code charset=} (any case) to the end of a content type, when Java knows it as
   * it is or without its spaces; else null. Quotes and later parameters are not removed, as the
   * generator does not remove them.
   */
  static String charsetParameter(String contentType) {
    int at = contentType.toUpperCase(Locale.ROOT).indexOf("CHARSET=");
    if (at < 0) {
      return null;
    }
    String name = contentType.substring(at + "CHARSET=".length());
    if (supported(name)) {
      return name;
    }
    String squeezed = name.replace(" ", "");
    return supported(squeezed) ? squeezed : null;
  }

  /** The charset a known name means: ISO-8859-1 and its kin are read as windows-1252. */
  static Charset charset(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.contains("iso-8859-1") || lower.contains("iso8859-1")) {
      return WINDOWS_1252;
    }
    return Charset.forName(name);
  }

  private static boolean supported(String name) {
    try {
      return !name.isEmpty() && Charset.isSupported(name);
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }

  /** The charset of the first {@code <meta http-equiv="Content-Type" content=…>} that names one. */
  private static String fromMeta(byte[] b, int start, int end) {
    if (!mayHoldMeta(b, start, end)) {
      return null;
    }
    String sample = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    Matcher meta = META.matcher(sample);
    while (meta.find()) {
      String tag = meta.group();
      if (!HTTP_EQUIV_CONTENT_TYPE.matcher(tag).find()) {
        continue;
      }
      Matcher content = CONTENT.matcher(tag);
      if (content.find()) {
        String value = content.group(1);
        if (value == null) {
          value = content.group(2) != null ? content.group(2) : content.group(3);
        }
        String name = charsetParameter(value);
        if (name != null) {
          return name;
        }
      }
    }
    return null;
  }

  /** Whether the bytes hold {@code <meta} in any case: a cheap test before the regex. */
  private static boolean mayHoldMeta(byte[] b, int start, int end) {
    for (int i = start; i + 5 <= end; i++) {
      if (b[i] == '<'
          && (b[i + 1] | 0x20) == 'm'
          && (b[i + 2] | 0x20) == 'e'
          && (b[i + 3] | 0x20) == 't'
          && (b[i + 4] | 0x20) == 'a') {
        return true;
      }
    }
    return false;
  }

  /** juniversalchardet's answer for the sample when Java knows it, else null. */
  private static String detect(byte[] b, int start, int end) {
    UniversalDetector detector = new UniversalDetector(null);
    detector.handleData(b, start, end - start);
    detector.dataEnd();
    String name = detector.getDetectedCharset();
    return name != null && supported(name) ? name : null;
  }
}
