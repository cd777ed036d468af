package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.metaclipspark.curation.wat.WarcFixtures.Member;
import org.metaclipspark.curation.wat.WatPairReaderTest.Run;

/**
 * Damaged and hostile WARC input: nothing throws, every record is counted (the identities of {@link
 * ShardStats} hold after every read), and the intact records keep their pairs.
 */
class WarcBadInputTest {

  private static final String PAGE = "https://example.org/dir/page.html";

  /** The first {@code n} members of a shared synthetic WARC. */
  static byte[] smallWarc(int n) throws IOException {
    byte[] all =
        Files.readAllBytes(
            org.metaclipspark.curation.testsupport.SharedData.file(
                "warc/CC-SAMPLE-2025-47-0001.warc.gz"));
    List<Member> members = WarcFixtures.members(all);
    return WarcFixtures.slice(all, 0, members.get(n - 1).end());
  }

  /** Records skipped for damage: what a complete, intact file would not have. */
  static long damaged(ShardStats s) {
    return s.skipped().getOrDefault(SkipReasons.RECORD_TRUNCATED, 0L)
        + s.skipped().getOrDefault(SkipReasons.RECORD_CORRUPT_GZIP, 0L)
        + s.skipped().getOrDefault(SkipReasons.RECORD_UNRECOGNIZED, 0L)
        + s.skipped().getOrDefault(SkipReasons.RECORD_BAD_HEADER, 0L);
  }

  static Run read(byte[] data) throws IOException {
    return WatPairReaderTest.read(data);
  }

  @Test
  @Timeout(180)
  void truncationAtEveryByteOfAGzipWarcCountsTheCutRecordAndKeepsAllBefore() throws IOException {
    byte[] shard = smallWarc(14);
    List<Member> members = WarcFixtures.members(shard);
    Run full = read(shard);
    assertTrue(full.pairs().size() > 10, () -> "fixture has pairs: " + full.stats());
    assertEquals(members.size(), full.stats().records());
    for (int cut = 0; cut < shard.length; cut++) {
      Run run = read(WarcFixtures.slice(shard, 0, cut));
      List<ImageTextPair> expected = new ArrayList<>();
      int complete = 0;
      Member cutMember = null;
      for (Member m : members) {
        if (m.end() <= cut) {
          complete++;
          full.pairs().stream().filter(p -> p.recordOffset() == m.offset()).forEach(expected::add);
        } else if (m.offset() < cut) {
          cutMember = m;
        }
      }
      final int c = cut;
      assertEquals(
          SharedData.asRows(expected), SharedData.asRows(run.pairs()), () -> "cut at " + c);
      assertEquals(
          complete + (cutMember == null ? 0 : 1),
          run.stats().records(),
          () -> "cut at " + c + ": every record is counted, the cut one too: " + run.stats());
      assertEquals(cutMember == null ? 0 : 1, damaged(run.stats()), () -> "cut at " + c);
      if (cutMember != null) {
        WatPairReaderTest.assertProblemAt(
            run.stats(), SkipReasons.RECORD_TRUNCATED, cutMember.offset());
      }
    }
  }

  @Test
  @Timeout(180)
  void truncationOfAPlainWarcInsideAnHtmlPayloadSkipsOnlyThatRecord() throws IOException {
    byte[] shard = smallWarc(14);
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(shard)).readAllBytes();
    Run full = read(plain);
    assertEquals(SharedData.asRows(read(shard).pairs()), SharedData.asRows(full.pairs()));
    for (int cut = 0; cut <= plain.length; cut += 7) {
      Run run = read(WarcFixtures.slice(plain, 0, cut));
      final int c = cut;
      assertTrue(damaged(run.stats()) <= 1, () -> "cut at " + c + ": " + run.stats());
      for (ImageTextPair p : run.pairs()) {
        assertTrue(p.recordOffset() < cut, () -> "cut at " + c + ": a pair after the cut");
      }
      assertTrue(
          full.pairs().containsAll(run.pairs()),
          () -> "cut at " + c + ": pairs not in the full read");
    }
  }

  @Test
  @Timeout(120)
  void flippedBytesLoseOnlyTheDamagedRecord() throws IOException {
    byte[] shard = smallWarc(40);
    List<Member> members = WarcFixtures.members(shard);
    Map<Long, List<List<String>>> good = read(shard).byRecord();
    long records = members.size();
    Random random = new Random(42);
    for (int trial = 0; trial < 1000; trial++) {
      int at = random.nextInt(shard.length);
      int mask = 1 + random.nextInt(255);
      byte[] damaged = shard.clone();
      damaged[at] ^= (byte) mask;
      Member hit =
          members.stream().filter(m -> m.offset() <= at && at < m.end()).findFirst().orElseThrow();
      Run run = read(damaged);
      String where = "seed 42, flip " + Integer.toHexString(mask) + " at " + at + " in " + hit;
      Map<Long, List<List<String>>> got = run.byRecord();
      for (Map.Entry<Long, List<List<String>>> e : good.entrySet()) {
        if (e.getKey() != hit.offset()) {
          assertEquals(e.getValue(), got.get(e.getKey()), where + ", record " + e.getKey());
        }
      }
      // a member whose deflate data still decodes, to wrong bytes, is one skipped record too
      assertEquals(records, run.stats().records(), () -> where + ": " + run.stats());
      assertTrue(damaged(run.stats()) <= 1, () -> where + ": " + run.stats());
      if (damaged(run.stats()) == 1) {
        assertEquals(null, got.get((long) hit.offset()), where + ": pairs of a damaged member");
      }
    }
  }

  @Test
  @Timeout(120)
  void flippedBytesInsidePlainHtmlNeverThrowAndEveryRecordIsCounted() throws IOException {
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(smallWarc(40))).readAllBytes();
    long records = read(plain).stats().records();
    Random random = new Random(43);
    for (int trial = 0; trial < 300; trial++) {
      byte[] damaged = plain.clone();
      for (int k = 0; k < 8; k++) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      Run run = read(damaged);
      // a flip in a WARC header may split or merge records; nothing may vanish uncounted
      final int t = trial;
      assertTrue(
          run.stats().records() >= 1 && run.stats().records() <= records + 8,
          () -> "seed 43, trial " + t + ": " + run.stats());
    }
  }

  @Test
  @Timeout(30)
  void garbageBetweenMembersIsCountedAndReadingResumes() throws IOException {
    byte[] shard = smallWarc(12);
    List<Member> members = WarcFixtures.members(shard);
    int split = members.get(5).offset();
    byte[] garbage =
        "<html><img src=http://x/y alt=garbage></html>\n".getBytes(StandardCharsets.US_ASCII);
    byte[] damaged =
        WarcFixtures.concat(
            WarcFixtures.slice(shard, 0, split),
            garbage,
            WarcFixtures.slice(shard, split, shard.length));
    Run run = read(damaged);
    assertEquals(SharedData.asRows(read(shard).pairs()), SharedData.asRows(run.pairs()));
    assertEquals(members.size() + 1, run.stats().records(), () -> run.stats().toString());
    assertEquals(1, damaged(run.stats()), () -> run.stats().toString());
    WatPairReaderTest.assertProblemAt(run.stats(), SkipReasons.RECORD_CORRUPT_GZIP, split);
  }

  @Test
  @Timeout(60)
  void aFiftyMegabyteBodyIsReadToItsLastTag() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream(51 << 20);
    body.writeBytes("<html><body>".getBytes(StandardCharsets.US_ASCII));
    byte[] filler = "<p class=x>filler text &amp; more</p>\n".getBytes(StandardCharsets.US_ASCII);
    while (body.size() < 50 << 20) {
      body.write(filler, 0, filler.length);
    }
    body.writeBytes("<img src=/last.jpg alt=\"the last one\"></body></html>".getBytes());
    Run run =
        read(
            WarcFixtures.responseRecord(
                PAGE, WarcFixtures.http(body.toByteArray(), "Content-Type: text/html")));
    assertEquals(
        List.of(
            List.of(
                ImageUuid.of("https://example.org/last.jpg"),
                "https://example.org/last.jpg",
                "alt",
                "the last one")),
        SharedData.asRows(run.pairs()));
    assertEquals(1, run.stats().htmlPages());
  }

  @Test
  @Timeout(60)
  void deepNestingAndManyAttributesAreReadInOnePass() throws IOException {
    StringBuilder nested = new StringBuilder();
    nested.append("<div>".repeat(100_000)).append("<img src=a.jpg alt=deep>");
    nested.append("</div>".repeat(100_000));
    StringBuilder attributes = new StringBuilder("<img");
    for (int i = 0; i < 100_000; i++) {
      attributes.append(" data-a").append(i).append("=\"v").append(i).append('"');
    }
    attributes.append(" src=b.jpg alt=wide title='many attributes'>");
    Run run =
        read(
            WarcFixtures.concat(
                WarcFixtures.htmlMember(PAGE, nested.toString()),
                WarcFixtures.htmlMember(PAGE, attributes.toString())));
    List<String> texts = run.pairs().stream().map(ImageTextPair::text).toList();
    assertEquals(List.of("deep", "wide", "many attributes"), texts);
    assertEquals(2, run.stats().htmlPages());
  }

  @Test
  @Timeout(60)
  void aGzipBombBodyIsNotDecompressed() throws IOException {
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bomb, 1 << 16)) {
      WarcFixtures.writeRepeated(gz, (byte) 0, 256L << 20);
    }
    byte[] record =
        WarcFixtures.responseRecord(
            PAGE,
            WarcFixtures.http(
                bomb.toByteArray(), "Content-Type: text/html", "Content-Encoding: gzip"));
    Run run =
        read(
            WarcFixtures.concat(
                WarcFixtures.gzip(record),
                WarcFixtures.gzip(
                    WarcFixtures.responseRecord(
                        PAGE,
                        WarcFixtures.http(
                            "<img src=ok.png alt=after>".getBytes(StandardCharsets.US_ASCII),
                            "Content-Type: text/html")))));
    assertEquals(
        1L,
        run.stats().skipped().get(SkipReasons.RECORD_COMPRESSED_BODY),
        () -> run.stats().toString());
    assertEquals(List.of("after"), run.pairs().stream().map(ImageTextPair::text).toList());
    // the reader decoded the shard's own bytes only: the 256 MiB inside the body stayed packed
    assertTrue(
        run.stats().uncompressedBytes() < bomb.size() + 4096,
        () ->
            run.stats().uncompressedBytes() + " bytes decoded for a " + bomb.size() + " byte bomb");
  }

  @Test
  @Timeout(120)
  void invalidBytesInEveryCharsetNeverThrow() throws IOException {
    Random random = new Random(44);
    ByteArrayOutputStream shard = new ByteArrayOutputStream();
    int pages = 0;
    for (String name : Charset.availableCharsets().keySet()) {
      byte[] noise = new byte[600];
      random.nextBytes(noise);
      byte[] body =
          WarcFixtures.concat(
              "<html><img src=a.png alt=\"".getBytes(StandardCharsets.US_ASCII),
              noise,
              "\"><img src=b.png alt=\"x".getBytes(StandardCharsets.US_ASCII),
              noise);
      shard.writeBytes(
          WarcFixtures.gzip(
              WarcFixtures.responseRecord(
                  PAGE, WarcFixtures.http(body, "Content-Type: text/html; charset=" + name))));
      // the same bytes declared in a meta tag, and left to the detector
      shard.writeBytes(
          WarcFixtures.gzip(
              WarcFixtures.responseRecord(
                  PAGE,
                  WarcFixtures.http(
                      WarcFixtures.concat(
                          ("<meta http-equiv=Content-Type content=\"text/html; charset="
                                  + name
                                  + "\">")
                              .getBytes(StandardCharsets.US_ASCII),
                          body),
                      "Content-Type: text/html"))));
      shard.writeBytes(
          WarcFixtures.gzip(
              WarcFixtures.responseRecord(
                  PAGE, WarcFixtures.http(noise, "Content-Type: text/html"))));
      pages += 3;
    }
    Run run = read(shard.toByteArray());
    assertEquals(pages, run.stats().records(), () -> run.stats().toString());
    assertEquals(pages, run.stats().htmlPages(), () -> run.stats().toString());
    assertTrue(run.stats().problems().isEmpty(), () -> run.stats().problems().toString());
    assertTrue(run.pairs().size() > 100, "ASCII-compatible charsets still find the first img");
  }

  @Test
  void recordsThatGiveNoPageAreCountedByReason() throws IOException {
    byte[] html = "<img src=a.png alt=A>".getBytes(StandardCharsets.US_ASCII);
    byte[] shard =
        WarcFixtures.concat(
            WarcFixtures.gzip(
                ("WARC/1.0\r\nWARC-Type: request\r\nWARC-Target-URI: "
                        + PAGE
                        + "\r\nContent-Type: application/http; msgtype=request\r\nContent-Length: 4\r\n\r\nGET \r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)),
            WarcFixtures.gzip(WarcFixtures.responseRecord(PAGE, html)),
            WarcFixtures.gzip(
                WarcFixtures.responseRecord(
                    PAGE, WarcFixtures.http(html, "Content-Type: image/png"))),
            WarcFixtures.gzip(
                WarcFixtures.responseRecord(
                    PAGE,
                    WarcFixtures.http(html, "Content-Type: application/octet-stream"),
                    "WARC-Identified-Payload-Type: text/html")),
            WarcFixtures.gzip(
                WarcFixtures.responseRecord(
                    PAGE,
                    WarcFixtures.http(html, "Content-Type: text/html"),
                    "WARC-Identified-Payload-Type: application/json")),
            WarcFixtures.gzip(
                WarcFixtures.responseRecord(
                    PAGE,
                    WarcFixtures.http(
                        "<img srcset=a.png><img data-src=b.png><img alt=c>"
                            .getBytes(StandardCharsets.US_ASCII),
                        "Content-Type: text/html"),
                    "WARC-Truncated: length")));
    Run run = read(shard);
    ShardStats s = run.stats();
    assertEquals("warc", s.inputKind());
    assertEquals(6, s.records());
    assertEquals(1L, s.skipped().get(SkipReasons.RECORD_NOT_RESPONSE), s::toString);
    assertEquals(1L, s.skipped().get(SkipReasons.RECORD_BAD_HTTP_HEADER), s::toString);
    assertEquals(2L, s.skipped().get(SkipReasons.RECORD_NOT_HTML), s::toString);
    assertEquals(2, s.htmlPages());
    assertEquals(1, s.htmlPagesTruncated());
    assertEquals(2L, s.skipped().get(SkipReasons.IMG_SRCSET_OR_DATA_SRC_ONLY), s::toString);
    assertEquals(1L, s.skipped().get(SkipReasons.IMG_NO_SRC), s::toString);
    assertEquals(List.of("A"), run.pairs().stream().map(ImageTextPair::text).toList());
    assertTrue(
        s.problems().get(0).startsWith("no HTTP response at offset "),
        () -> s.problems().toString());
    assertTrue(s.problems().get(0).contains(" in test.warc.wat.gz"), () -> s.problems().toString());
  }
}
