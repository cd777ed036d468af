package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.metaclipspark.curation.wat.WarcFixtures.Member;

class WatPairReaderTest {

  @Test
  @Timeout(60)
  void extractsExactlyTheReferencePairsOfEverySharedShard() throws IOException {
    for (Path shard : SharedData.shards()) {
      ShardStats[] stats = new ShardStats[1];
      List<ImageTextPair> pairs;
      try (InputStream in = Files.newInputStream(shard)) {
        pairs =
            SharedData.readAll(
                in, shard.getFileName().toString(), WatReaderOptions.defaults(), stats);
      }
      List<List<String>> expected = SharedData.expectedPairs(shard);
      List<List<String>> actual = SharedData.asRows(pairs);
      for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
        assertEquals(expected.get(i), actual.get(i), shard.getFileName() + " pair #" + i);
      }
      assertEquals(expected.size(), actual.size(), shard.getFileName() + " pair count");
      ShardStats s = stats[0];
      assertEquals(Files.size(shard), s.compressedBytes(), "compressed bytes of " + shard);
      assertTrue(s.problems().isEmpty(), () -> "problems in an intact shard: " + s.problems());
      assertIdentities(s);
      assertEquals(pairs.size(), s.pairs());
      assertTrue(
          s.skipped().get(SkipReasons.LINK_URL_NOT_STRING) > 0, "the shards hold numeric urls");
      assertTrue(
          s.skipped().get(SkipReasons.LINK_SCHEME_NOT_HTTP) > 0, "the shards hold data: urls");
    }
  }

  @Test
  @Tag("slow")
  @Timeout(120)
  void readsTheBenchShardWithTheDocumentedPairCountAndNoProblems() throws IOException {
    Path bench =
        SharedData.watDir().resolveSibling("bench").resolve("CC-SAMPLE-2024-22-BENCH.warc.wat.gz");
    assumeTrue(Files.isRegularFile(bench), "bench shard not found at " + bench);
    ShardStats[] stats = new ShardStats[1];
    List<ImageTextPair> pairs;
    try (InputStream in = Files.newInputStream(bench)) {
      pairs =
          SharedData.readAll(
              in, bench.getFileName().toString(), WatReaderOptions.defaults(), stats);
    }
    // shared/data/README.md: 72,889 pairs, 92 MB uncompressed
    assertEquals(72_889, pairs.size());
    assertEquals(91_645_584L, stats[0].uncompressedBytes());
    assertEquals(48_001L, stats[0].records());
    assertTrue(stats[0].problems().isEmpty(), () -> stats[0].problems().toString());
    assertIdentities(stats[0]);
  }

  @Test
  @Timeout(60)
  void aPathWithAnEscapedSlashIsStillAnImageLink() throws IOException {
    // JSON writers may escape '/' as "\/"; the cheap pre-check must not skip such a payload.
    byte[] shard =
        WarcFixtures.metadataMember(
            "http://example.com/page",
            "[{\"path\":\"IMG@\\/src\",\"url\":\"a.jpg\",\"alt\":\"red fox\"}]");
    ShardStats[] stats = new ShardStats[1];
    List<ImageTextPair> pairs =
        SharedData.readAll(
            new java.io.ByteArrayInputStream(shard), "escaped", WatReaderOptions.defaults(), stats);
    assertEquals(1, pairs.size(), () -> "pairs " + pairs + ", stats " + stats[0]);
    assertEquals("http://example.com/a.jpg", pairs.get(0).imageUrl());
    assertEquals("red fox", pairs.get(0).text());
  }

  @Test
  @Timeout(60)
  void readsAPlainWarcLikeItsGzipForm() throws IOException {
    Path shard = SharedData.smallestShard();
    ShardStats[] gz = new ShardStats[1];
    ShardStats[] plain = new ShardStats[1];
    List<ImageTextPair> fromGzip;
    try (InputStream in = Files.newInputStream(shard)) {
      fromGzip = SharedData.readAll(in, "s", WatReaderOptions.defaults(), gz);
    }
    List<ImageTextPair> fromPlain;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(shard), 1 << 16)) {
      fromPlain = SharedData.readAll(in, "s", WatReaderOptions.defaults(), plain);
    }
    assertEquals(SharedData.asRows(fromGzip), SharedData.asRows(fromPlain));
    assertEquals(gz[0].uncompressedBytes(), plain[0].uncompressedBytes());
    assertEquals(gz[0].records(), plain[0].records());
    assertTrue(plain[0].problems().isEmpty(), () -> "problems: " + plain[0].problems());
  }

  static void assertIdentities(ShardStats s) {
    assertEquals(
        s.records(),
        s.metadataRecords() + s.htmlPages() + s.otherRecords() + s.skippedWithPrefix("record."),
        () -> "records identity: " + s);
    assertEquals(
        s.imageLinks(),
        s.linksWithPairs() + s.linksWithoutText() + s.skippedWithPrefix("link."),
        () -> "image link identity: " + s);
    assertTrue(s.pairs() >= s.linksWithPairs(), () -> "pairs identity: " + s);
    for (String reason : s.skipped().keySet()) {
      assertTrue(SkipReasons.all().contains(reason), () -> reason + " is not in SkipReasons.all()");
    }
  }

  // ---- bad input, made here from the shared shards and from synthetic records ----

  private static final String PAGE = "https://example.org/dir/page.html";

  /** The pairs and stats of one read. */
  record Run(List<ImageTextPair> pairs, ShardStats stats) {
    Map<Long, List<List<String>>> byRecord() {
      return groupByRecord(pairs);
    }
  }

  static Run read(byte[] data, WatReaderOptions options) throws IOException {
    ShardStats[] stats = new ShardStats[1];
    List<ImageTextPair> pairs =
        SharedData.readAll(new ByteArrayInputStream(data), "test.warc.wat.gz", options, stats);
    assertIdentities(stats[0]);
    return new Run(pairs, stats[0]);
  }

  static Run read(byte[] data) throws IOException {
    return read(data, WatReaderOptions.defaults());
  }

  static Map<Long, List<List<String>>> groupByRecord(List<ImageTextPair> pairs) {
    Map<Long, List<List<String>>> m = new LinkedHashMap<>();
    for (ImageTextPair p : pairs) {
      m.computeIfAbsent(p.recordOffset(), k -> new ArrayList<>())
          .add(List.of(p.uuid(), p.imageUrl(), p.textKey(), p.text()));
    }
    return m;
  }

  /** The first {@code n} members of the smallest shared shard, a small real shard. */
  static byte[] smallShard(int n) throws IOException {
    byte[] all = Files.readAllBytes(SharedData.smallestShard());
    List<Member> members = WarcFixtures.members(all);
    return WarcFixtures.slice(all, 0, members.get(n - 1).end());
  }

  static void assertProblemAt(ShardStats s, String reason, long offset) {
    assertTrue(
        s.problems().stream().anyMatch(m -> m.contains("offset " + offset + " ")),
        () -> "no problem message names offset " + offset + ": " + s.problems());
    assertTrue(s.skipped().getOrDefault(reason, 0L) > 0, () -> "no " + reason + " skip: " + s);
  }

  @Test
  @Timeout(120)
  void truncationAtEveryByteOfAGzipShardCountsTheCutRecordAndKeepsAllBefore() throws IOException {
    byte[] shard = smallShard(12);
    List<Member> members = WarcFixtures.members(shard);
    Run full = read(shard);
    assertTrue(full.pairs().size() > 10, "fixture has pairs");
    for (int cut = 0; cut < shard.length; cut++) {
      Run run = read(WarcFixtures.slice(shard, 0, cut));
      List<ImageTextPair> expected = new ArrayList<>();
      Member cutMember = null;
      for (Member m : members) {
        if (m.end() <= cut) {
          full.pairs().stream().filter(p -> p.recordOffset() == m.offset()).forEach(expected::add);
        } else if (m.offset() < cut) {
          cutMember = m;
        }
      }
      final int c = cut;
      assertEquals(
          SharedData.asRows(expected), SharedData.asRows(run.pairs()), () -> "cut at " + c);
      if (cutMember == null) {
        assertTrue(
            run.stats().problems().isEmpty(),
            () -> "cut at member boundary " + c + ": " + run.stats());
      } else {
        assertEquals(
            1L, run.stats().skippedWithPrefix("record."), () -> "cut at " + c + ": " + run.stats());
        assertProblemAt(run.stats(), SkipReasons.RECORD_TRUNCATED, cutMember.offset());
      }
    }
  }

  @Test
  @Timeout(120)
  void truncationOfAPlainWarcCountsTheCutRecordAndKeepsAllBefore() throws IOException {
    byte[] shard = smallShard(12);
    List<Member> members = WarcFixtures.members(shard);
    byte[] plain = new GZIPInputStream(new ByteArrayInputStream(shard)).readAllBytes();
    Run full = read(plain);
    assertEquals(SharedData.asRows(read(shard).pairs()), SharedData.asRows(full.pairs()));
    long[] starts = new long[members.size()];
    long[] blockEnds = new long[members.size()];
    long at = 0;
    for (int i = 0; i < members.size(); i++) {
      starts[i] = at;
      at += members.get(i).decodedLength();
      blockEnds[i] = at - 4; // every record ends with CRLF CRLF after its block
    }
    for (int cut = 0; cut <= plain.length; cut += 3) {
      Run run = read(WarcFixtures.slice(plain, 0, cut));
      List<ImageTextPair> expected = new ArrayList<>();
      long cutRecord = -1;
      for (int i = 0; i < members.size(); i++) {
        long start = starts[i];
        if (blockEnds[i] <= cut) {
          full.pairs().stream().filter(p -> p.recordOffset() == start).forEach(expected::add);
        } else if (start < cut) {
          cutRecord = start;
        }
      }
      final int c = cut;
      assertEquals(
          SharedData.asRows(expected), SharedData.asRows(run.pairs()), () -> "cut at " + c);
      if (cutRecord < 0) {
        assertTrue(run.stats().problems().isEmpty(), () -> "cut at " + c + ": " + run.stats());
      } else {
        assertEquals(
            1L, run.stats().skippedWithPrefix("record."), () -> "cut at " + c + ": " + run.stats());
        assertProblemAt(run.stats(), SkipReasons.RECORD_TRUNCATED, cutRecord);
      }
    }
  }

  @Test
  @Timeout(120)
  void flippedBytesLoseOnlyTheDamagedRecordAndAreReportedAtItsOffset() throws IOException {
    byte[] shard = smallShard(40);
    List<Member> members = WarcFixtures.members(shard);
    Map<Long, List<List<String>>> good = read(shard).byRecord();
    Random random = new Random(42);
    for (int trial = 0; trial < 400; trial++) {
      int at = random.nextInt(shard.length);
      int mask = 1 + random.nextInt(255);
      byte[] damaged = shard.clone();
      damaged[at] ^= (byte) mask;
      Member hit =
          members.stream().filter(m -> m.offset() <= at && at < m.end()).findFirst().orElseThrow();
      Run run = read(damaged);
      Map<Long, List<List<String>>> got = run.byRecord();
      String where = "flip " + Integer.toHexString(mask) + " at " + at + " in member " + hit;
      for (Map.Entry<Long, List<List<String>>> e : good.entrySet()) {
        if (e.getKey() != hit.offset()) {
          assertEquals(e.getValue(), got.get(e.getKey()), where + ", record " + e.getKey());
        }
      }
      if (run.stats().problems().isEmpty()) {
        // benign flips: header fields gzip does not check (MTIME, XFL, OS), or the padding bits
        // after the end-of-block code in the last deflate byte
        assertEquals(good.get((long) hit.offset()), got.get((long) hit.offset()), where);
        assertTrue(
            at - hit.offset() < 10 || at == hit.end() - 9,
            where + " went unnoticed outside the gzip header and the last deflate byte");
      } else {
        assertEquals(null, got.get((long) hit.offset()), where);
        assertTrue(
            run.stats().problems().get(0).contains("offset " + hit.offset() + " "),
            () -> where + ": " + run.stats().problems());
        assertEquals(
            1L, run.stats().skippedWithPrefix("record."), () -> where + ": " + run.stats());
      }
    }
  }

  @Test
  @Timeout(30)
  void garbageBetweenMembersIsCountedAndReadingResumes() throws IOException {
    byte[] shard = smallShard(6);
    List<Member> members = WarcFixtures.members(shard);
    int split = members.get(3).offset();
    byte[] garbage =
        "this is not gzip \u001f\u008b\u0008 nor WARC\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] damaged =
        WarcFixtures.concat(
            WarcFixtures.slice(shard, 0, split),
            garbage,
            WarcFixtures.slice(shard, split, shard.length));
    Run run = read(damaged);
    Map<Long, List<List<String>>> good = read(shard).byRecord();
    List<List<String>> expected = new ArrayList<>();
    good.values().forEach(expected::addAll);
    assertEquals(expected, SharedData.asRows(run.pairs()));
    assertProblemAt(run.stats(), SkipReasons.RECORD_CORRUPT_GZIP, split);
    assertEquals(1L, run.stats().skippedWithPrefix("record."), () -> run.stats().toString());
  }

  @Test
  @Timeout(30)
  void aFileThatIsNotAWarcIsCountedNotThrown() throws IOException {
    byte[] noise = new byte[20_000];
    new Random(7).nextBytes(noise);
    noise[0] = 'x';
    Run run = read(noise);
    assertEquals(0, run.pairs().size());
    assertTrue(run.stats().skippedWithPrefix("record.") >= 1, () -> run.stats().toString());
    assertProblemAt(run.stats(), SkipReasons.RECORD_UNRECOGNIZED, 0);

    Run gzipMagicOnly = read(new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00, 0x01});
    assertEquals(0, gzipMagicOnly.pairs().size());
    assertProblemAt(gzipMagicOnly.stats(), SkipReasons.RECORD_TRUNCATED, 0);
  }

  @Test
  @Timeout(10)
  void anEmptyFileHasNoRecordsAndNoProblems() throws IOException {
    Run run = read(new byte[0]);
    assertEquals(0, run.pairs().size());
    assertEquals(0, run.stats().records());
    assertTrue(run.stats().problems().isEmpty());
  }

  @Test
  @Timeout(30)
  void aMemberWithInvalidUtf8IsSkippedWithItsOffsetAndItsNeighboursAreRead() throws IOException {
    byte[] shard = smallShard(4);
    String links = "[{\"path\":\"IMG@/src\",\"url\":\"/a.png\",\"alt\":\"caf\u00e9 BAD\"}]";
    byte[] payload = WarcFixtures.watPayload(links).getBytes(StandardCharsets.UTF_8);
    int bad = indexOf(payload, "BAD".getBytes(StandardCharsets.US_ASCII));
    payload[bad] = (byte) 0xFF;
    byte[] badMember = WarcFixtures.gzip(WarcFixtures.metadataRecord(PAGE, payload));
    byte[] data = WarcFixtures.concat(shard, badMember, shard);
    Run run = read(data);
    List<List<String>> once = SharedData.asRows(read(shard).pairs());
    List<List<String>> twice = new ArrayList<>(once);
    twice.addAll(once);
    assertEquals(twice, SharedData.asRows(run.pairs()));
    assertProblemAt(run.stats(), SkipReasons.RECORD_INVALID_UTF8, shard.length);
    assertEquals(1L, run.stats().skippedWithPrefix("record."));

    // also in a payload without image links, which the default options do not tokenize otherwise
    byte[] noImage = "{\"Envelope\":{\"x\":\"caf?\"}}".getBytes(StandardCharsets.US_ASCII);
    noImage[indexOf(noImage, "?".getBytes(StandardCharsets.US_ASCII))] = (byte) 0xC3;
    Run plain = read(WarcFixtures.gzip(WarcFixtures.metadataRecord(PAGE, noImage)));
    assertProblemAt(plain.stats(), SkipReasons.RECORD_INVALID_UTF8, 0);
  }

  @Test
  @Timeout(30)
  void wrongJsonTypesAreCountedAndTheRestOfTheRecordIsRead() throws IOException {
    String good = "{\"path\":\"IMG@/src\",\"url\":\"img/ok.png\",\"alt\":\"fine\"}";
    byte[] data =
        WarcFixtures.concat(
            WarcFixtures.metadataMember(PAGE, "{\"not\":\"an array\"}"),
            WarcFixtures.metadataMember(
                PAGE,
                "[{\"path\":\"IMG@/src\",\"url\":12345,\"alt\":\"lost\"},\"a string\",42,"
                    + "{\"path\":\"IMG@/src\",\"url\":\"/n.png\",\"alt\":null,\"title\":7,"
                    + "\"data-image-title\":\" \\n \"},"
                    + good
                    + "]"),
            WarcFixtures.gzip(
                WarcFixtures.metadataRecord(
                    PAGE,
                    ("{\"Envelope\":{\"Payload-Metadata\":{\"HTTP-Response-Metadata\":"
                            + "{\"HTML-Metadata\":[1,2]}}}}")
                        .getBytes(StandardCharsets.UTF_8))),
            WarcFixtures.gzip(
                WarcFixtures.metadataRecord(
                    PAGE, "[\"payload is an array\"]".getBytes(StandardCharsets.UTF_8))),
            WarcFixtures.gzip(
                WarcFixtures.metadataRecord(
                    PAGE, "{\"Envelope\":{\"bad json".getBytes(StandardCharsets.UTF_8))));
    Run run = read(data);
    assertEquals(
        List.of(
            List.of(
                ImageUuid.of("https://example.org/dir/img/ok.png"),
                "https://example.org/dir/img/ok.png",
                "alt",
                "fine")),
        SharedData.asRows(run.pairs()));
    // without parseAllPayloads, payloads that cannot hold an image link are not parsed: same
    // pairs, and only the record that holds IMG@/src reports its wrong types
    Run fast = read(data, WatReaderOptions.defaults().withParseAllPayloads(false));
    assertEquals(SharedData.asRows(run.pairs()), SharedData.asRows(fast.pairs()));
    assertEquals(
        null, fast.stats().skipped().get(SkipReasons.JSON_WRONG_TYPE), fast.stats()::toString);
    assertEquals(
        2L, fast.stats().skipped().get(SkipReasons.JSON_LINK_NOT_OBJECT), fast.stats()::toString);
    assertEquals(5L, fast.stats().metadataRecords());
    ShardStats s = run.stats();
    assertEquals(3L, s.skipped().get(SkipReasons.JSON_WRONG_TYPE), s::toString);
    assertEquals(2L, s.skipped().get(SkipReasons.JSON_LINK_NOT_OBJECT), s::toString);
    assertEquals(1L, s.skipped().get(SkipReasons.LINK_URL_NOT_STRING), s::toString);
    assertEquals(2L, s.skipped().get(SkipReasons.TEXT_NOT_STRING), s::toString);
    assertEquals(1L, s.skipped().get(SkipReasons.TEXT_EMPTY), s::toString);
    assertEquals(1L, s.linksWithoutText());
    assertEquals(3L, s.imageLinks());
    assertEquals(4L, s.metadataRecords());
    assertProblemAt(
        s,
        SkipReasons.RECORD_BAD_JSON,
        data.length
            - WarcFixtures.gzip(
                    WarcFixtures.metadataRecord(
                        PAGE, "{\"Envelope\":{\"bad json".getBytes(StandardCharsets.UTF_8)))
                .length);
    assertTrue(
        s.problems().stream()
            .anyMatch(m -> m.contains("Links is an object where an array is expected")),
        s::toString);
    assertTrue(
        s.problems().stream().anyMatch(m -> m.contains("HTML-Metadata is an array")), s::toString);
  }

  @Test
  @Timeout(30)
  void urlsOfEveryShapeAreResolvedOrCountedByReason() throws IOException {
    String longPath = "x".repeat(100_000);
    String links =
        "["
            + img("javascript:void(0)", "js")
            + ","
            + img("data:image/gif;base64,R0lGOD", "data")
            + ","
            + img(" \t/" + longPath + ".png\n", "long")
            + ","
            + img(" https://h.org/a b/c\td.png ", "spaces")
            + ","
            + img("http://[::1/broken.png", "bracket")
            + ","
            + img("a]b(c.png", "unbalanced in path")
            + ","
            + img("//cdn.example.net/x.png#frag", "protocol-relative")
            + "]";
    byte[] member = WarcFixtures.metadataMember("http://example.org", links);
    Run run = read(member);
    assertEquals(
        List.of(
            List.of("http://example.org/" + longPath + ".png", "long"),
            List.of("https://h.org/a b/c\td.png", "spaces"),
            List.of("http://example.org/a]b(c.png", "unbalanced in path"),
            List.of("http://cdn.example.net/x.png#frag", "protocol-relative")),
        run.pairs().stream().map(p -> List.of(p.imageUrl(), p.text())).toList());
    assertEquals(ImageUuid.of("https://h.org/ab/cd.png"), run.pairs().get(1).uuid());
    assertEquals(2L, run.stats().skipped().get(SkipReasons.LINK_SCHEME_NOT_HTTP));
    assertEquals(1L, run.stats().skipped().get(SkipReasons.LINK_UNRESOLVABLE));

    Run limited = read(member, WatReaderOptions.defaults().withMaxUrlChars(8192));
    assertEquals(3, limited.pairs().size());
    assertEquals(1L, limited.stats().skipped().get(SkipReasons.LINK_URL_TOO_LONG));
  }

  @Test
  @Timeout(30)
  void anImagePathSpelledWithJsonEscapesIsStillRead() throws IOException {
    String links = "[{\"path\":\"IMG\\u0040/src\",\"url\":\"/e.png\",\"alt\":\"escaped\"}]";
    Run run = read(WarcFixtures.metadataMember(PAGE, links));
    assertEquals(
        List.of("https://example.org/e.png"),
        run.pairs().stream().map(ImageTextPair::imageUrl).toList());
  }

  @Test
  @Timeout(30)
  void aTargetUriInAngleBracketsIsUnwrappedBeforeUse() throws IOException {
    String links = "[" + img("img/a.png", "bracketed") + "]";
    Run bracketed = read(WarcFixtures.metadataMember("<" + PAGE + ">", links));
    Run bare = read(WarcFixtures.metadataMember(PAGE, links));
    assertEquals(
        List.of(List.of("https://example.org/dir/img/a.png", PAGE)),
        bracketed.pairs().stream().map(p -> List.of(p.imageUrl(), p.pageUrl())).toList());
    assertEquals(bare.pairs(), bracketed.pairs());
    assertTrue(bracketed.stats().problems().isEmpty(), bracketed.stats().problems().toString());
    // only a matching pair of brackets around the whole value is removed
    Run unbalanced =
        read(
            WarcFixtures.metadataMember(
                "<" + PAGE, "[" + img("https://cdn.example.org/b.png", "absolute") + "]"));
    assertEquals(
        List.of("<" + PAGE),
        unbalanced.pairs().stream().map(ImageTextPair::pageUrl).distinct().toList());
  }

  private static String img(String url, String alt) {
    return "{\"path\":\"IMG@/src\",\"url\":\""
        + url.replace("\t", "\\t").replace("\n", "\\n")
        + "\",\"alt\":\""
        + alt
        + "\"}";
  }

  @Test
  @Timeout(120)
  void aFiftyMegabyteRecordIsSkippedOverASmallCapAndReadUnderALargeOne() throws IOException {
    byte[] shard = smallShard(3);
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    String head =
        WarcFixtures.watPayload(
            "[{\"path\":\"A@/href\",\"url\":\"/x\",\"text\":\"PAD\"},"
                + img("big.png", "after the padding")
                + "]");
    int pad = head.indexOf("PAD");
    byte[] prefix = head.substring(0, pad).getBytes(StandardCharsets.UTF_8);
    byte[] suffix = head.substring(pad + 3).getBytes(StandardCharsets.UTF_8);
    long padding = 50L << 20;
    long blockLength = prefix.length + padding + suffix.length;
    try (GZIPOutputStream gz = new GZIPOutputStream(raw, 1 << 16)) {
      gz.write(
          ("WARC/1.0\r\nWARC-Type: metadata\r\nWARC-Target-URI: "
                  + PAGE
                  + "\r\nContent-Length: "
                  + blockLength
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      gz.write(prefix);
      WarcFixtures.writeRepeated(gz, (byte) 'a', padding);
      gz.write(suffix);
      gz.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    byte[] data = WarcFixtures.concat(shard, raw.toByteArray(), shard);
    List<List<String>> once = SharedData.asRows(read(shard).pairs());

    Run capped = read(data, WatReaderOptions.defaults().withMaxRecordBytes(1 << 20));
    List<List<String>> twice = new ArrayList<>(once);
    twice.addAll(once);
    assertEquals(twice, SharedData.asRows(capped.pairs()));
    assertProblemAt(capped.stats(), SkipReasons.RECORD_TOO_LARGE, shard.length);
    assertTrue(capped.stats().problems().get(0).contains("raise input.maxRecordBytes"));

    Run uncapped = read(data, WatReaderOptions.defaults());
    assertEquals(once.size() * 2 + 1, uncapped.pairs().size());
    assertEquals("after the padding", uncapped.pairs().get(once.size()).text());
    assertTrue(uncapped.stats().problems().isEmpty());
    assertTrue(uncapped.stats().uncompressedBytes() > padding);
  }

  @Test
  @Timeout(30)
  void aBadContentLengthInAPlainWarcIsCountedAndTheNextRecordIsRead() throws IOException {
    byte[] good =
        WarcFixtures.metadataRecord(
            PAGE,
            WarcFixtures.watPayload("[" + img("/a.png", "A") + "]")
                .getBytes(StandardCharsets.UTF_8));
    byte[] bad =
        new String(good, StandardCharsets.UTF_8)
            .replaceFirst("Content-Length: \\d+", "Content-Length: 12x")
            .getBytes(StandardCharsets.UTF_8);
    Run run = read(WarcFixtures.concat(good, bad, good));
    assertEquals(2, run.pairs().size());
    assertProblemAt(run.stats(), SkipReasons.RECORD_BAD_HEADER, good.length);
    assertEquals(1L, run.stats().skippedWithPrefix("record."), () -> run.stats().toString());
    assertTrue(
        run.stats().problems().get(0).contains("\"12x\""), () -> run.stats().problems().toString());
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
