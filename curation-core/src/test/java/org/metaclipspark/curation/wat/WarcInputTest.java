package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WARC input (spec section 4b): the shared WARC shards give exactly their expected pairs. */
class WarcInputTest {

  private static final Map<String, long[]> README_FIGURES =
      Map.of(
          "CC-SAMPLE-2025-47-0001.warc.gz", new long[] {2399, 675, 7156},
          "CC-SAMPLE-2025-47-0002.warc.gz", new long[] {2399, 693, 7610},
          "jwarc-cc.warc.gz", new long[] {1, 1, 8});

  @Test
  void everySharedWarcGivesExactlyItsExpectedPairs() throws IOException {
    List<Path> shards = org.metaclipspark.curation.testsupport.SharedData.warcShards();
    assertEquals(3, shards.size(), () -> "shards: " + shards);
    for (Path shard : shards) {
      ShardStats[] stats = new ShardStats[1];
      List<ImageTextPair> pairs;
      try (InputStream in = Files.newInputStream(shard)) {
        pairs =
            SharedData.readAll(
                in, shard.getFileName().toString(), WatReaderOptions.defaults(), stats);
      }
      ShardStats s = stats[0];
      WatPairReaderTest.assertIdentities(s);
      assertEquals("warc", s.inputKind(), shard.toString());
      List<List<String>> expected = SharedData.expectedPairs(shard);
      assertSameMultiset(expected, SharedData.asRows(pairs), shard + " " + s);
      assertEquals(expected.size(), s.pairs(), shard.toString());
      // the README of shared/data/warc: records, HTML pages (the compressed bodies among them)
      // and IMG@/src links of each file
      long[] figures = README_FIGURES.get(shard.getFileName().toString());
      assertEquals(figures[0], s.records(), shard.toString());
      assertEquals(
          figures[1],
          s.htmlPages() + s.skipped().getOrDefault(SkipReasons.RECORD_COMPRESSED_BODY, 0L),
          shard.toString());
      assertEquals(figures[2], s.imageLinks(), shard.toString());
      assertTrue(
          s.problems().stream().allMatch(p -> p.startsWith("no HTTP response")),
          () -> shard + ": " + s.problems());
    }
  }

  static void assertSameMultiset(
      List<List<String>> expected, List<List<String>> actual, String what) {
    Map<List<String>, Integer> diff = new HashMap<>();
    for (List<String> e : expected) {
      diff.merge(e, 1, Integer::sum);
    }
    for (List<String> a : actual) {
      diff.merge(a, -1, Integer::sum);
    }
    List<String> lines = new ArrayList<>();
    diff.forEach(
        (row, d) -> {
          if (d != 0) {
            lines.add((d > 0 ? "missing x" + d : "extra x" + (-d)) + " " + row);
          }
        });
    lines.sort(null);
    assertTrue(
        lines.isEmpty(),
        () ->
            what
                + ": "
                + lines.size()
                + " rows differ, e.g.\n"
                + String.join("\n", lines.subList(0, Math.min(40, lines.size()))));
  }
}
