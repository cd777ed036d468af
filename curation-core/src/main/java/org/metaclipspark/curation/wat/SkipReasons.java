package org.metaclipspark.curation.wat;

import java.util.List;

/**
 * The skip reasons that {@link ShardStats#skipped()} counts, one constant per reason.
 *
 * <p>The prefix says what was skipped, and the accounting identities in {@link ShardStats} sum over
 * prefixes: {@code record.*} counts WARC records (or damaged stretches of the shard where a record
 * should be), {@code json.*} counts parts of a parsed payload, {@code link.*} counts image links,
 * {@code text.*} counts text values of kept image links, and {@code img.*} counts {@code img} tags
 * of WARC pages that give no link.
 */
public final class SkipReasons {

  /** The shard ends inside a record: in its WARC header, its block, or its gzip member. */
  public static final String RECORD_TRUNCATED = "record.truncated";

  /** A gzip member is damaged: bad header, invalid deflate data, CRC32 or ISIZE mismatch. */
  public static final String RECORD_CORRUPT_GZIP = "record.corrupt_gzip";

  /** The record's Content-Length is over {@link WatReaderOptions#maxRecordBytes()}. */
  public static final String RECORD_TOO_LARGE = "record.too_large";

  /** The WARC header lacks a valid Content-Length, or is over the header size limit. */
  public static final String RECORD_BAD_HEADER = "record.bad_header";

  /** Bytes where a record should start do not begin with a {@code WARC/} line. */
  public static final String RECORD_UNRECOGNIZED = "record.unrecognized";

  /** The metadata payload is not valid JSON (syntax, trailing content, empty payload). */
  public static final String RECORD_BAD_JSON = "record.bad_json";

  /** The metadata payload or the {@code WARC-Target-URI} holds bytes that are not UTF-8. */
  public static final String RECORD_INVALID_UTF8 = "record.invalid_utf8";

  /**
   * WARC shards: a record other than an HTTP {@code response} with a {@code WARC-Target-URI}
   * (requests, metadata, revisits, {@code dns:} responses), spec section 4b.1.
   */
  public static final String RECORD_NOT_RESPONSE = "record.not_response";

  /**
   * WARC shards: a response whose block does not start with an HTTP status line and header block
   * (an empty or binary block, HTML without headers), spec section 4b.1.
   */
  public static final String RECORD_BAD_HTTP_HEADER = "record.bad_http_header";

  /**
   * WARC shards: a response that is not HTML by its {@code WARC-Identified-Payload-Type} or HTTP
   * {@code Content-Type}, spec section 4b.2.
   */
  public static final String RECORD_NOT_HTML = "record.not_html";

  /**
   * WARC shards: an HTML response whose HTTP {@code Content-Encoding} names a compression and whose
   * stored body gave no image link: the body is not decompressed (spec section 4b.3), so its tags
   * cannot be read.
   */
  public static final String RECORD_COMPRESSED_BODY = "record.compressed_body";

  /**
   * A value on the path {@code Envelope.Payload-Metadata.HTTP-Response-Metadata.HTML-Metadata
   * .Links} (or the payload itself) has the wrong JSON type, e.g. {@code Links} is an object.
   */
  public static final String JSON_WRONG_TYPE = "json.wrong_type";

  /** An element of {@code Links} is not an object. */
  public static final String JSON_LINK_NOT_OBJECT = "json.link_not_object";

  /** An {@code IMG@/src} link has no {@code url}, or its {@code url} is not a string. */
  public static final String LINK_URL_NOT_STRING = "link.url_not_string";

  /** The resolved URL's scheme is not {@code http} or {@code https} (e.g. {@code data:}). */
  public static final String LINK_SCHEME_NOT_HTTP = "link.scheme_not_http";

  /** The URL cannot be resolved against the page URL (see {@link UrlResolver#resolve}). */
  public static final String LINK_UNRESOLVABLE = "link.unresolvable";

  /** The resolved URL is longer than {@link WatReaderOptions#maxUrlChars()}. */
  public static final String LINK_URL_TOO_LONG = "link.url_too_long";

  /** An {@code alt}, {@code title} or {@code data-image-title} value is not a string. */
  public static final String TEXT_NOT_STRING = "text.not_string";

  /** A text value is empty after cleaning ({@link TextValues#cleanText}). */
  public static final String TEXT_EMPTY = "text.empty";

  /**
   * WARC pages: an {@code img} tag without a {@code src} value that has {@code srcset} or {@code
   * data-src} instead (lazy loading); spec section 4b.6 reads neither.
   */
  public static final String IMG_SRCSET_OR_DATA_SRC_ONLY = "img.srcset_or_data_src_only";

  /**
   * WARC pages: an {@code img} tag without a {@code src} value, {@code srcset} or {@code data-src}.
   */
  public static final String IMG_NO_SRC = "img.no_src";

  private static final List<String> ALL =
      List.of(
          RECORD_TRUNCATED,
          RECORD_CORRUPT_GZIP,
          RECORD_TOO_LARGE,
          RECORD_BAD_HEADER,
          RECORD_UNRECOGNIZED,
          RECORD_BAD_JSON,
          RECORD_INVALID_UTF8,
          RECORD_NOT_RESPONSE,
          RECORD_BAD_HTTP_HEADER,
          RECORD_NOT_HTML,
          RECORD_COMPRESSED_BODY,
          JSON_WRONG_TYPE,
          JSON_LINK_NOT_OBJECT,
          LINK_URL_NOT_STRING,
          LINK_SCHEME_NOT_HTTP,
          LINK_UNRESOLVABLE,
          LINK_URL_TOO_LONG,
          TEXT_NOT_STRING,
          TEXT_EMPTY,
          IMG_SRCSET_OR_DATA_SRC_ONLY,
          IMG_NO_SRC);

  /** Every reason the reader can count, in the order declared here. */
  public static List<String> all() {
    return ALL;
  }

  private SkipReasons() {}
}
