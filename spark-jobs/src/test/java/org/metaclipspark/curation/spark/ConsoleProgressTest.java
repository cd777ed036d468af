package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.testsupport.SharedData;

/** Progress lines of pass 1 on the shared shards, and the pure parts of the line. */
class ConsoleProgressTest {
  @Test
  @Tag("spark")
  void progressLinesAppearAndTheLastOneEqualsTheSummary(@TempDir Path out) throws Exception {
    Path shared = SharedData.dir();
    CurationConfig config =
        CurationConfig.builder()
            .set("input.paths", shared.resolve("data/wat").toString(), "test")
            .set(
                "metadata.path", shared.resolve("data/vocab/metadata-500k.json").toString(), "test")
            .set("output.dir", out.toString(), "test")
            // One core and a 0.1 s interval: the four shards take several intervals even on a
            // fast machine, so lines between the start and the end must appear.
            .set("spark.master", "local[1]", "test")
            .set("progress.intervalSeconds", "0", "test") // the console meter; the test has its own
            .set("spark.conf.spark.executor.heartbeatInterval", "1s", "test")
            .build();
    SparkSession spark = SparkSessions.create(config, "test");
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    try {
      ConsoleProgress.install(spark, 0.1, stream, false);
      MatchJob.MatchResult r = MatchJob.run(spark, config);
      String summary =
          String.format(
              Locale.ROOT,
              "pass 1 done: %,d/%,d shards, %,d records, %,d pairs, %,d matched, ",
              r.shards(),
              r.shards(),
              r.records(),
              r.pairs(),
              r.pairsMatched());
      // Listener events arrive asynchronously; the last line follows the stage's end shortly.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!buffer.toString(StandardCharsets.UTF_8).contains("pass 1 done")
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      List<String> lines =
          buffer.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
      List<String> pass1 = lines.stream().filter(l -> l.startsWith("pass 1")).toList();
      assertTrue(pass1.size() >= 2, "a line per interval and a last one:\n" + lines);
      String last = pass1.get(pass1.size() - 1);
      assertTrue(last.startsWith(summary), "last line:\n" + last + "\nsummary:\n" + summary);
      assertTrue(last.matches(".* [0-9.]+ MB/s, [0-9,]+ pairs/s, in [0-9.]+ s"), last);
      for (String line : pass1.subList(0, pass1.size() - 1)) {
        assertTrue(
            line.matches(
                "pass 1: [0-9]/4 shards, [0-9,]+ records, [0-9,]+ pairs, [0-9,]+ matched,"
                    + " [0-9.]+ MB/s, [0-9,]+ pairs/s, ETA (unknown|[0-9]+m[0-9]{2}s)"),
            line);
      }
      assertEquals(4, r.shards());
    } finally {
      spark.stop();
    }
  }

  @Test
  void etaIsTheRemainingShareOfTheElapsedTime() {
    assertEquals("unknown", ConsoleProgress.eta(0, 10, 5.0));
    assertEquals("0m15s", ConsoleProgress.eta(1, 4, 5.0));
    assertEquals("2h00m", ConsoleProgress.eta(1, 3, 3600.0));
  }

  @Test
  void linesNameEveryFigure() {
    assertEquals(
        "pass 1: 1/4 shards, 1,000 records, 2,000 pairs, 300 matched, 2.0 MB/s, 1,000 pairs/s,"
            + " ETA 0m06s",
        ConsoleProgress.line(1, 4, true, "3 (x)", 4_000_000, 1000, 2000, 300, 2.0, false));
    assertEquals(
        "stage 3 (parquet at CountJob.java:95): 5/200 tasks, ETA 6m30s",
        ConsoleProgress.line(
            5, 200, false, "3 (parquet at CountJob.java:95)", 0, 0, 0, 0, 10.0, false));
  }
}
