package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.cli.Summaries;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * The embedded default (conf/local.json on the bundled samples) gives exactly the figures the
 * README's quick start shows.
 */
@Tag("spark")
class SampleRunTest {
  @Test
  void bundledSamplesCurateWithJsonlOutput(@TempDir Path out) throws IOException {
    Path root = Path.of("..");
    CurationConfig config =
        CurationConfig.builder()
            .confFile(root.resolve("conf/local.json"))
            .set("input.paths", root.resolve("samples/wat").toString(), "test")
            .set(
                "metadata.path",
                root.resolve("samples/vocab/wordnet31-synsets.json").toString(),
                "test")
            .set("output.dir", out.toString(), "test")
            .set("output.format", "jsonl", "test")
            .set("spark.master", "local[2]", "test")
            .build();
    SparkSession spark = SparkSessions.create(config, "test");
    try {
      CurateJob.CurateResult r = CurateJob.run(spark, config);
      String summary = Summaries.curate(r, 1.0);
      // The README's figures, exactly: a golden end-to-end test that needs no shared data.
      assertEquals(
          List.of(3L, 185L, 2L, 218L, 262L, 244L, 121L, 129L, 47L, 116L),
          List.of(
              (long) r.match().shards(),
              r.match().records(),
              r.match().recordsSkipped(),
              r.match().imageLinks(),
              r.match().pairs(),
              r.match().pairsMatched(),
              r.count().distinctPairs(),
              (long) r.count().entriesMatched(),
              (long) r.balance().headEntries(),
              r.balance().curatedPairs()),
          "shards, records, skipped, image links, pairs, matched, distinct, entries with count > 0,"
              + " head entries at t=3, curated; the README's quick start shows them:\n"
              + summary);
      assertTrue(
          r.count().distinctPairs() < r.match().pairsMatched(), "the samples crawl pages twice");
      assertEquals(2, r.match().recordsSkipped(), "one cut JSON payload and one truncated member");
      try (Stream<Path> parts = Files.list(Path.of(r.balance().output()))) {
        List<String> lines =
            parts
                .filter(p -> p.getFileName().toString().startsWith("part-"))
                .flatMap(
                    p -> {
                      try {
                        return Files.readAllLines(p).stream();
                      } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                      }
                    })
                .toList();
        assertEquals(r.balance().curatedPairs(), lines.size());
        assertTrue(
            lines
                .get(0)
                .matches(
                    "\\{\"uuid\":\"[0-9a-f]{24}\",\"url\":\"https?://.*\"matched_entry_ids\":\\[.*"),
            lines.get(0));
      }
    } finally {
      spark.stop();
    }
  }

  @Test
  void aMissingShardInAListFileIsCountedAndTheOthersAreRead(@TempDir Path dir) throws IOException {
    Path samples = Path.of("..", "samples", "wat").toAbsolutePath();
    StringBuilder list = new StringBuilder();
    try (Stream<Path> shards = Files.list(samples)) {
      shards.sorted().forEach(p -> list.append(p.getFileName()).append('\n'));
    }
    list.append("CC-SAMPLE-LOCAL-0099.warc.wat.gz\n");
    Path listFile = Files.writeString(dir.resolve("wat.paths"), list.toString());
    CurationConfig config =
        CurationConfig.builder()
            .confFile(Path.of("..", "conf", "local.json"))
            .set("input.paths", listFile.toString(), "test")
            .set("input.prefix", samples.toUri().toString(), "test")
            .set(
                "metadata.path",
                Path.of("..", "samples", "vocab", "wordnet31-synsets.json").toString(),
                "test")
            .set("output.dir", dir.resolve("out").toString(), "test")
            .set("spark.master", "local[2]", "test")
            .build();
    SparkSession spark = SparkSessions.create(config, "test");
    try {
      MatchJob.MatchResult r = MatchJob.run(spark, config);
      assertEquals(4, r.shards());
      assertEquals(1L, r.skipped().get("shard.unreadable"), r.skipped().toString());
      assertTrue(
          r.problems().stream()
              .anyMatch(p -> p.contains("CC-SAMPLE-LOCAL-0099") && p.contains("does not exist")),
          r.problems().toString());
      assertTrue(r.pairsMatched() > 200, "the three real shards were read: " + r.pairsMatched());
    } finally {
      spark.stop();
    }
  }

  /**
   * One run may mix WAT and WARC shards: each is told apart by its content, both kinds give their
   * pairs, and the manifest names each shard's kind.
   */
  @Test
  void aRunMayMixWatAndWarcShards(@TempDir Path dir) throws IOException {
    Path warc = org.metaclipspark.curation.testsupport.SharedData.file("warc/jwarc-cc.warc.gz");
    // the WARC shard under a name that says nothing: the reader looks at its first record
    Path renamed = Files.copy(warc, dir.resolve("crawl-0001.warc.gz"));
    CurationConfig config =
        CurationConfig.builder()
            .confFile(Path.of("..", "conf", "local.json"))
            .set(
                "input.paths",
                Path.of("..", "samples", "wat").toAbsolutePath() + "," + renamed,
                "test")
            .set(
                "metadata.path",
                Path.of("..", "samples", "vocab", "wordnet31-synsets.json").toString(),
                "test")
            .set("output.dir", dir.resolve("out").toString(), "test")
            .set("spark.master", "local[2]", "test")
            .build();
    SparkSession spark = SparkSessions.create(config, "test");
    try {
      MatchJob.MatchResult r = MatchJob.run(spark, config);
      assertEquals(4, r.shards());
      // the samples' 262 pairs (the README's quick start) and the WARC's 6 (shared/data/warc)
      assertEquals(262 + 6, r.pairs(), r.skipped().toString());
      assertEquals(185 + 1, r.records(), "every record of both kinds is counted");
      String manifest =
          Files.readString(dir.resolve("out/matches/_manifest.json")).replace(" ", "");
      assertTrue(manifest.contains("\"input_kind\":\"warc\""), manifest);
      assertTrue(manifest.contains("\"input_kind\":\"wat\""), manifest);
    } finally {
      spark.stop();
    }
  }
}
