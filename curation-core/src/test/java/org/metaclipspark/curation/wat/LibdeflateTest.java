package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole-member inflation with libdeflate, where the library loads (Debian's {@code libdeflate0}):
 * the reader says which inflater ran, members larger than the first output buffer are decoded
 * whole, and damaged members still go to the JDK inflater (the bad-input tests of {@link
 * WatPairReaderTest} run on this path too).
 */
class LibdeflateTest {

  private static String inflaterAfterReading(InputStream in) throws IOException {
    try (WatPairReader reader = WatPairReader.open(in, "s", WatReaderOptions.defaults())) {
      while (reader.hasNext()) {
        reader.next();
      }
      return reader.inflater();
    }
  }

  @Test
  @Timeout(60)
  void theReaderNamesTheInflaterThatRan() throws IOException {
    Path shard = SharedData.smallestShard();
    String expected = Libdeflate.available() ? "libdeflate" : "java.util.zip.Inflater";
    try (InputStream in = Files.newInputStream(shard)) {
      assertEquals(expected, inflaterAfterReading(in));
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(shard))) {
      assertEquals("java.util.zip.Inflater", inflaterAfterReading(in)); // plain WARC
    }
  }

  @Test
  @Timeout(60)
  void aMemberLargerThanTheOutputBufferIsDecodedWhole() throws IOException {
    assumeTrue(Libdeflate.available(), "libdeflate is not installed");
    String longAlt = "x".repeat(3 << 20);
    byte[] big =
        WarcFixtures.metadataMember(
            "http://example.com/",
            "[{\"path\":\"IMG@/src\",\"url\":\"a.jpg\",\"alt\":\"" + longAlt + "\"}]");
    byte[] small =
        WarcFixtures.metadataMember(
            "http://example.com/", "[{\"path\":\"IMG@/src\",\"url\":\"b.jpg\",\"alt\":\"b\"}]");
    byte[] data = WarcFixtures.concat(small, big, small);
    try (WatPairReader reader =
        WatPairReader.open(new ByteArrayInputStream(data), "s", WatReaderOptions.defaults())) {
      StringBuilder urls = new StringBuilder();
      int longTexts = 0;
      while (reader.hasNext()) {
        ImageTextPair p = reader.next();
        urls.append(p.imageUrl()).append(' ');
        longTexts += p.text().length() == longAlt.length() ? 1 : 0;
      }
      assertEquals(
          "http://example.com/b.jpg http://example.com/a.jpg http://example.com/b.jpg ",
          urls.toString());
      assertEquals(1, longTexts);
      assertEquals("libdeflate", reader.inflater());
      assertTrue(reader.stats().problems().isEmpty(), () -> "" + reader.stats().problems());
      assertEquals(data.length, reader.stats().compressedBytes());
    }
  }
}
