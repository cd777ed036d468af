package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatPathsListTest {

  private static final String PATHS =
      "# comment\n"
          + "crawl-data/CC-MAIN-2024-22/segments/1/wat/CC-MAIN-1-00000.warc.wat.gz\n"
          + "\n"
          + "  /crawl-data/CC-MAIN-2024-22/segments/1/wat/CC-MAIN-1-00001.warc.wat.gz \r\n"
          + "hdfs://nn/wat/local.warc.wat.gz\n";

  private static WatPathsList read(byte[] bytes, String prefix) throws IOException {
    return WatPathsList.read(new ByteArrayInputStream(bytes), "wat.paths", prefix);
  }

  @Test
  void prefixesEveryPathAndSkipsBlankAndCommentLines() throws IOException {
    List<String> expected =
        List.of(
            "s3a://commoncrawl/crawl-data/CC-MAIN-2024-22/segments/1/wat/CC-MAIN-1-00000.warc.wat.gz",
            "s3a://commoncrawl/crawl-data/CC-MAIN-2024-22/segments/1/wat/CC-MAIN-1-00001.warc.wat.gz",
            "hdfs://nn/wat/local.warc.wat.gz");
    byte[] plain = PATHS.getBytes(StandardCharsets.UTF_8);
    assertEquals(expected, read(plain, "s3a://commoncrawl/").shardUris());
    assertEquals(expected, read(plain, "s3a://commoncrawl").shardUris());
    assertEquals(expected, read(WarcFixtures.gzip(plain), "s3a://commoncrawl/").shardUris());
  }

  @Test
  void rejectsALineWithInnerWhitespaceNamingTheLine() {
    byte[] bad = "a.warc.wat.gz\nb.warc.wat.gz c.warc.wat.gz\n".getBytes(StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> read(bad, "x/"));
    assertTrue(e.getMessage().contains("line 2 of shard manifest wat.paths"), e.getMessage());
  }

  @Test
  void rejectsAnEmptyOrBinaryManifest() {
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> read("# only\n\n".getBytes(StandardCharsets.UTF_8), ""));
    assertTrue(empty.getMessage().contains("lists no shard"), empty.getMessage());
    IllegalArgumentException binary =
        assertThrows(
            IllegalArgumentException.class, () -> read(new byte[] {'a', (byte) 0xff, '\n'}, ""));
    assertTrue(binary.getMessage().contains("not UTF-8"), binary.getMessage());
  }
}
