package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The byte scanner of {@link PayloadWalk} against its Jackson walk: whatever the scanner accepts,
 * Jackson accepts with the same visits, on the shared shards' payloads and on damaged copies of
 * them.
 */
class PayloadWalkTest {

  /** The visits of one walk, as text; {@code null} if Jackson rejects the payload. */
  private static List<String> jackson(byte[] b) {
    Log log = new Log();
    try (JsonParser p = PayloadWalk.JSON.createParser(b, 0, b.length)) {
      if (!PayloadWalk.withJackson(p, log)) {
        return null;
      }
    } catch (IOException e) {
      return null;
    }
    return log.visits;
  }

  /** The visits of the scanner, or {@code null} if it leaves the payload to Jackson. */
  private static List<String> fast(byte[] b) {
    Log log = new Log();
    return PayloadWalk.fast(b, b.length, log) ? log.visits : null;
  }

  private static final class Log implements PayloadWalk.Visitor {
    final List<String> visits = new ArrayList<>();

    @Override
    public void imageLink(String url, String[] texts) {
      StringBuilder sb = new StringBuilder("link url=").append(url);
      for (String t : texts) {
        sb.append(" | ").append(t == PayloadWalk.NOT_STRING ? "<NOT_STRING>" : t);
      }
      visits.add(sb.toString());
    }

    @Override
    public void linkNotObject() {
      visits.add("linkNotObject");
    }

    @Override
    public void wrongType(String field, String actual) {
      visits.add("wrongType " + field + " " + actual);
    }
  }

  private static List<byte[]> sharedPayloads() throws IOException {
    List<byte[]> payloads = new ArrayList<>();
    for (Path shard : SharedData.shards()) {
      try (InputStream in = Files.newInputStream(shard);
          WarcRecordReader records =
              new WarcRecordReader(
                  DecodedShard.open(in),
                  WatReaderOptions.defaults(),
                  new ShardStats(shard.getFileName().toString(), 10))) {
        while (records.nextWantedRecord()) {
          payloads.add(Arrays.copyOf(records.block(), records.blockLength()));
        }
      }
    }
    return payloads;
  }

  @Test
  @Timeout(120)
  void theScannerReadsEverySharedPayloadItselfWithJacksonsVisits() throws IOException {
    List<byte[]> payloads = sharedPayloads();
    assertTrue(payloads.size() > 100, "shared payloads: " + payloads.size());
    int links = 0;
    for (byte[] b : payloads) {
      List<String> expected = jackson(b);
      List<String> actual = fast(b);
      // every shared payload is well-formed, and plain enough for the scanner
      assertTrue(expected != null && actual != null, () -> new String(b, StandardCharsets.UTF_8));
      assertEquals(expected, actual);
      links += actual.size();
    }
    assertTrue(links > 1000, "image links: " + links);
  }

  @Test
  @Timeout(120)
  void whatTheScannerAcceptsOfDamagedPayloadsJacksonAcceptsWithTheSameVisits() throws IOException {
    List<byte[]> payloads = sharedPayloads();
    Random random = new Random(7);
    byte[] nasty = {
      '"',
      '\\',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      0,
      0x1f,
      (byte) 0xff,
      (byte) 0xc0,
      (byte) 0xed,
      (byte) 0xf4,
      (byte) 0x80,
      '0',
      '-',
      '.',
      'e',
      'N',
      'u',
      't',
      'n',
      ' ',
      '/'
    };
    int accepted = 0;
    int rejectedByBoth = 0;
    int leftToJackson = 0;
    for (int round = 0; round < 4000; round++) {
      byte[] b = payloads.get(random.nextInt(payloads.size())).clone();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && b.length > 0; e++) {
        int at = random.nextInt(b.length);
        switch (random.nextInt(3)) {
          case 0 -> b[at] = nasty[random.nextInt(nasty.length)];
          case 1 -> b = Arrays.copyOf(b, at); // truncated
          default -> {
            byte[] c = new byte[b.length + 1];
            System.arraycopy(b, 0, c, 0, at);
            c[at] = nasty[random.nextInt(nasty.length)];
            System.arraycopy(b, at, c, at + 1, b.length - at);
            b = c;
          }
        }
      }
      List<String> expected = jackson(b);
      List<String> actual = fast(b);
      if (actual != null) {
        accepted++;
        byte[] shown = b;
        assertEquals(expected, actual, () -> new String(shown, StandardCharsets.UTF_8));
      } else if (expected == null) {
        rejectedByBoth++;
      } else {
        leftToJackson++;
      }
    }
    // the corpus exercises all three outcomes
    assertTrue(
        accepted > 100 && rejectedByBoth > 100 && leftToJackson > 0,
        accepted + " accepted, " + rejectedByBoth + " rejected, " + leftToJackson + " to Jackson");
  }

  private static byte[] payload(String linksJson) {
    return WarcFixtures.watPayload(linksJson).getBytes(StandardCharsets.UTF_8);
  }

  /** The first lane of eight little-endian bytes that ends a plain run, or 8; byte by byte. */
  private static int firstStopNaive(long word) {
    for (int lane = 0; lane < 8; lane++) {
      int c = (int) (word >>> (8 * lane)) & 0xFF;
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
        return lane;
      }
    }
    return 8;
  }

  @Test
  void theEightByteRunTestFindsTheFirstStopByteByteByByte() {
    // Every byte value in every lane, after plain lanes and before random ones, then random words
    // drawn mostly from the bytes next to the edges of each test.
    int[] edges = {
      0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0x81, 0xC3,
      0xFE, 0xFF
    };
    Random random = new Random(20261202L);
    List<Long> words = new ArrayList<>();
    for (int lane = 0; lane < 8; lane++) {
      for (int v = 0; v < 256; v++) {
        for (int rep = 0; rep < 8; rep++) {
          long w = 0;
          for (int k = 0; k < 8; k++) {
            int c = k < lane ? 0x20 + random.nextInt(0x5F) : k == lane ? v : random.nextInt(256);
            if (k < lane && (c == '"' || c == '\\')) {
              c = 'a';
            }
            w |= (long) c << (8 * k);
          }
          words.add(w);
        }
      }
    }
    for (int n = 0; n < 200_000; n++) {
      long w = 0;
      for (int k = 0; k < 8; k++) {
        int c =
            random.nextInt(4) == 0
                ? edges[random.nextInt(edges.length)]
                : 0x20 + random.nextInt(0x5F);
        w |= (long) c << (8 * k);
      }
      words.add(w);
    }
    for (long w : words) {
      long stops = PayloadWalk.runStops(w);
      int lane = stops == 0 ? 8 : Long.numberOfTrailingZeros(stops) >>> 3;
      assertEquals(firstStopNaive(w), lane, () -> "word " + Long.toHexString(w));
    }
  }

  @Test
  void decodesEscapesAndUnicodeInTheValuesItReads() {
    byte[] b =
        payload(
            "[{\"path\":\"IMG@\\/src\",\"url\":\"a\\u00e9\\\"b\",\"alt\":\"x\\ny\\t\\ud83d\\ude00"
                + " caf\u00e9 \u4e2d\",\"title\":3,\"data-image-title\":\"\\\\\"}]");
    List<String> visits = fast(b);
    assertEquals(
        List.of("link url=a\u00e9\"b | x\ny\t\ud83d\ude00 caf\u00e9 \u4e2d | <NOT_STRING> | \\"),
        visits);
    assertEquals(jackson(b), visits);
  }

  @Test
  void followsTheDocumentedRulesForRepeatedKeysAndWrongTypes() {
    byte[] b =
        ("{\"Envelope\":5,\"Envelope\":{\"Payload-Metadata\":{\"HTTP-Response-Metadata\":"
                + "{\"HTML-Metadata\":{\"Links\":{},\"Links\":[1,{\"url\":\"u0\",\"path\":\"A@/href\","
                + "\"alt\":\"skipped\",\"path\":\"IMG@/src\",\"title\":\"t\"},"
                + "{\"alt\":\"before\",\"path\":\"IMG@/src\"},{\"path\":null,\"url\":\"x\"}]}}}}}")
            .getBytes(StandardCharsets.UTF_8);
    List<String> visits = fast(b);
    assertEquals(
        List.of(
            "wrongType Envelope a number",
            "wrongType Links an object",
            "linkNotObject",
            "link url=u0 | null | t | null",
            "link url=null | before | null | null"),
        visits);
    assertEquals(jackson(b), visits);
  }

  @Test
  void leavesToJacksonWhatItDoesNotVouchFor() {
    String[] cases = {
      "", // empty: Jackson says so
      "[1]", // the root is not an object
      "{\"a\":NaN}", // accepted by Jackson's ALLOW_NON_NUMERIC_NUMBERS
      "{\"a\":\"x\0y\"}", // a control character in a string
      "{\"p\\u0061th\":1}", // an escaped name
      "{\"a\":1} x", // content after the document
      "{\"a\":01}", // a leading zero
      "{\"a\":[1,]}", // a trailing comma
      "{\"a\":tru}",
      "{\"a\":\"\\x\"}", // an unknown escape
      "{\"a\":\"unterminated}",
    };
    for (String c : cases) {
      assertEquals(null, fast(c.getBytes(StandardCharsets.UTF_8)), c);
    }
    // an overlong two-byte form, which Jackson's decoder accepts: Jackson decides it
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0x80, '"', '}'};
    assertEquals(null, fast(overlong));
    assertEquals(List.of(), jackson(overlong));
    // deeper than the scanner goes, still within Jackson's limit
    String deep =
        "{\"a\":"
            + "[".repeat(PayloadWalk.MAX_DEPTH + 5)
            + "]".repeat(PayloadWalk.MAX_DEPTH + 5)
            + "}";
    assertEquals(null, fast(deep.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(List.of(), jackson(deep.getBytes(StandardCharsets.US_ASCII)));
    // only the given length is read
    assertTrue(PayloadWalk.fast(new byte[] {'{', '}', 'x'}, 2, new Log()));
  }
}
