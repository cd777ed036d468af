package org.metaclipspark.curation.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleShardWriterTest {
  private static final Path SAMPLES = Path.of("..", "samples");

  /**
   * Compares what the gzip members hold, not their bytes: another zlib build may compress the same
   * records differently. The last member of the last shard is cut on purpose; for it both sides
   * must be cut, and what decodes of one must be a prefix of the other's.
   */
  @Test
  void committedSampleShardsHoldExactlyTheRecordsTheGeneratorWrites(@TempDir Path dir)
      throws IOException {
    List<Path> shards =
        SampleShardWriter.write(PageDescriptions.read(SAMPLES.resolve("pages.txt")), dir, 3);
    assertEquals(3, shards.size());
    for (Path shard : shards) {
      Path committed = SAMPLES.resolve("wat").resolve(shard.getFileName());
      assertTrue(
          Files.exists(committed),
          "missing committed shard " + committed + "; run scripts/make-samples.sh");
      List<Member> want = members(Files.readAllBytes(shard));
      List<Member> got = members(Files.readAllBytes(committed));
      String fix = "; run scripts/make-samples.sh";
      assertEquals(want.size(), got.size(), shard.getFileName() + ": member count" + fix);
      for (int i = 0; i < want.size(); i++) {
        Member w = want.get(i);
        Member g = got.get(i);
        String where = shard.getFileName() + " member " + i;
        assertEquals(w.complete(), g.complete(), where + ": one is cut, the other is not" + fix);
        if (w.complete()) {
          assertEquals(w.text(), g.text(), where + " differs from the generator's output" + fix);
        } else {
          String shorter = w.text().length() <= g.text().length() ? w.text() : g.text();
          String longer = shorter == w.text() ? g.text() : w.text();
          assertTrue(longer.startsWith(shorter), where + ": the cut records differ" + fix);
        }
      }
      assertTrue(
          want.get(0).text().startsWith("WARC/1.0\r\nWARC-Type: warcinfo\r\n"),
          "each shard starts with a warcinfo record");
    }
    assertTrue(members(Files.readAllBytes(shards.get(2))).stream().anyMatch(m -> !m.complete()));
  }

  @Test
  void aChangedRecordIsSeenThroughTheGzipMembers(@TempDir Path dir) throws IOException {
    List<PageDescriptions.Site> sites = PageDescriptions.read(SAMPLES.resolve("pages.txt"));
    Path a = SampleShardWriter.write(sites, dir.resolve("a"), 3).get(0);
    List<PageDescriptions.Site> reordered = new ArrayList<>(sites);
    java.util.Collections.reverse(reordered);
    Path b = SampleShardWriter.write(reordered, dir.resolve("b"), 3).get(0);
    assertTrue(sites.size() > 1, "pages.txt describes several sites");
    assertTrue(
        !members(Files.readAllBytes(a)).equals(members(Files.readAllBytes(b))),
        "crawling the sites in another order must change the decoded records of shard 1");
  }

  @Test
  void unescapeHandlesTabNewlineAndUnicodeEscapes() {
    assertEquals("a\tb\nc\u00a0d\\x", PageDescriptions.unescape("a\\tb\\nc\\u00a0d\\x"));
  }

  /** One gzip member's decoded text (a WARC record), and whether the member ended properly. */
  record Member(String text, boolean complete) {}

  /**
   * Decodes a file of concatenated gzip members one by one: a header of 10 bytes (the writer sets
   * no optional fields), a raw deflate stream, an 8-byte trailer.
   */
  private static List<Member> members(byte[] file) throws IOException {
    List<Member> out = new ArrayList<>();
    int at = 0;
    byte[] buffer = new byte[1 << 16];
    while (at < file.length) {
      if (file.length - at < 10 || (file[at] & 0xFF) != 0x1F || (file[at + 1] & 0xFF) != 0x8B) {
        throw new IOException("no gzip member header at offset " + at);
      }
      if (file[at + 3] != 0) {
        throw new IOException("gzip member at offset " + at + " has optional header fields");
      }
      Inflater inflater = new Inflater(true);
      try {
        inflater.setInput(file, at + 10, file.length - at - 10);
        StringBuilder text = new StringBuilder();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while (!inflater.finished() && !inflater.needsInput()) {
          int n = inflater.inflate(buffer);
          bytes.write(buffer, 0, n);
        }
        text.append(bytes.toString(StandardCharsets.UTF_8));
        boolean complete = inflater.finished() && inflater.getRemaining() >= 8;
        out.add(new Member(text.toString(), complete));
        if (!complete) {
          break;
        }
        at = file.length - inflater.getRemaining() + 8;
      } catch (DataFormatException e) {
        throw new IOException("corrupt deflate data in the gzip member at offset " + at, e);
      } finally {
        inflater.end();
      }
    }
    return out;
  }
}
