package org.metaclipspark.curation.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleShardWriterTest {
  private static final Path SAMPLES = Path.of("..", "samples");

  @Test
  void committedSampleShardsAreExactlyWhatTheGeneratorWrites(@TempDir Path dir) throws IOException {
    List<Path> shards =
        SampleShardWriter.write(PageDescriptions.read(SAMPLES.resolve("pages.txt")), dir, 3);
    assertEquals(3, shards.size());
    for (Path shard : shards) {
      Path committed = SAMPLES.resolve("wat").resolve(shard.getFileName());
      assertTrue(
          Files.exists(committed),
          "missing committed shard " + committed + "; run scripts/make-samples.sh");
      assertArrayEquals(
          Files.readAllBytes(committed),
          Files.readAllBytes(shard),
          shard.getFileName()
              + " differs from the generator's output; run scripts/make-samples.sh");
    }
  }

  @Test
  void unescapeHandlesTabNewlineAndUnicodeEscapes() {
    assertEquals("a\tb\nc\u00a0d\\x", PageDescriptions.unescape("a\\tb\\nc\\u00a0d\\x"));
  }
}
