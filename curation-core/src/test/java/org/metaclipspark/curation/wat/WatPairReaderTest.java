package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class WatPairReaderTest {

  @Test
  @Timeout(60)
  void extractsExactlyTheReferencePairsOfEverySharedShard() throws IOException {
    for (Path shard : SharedData.shards()) {
      ShardStats[] stats = new ShardStats[1];
      List<ImageTextPair> pairs;
      try (InputStream in = Files.newInputStream(shard)) {
        pairs = SharedData.readAll(in, shard.getFileName().toString(), WatReaderOptions.defaults(), stats);
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
      assertTrue(s.skipped().get(SkipReasons.LINK_URL_NOT_STRING) > 0, "the shards hold numeric urls");
      assertTrue(s.skipped().get(SkipReasons.LINK_SCHEME_NOT_HTTP) > 0, "the shards hold data: urls");
    }
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
        s.metadataRecords() + s.otherRecords() + s.skippedWithPrefix("record."),
        () -> "records identity: " + s);
    assertEquals(
        s.imageLinks(),
        s.linksWithPairs() + s.linksWithoutText() + s.skippedWithPrefix("link."),
        () -> "image link identity: " + s);
    assertTrue(s.pairs() >= s.linksWithPairs(), () -> "pairs identity: " + s);
  }
}
