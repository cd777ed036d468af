package org.metaclipspark.curation.wat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/** Builds WARC test input: gzip members of real shards and synthetic metadata records. */
final class WarcFixtures {

  private WarcFixtures() {}

  /** One gzip member of a shard: its offset, compressed length and decoded length. */
  record Member(int offset, int length, int decodedLength) {
    int end() {
      return offset + length;
    }
  }

  /** Splits a multi-member gzip file into its members. */
  static List<Member> members(byte[] gz) {
    List<Member> members = new ArrayList<>();
    Inflater inflater = new Inflater(true);
    byte[] sink = new byte[1 << 16];
    try {
      int p = 0;
      while (p < gz.length) {
        int header = DecodedShard.parseHeader(gz, p, gz.length);
        if (header < 0) {
          throw new IllegalArgumentException("no gzip member header at offset " + p);
        }
        inflater.reset();
        inflater.setInput(gz, p + header, gz.length - p - header);
        int decoded = 0;
        while (!inflater.finished()) {
          int n = inflater.inflate(sink);
          if (n == 0 && inflater.needsInput()) {
            throw new IllegalArgumentException("truncated member at offset " + p);
          }
          decoded += n;
        }
        int end = gz.length - inflater.getRemaining() + 8;
        members.add(new Member(p, end - p, decoded));
        p = end;
      }
    } catch (DataFormatException e) {
      throw new IllegalArgumentException(e);
    } finally {
      inflater.end();
    }
    return members;
  }

  static byte[] slice(byte[] b, int from, int to) {
    return Arrays.copyOfRange(b, from, to);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
      gz.write(data);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** A WARC metadata record as Common Crawl writes it, with {@code payload} as its block. */
  static byte[] metadataRecord(String targetUri, byte[] payload) {
    String header =
        "WARC/1.0\r\n"
            + "WARC-Type: metadata\r\n"
            + "WARC-Target-URI: "
            + targetUri
            + "\r\n"
            + "WARC-Date: 2024-05-31T01:17:49Z\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: "
            + payload.length
            + "\r\n\r\n";
    return concat(
        header.getBytes(StandardCharsets.UTF_8),
        payload,
        "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** A metadata record whose payload holds {@code linksJson} at the WAT links path. */
  static byte[] metadataMember(String targetUri, String linksJson) {
    return gzip(metadataRecord(targetUri, watPayload(linksJson).getBytes(StandardCharsets.UTF_8)));
  }

  static String watPayload(String linksJson) {
    return "{\"Container\":{\"Compressed\":true},\"Envelope\":{\"Format\":\"WARC/1.0\","
        + "\"Payload-Metadata\":{\"HTTP-Response-Metadata\":{\"HTML-Metadata\":{\"Links\":"
        + linksJson
        + "}}}}}";
  }

  static void writeRepeated(OutputStream out, byte b, long n) throws IOException {
    byte[] chunk = new byte[1 << 16];
    Arrays.fill(chunk, b);
    for (long left = n; left > 0; left -= chunk.length) {
      out.write(chunk, 0, (int) Math.min(chunk.length, left));
    }
  }

  /**
   * A WARC response record for {@code targetUri} whose block is {@code http} (status line, headers,
   * body), with {@code extraHeaders} (each a full {@code Name: value} line) in its WARC header.
   */
  static byte[] responseRecord(String targetUri, byte[] http, String... extraHeaders) {
    StringBuilder header =
        new StringBuilder("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ")
            .append(targetUri)
            .append("\r\nWARC-Date: 2025-11-20T01:17:49Z\r\n")
            .append("Content-Type: application/http; msgtype=response\r\n");
    for (String h : extraHeaders) {
      header.append(h).append("\r\n");
    }
    header.append("Content-Length: ").append(http.length).append("\r\n\r\n");
    return concat(
        header.toString().getBytes(StandardCharsets.UTF_8),
        http,
        "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** An HTTP 200 response with {@code headers} (full lines) and {@code body}. */
  static byte[] http(byte[] body, String... headers) {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (String h : headers) {
      head.append(h).append("\r\n");
    }
    head.append("\r\n");
    return concat(head.toString().getBytes(StandardCharsets.ISO_8859_1), body);
  }

  /** An HTML response record, gzipped as Common Crawl writes one member per record. */
  static byte[] htmlMember(String targetUri, String html) {
    return gzip(
        responseRecord(
            targetUri,
            http(html.getBytes(StandardCharsets.UTF_8), "Content-Type: text/html; charset=UTF-8")));
  }
}
