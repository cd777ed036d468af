package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * Pass 2's hash dedup against a naive dedup (group by (uuid, text), keep the smallest locator: file
 * of matches/ by name, then row) on the shared shards, and on an input where every pair occurs in
 * two shards; and the shuffle it costs, from Spark's task metrics.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CountJobTest {
  @TempDir static Path work;
  private SparkSession spark;
  private final AtomicLong shuffleBytes = new AtomicLong();
  private final Map<String, Long> shufflePerRun = new LinkedHashMap<>();

  @BeforeAll
  void start() {
    if (!SharedData.present()) {
      return;
    }
    CurationConfig base = config(work.resolve("unused"), work.resolve("unused"));
    spark = SparkSessions.create(base, "test");
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                  shuffleBytes.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
                }
              }
            });
  }

  @BeforeEach
  void skipWithoutSharedData() {
    SharedData.dir();
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  private static CurationConfig config(Path shards, Path out) {
    return CurationConfig.builder()
        .set("input.paths", shards.toString(), "test")
        .set(
            "metadata.path",
            SharedData.dir().resolve("data/vocab/metadata-500k.json").toString(),
            "test")
        .set("output.dir", out.toString(), "test")
        .set("output.overwrite", "true", "test")
        .set("spark.master", "local[2]", "test")
        .set("spark.shufflePartitions", "4", "test")
        .build();
  }

  /** The shared shards, each once, or each under two names (every pair in two shards). */
  private Path shards(String name, boolean twice) throws Exception {
    Path dir = Files.createDirectories(work.resolve(name));
    try (Stream<Path> files = Files.list(SharedData.dir().resolve("data/wat"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".wat.gz")).sorted().toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
        if (twice) {
          Files.copy(f, dir.resolve("copy-" + f.getFileName()));
        }
      }
    }
    return dir;
  }

  private final Map<String, long[]> runs = new HashMap<>();

  /** Runs passes 1 and 2 once per name; returns matched and distinct pairs. */
  private synchronized long[] run(String name, boolean twice) throws Exception {
    if (!runs.containsKey(name)) {
      runs.put(name, runOnce(name, twice));
    }
    return runs.get(name);
  }

  /** Runs passes 1 and 2; returns matched pairs and records pass 2's shuffle bytes. */
  private long[] runOnce(String name, boolean twice) throws Exception {
    CurationConfig config = config(shards(name, twice), work.resolve(name + "-out"));
    MatchJob.MatchResult match = MatchJob.run(spark, config);
    spark.sparkContext().listenerBus().waitUntilEmpty();
    shuffleBytes.set(0);
    CountJob.CountResult count = CountJob.run(spark, config);
    spark.sparkContext().listenerBus().waitUntilEmpty();
    shufflePerRun.put(name, shuffleBytes.get());
    return new long[] {match.pairsMatched(), count.distinctPairs()};
  }

  /** The naive dedup: every row of matches/ in locator order, the first of each key kept. */
  private List<List<Object>> naiveDistinct(Path out) throws Exception {
    List<Path> files;
    try (Stream<Path> list = Files.list(out.resolve("matches"))) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
    Map<String, List<Object>> firstOfKey = new LinkedHashMap<>();
    for (Path file : files) {
      List<Row> rows =
          spark
              .read()
              .parquet(file.toString())
              .select("*", "_metadata.row_index")
              .orderBy("row_index")
              .collectAsList();
      for (Row r : rows) {
        firstOfKey.putIfAbsent(r.getString(0) + "\u0000" + r.getString(2), values(r, 8));
      }
    }
    return new ArrayList<>(firstOfKey.values());
  }

  private static List<Object> values(Row r, int n) {
    List<Object> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object x = r.get(i);
      v.add(
          x instanceof scala.collection.Seq<?> seq
              ? scala.jdk.javaapi.CollectionConverters.asJava(seq)
              : x);
    }
    return v;
  }

  private void assertExact(String name, long[] figures) throws Exception {
    Path out = work.resolve(name + "-out");
    List<List<Object>> naive = naiveDistinct(out);
    List<Row> actualRows =
        spark.read().parquet(out.resolve("distinct_pairs").toString()).collectAsList();
    Set<List<Object>> actual = new HashSet<>();
    for (Row r : actualRows) {
      actual.add(values(r, 8));
    }
    assertEquals(actualRows.size(), actual.size(), name + ": distinct_pairs holds a row twice");
    assertEquals(naive.size(), figures[1], name + ": distinct pairs reported");
    assertEquals(
        new HashSet<>(naive), actual, name + ": distinct_pairs differs from the naive dedup");

    Map<Integer, Long> expected = new HashMap<>();
    for (List<Object> r : naive) {
      for (Object id : (List<?>) r.get(7)) {
        expected.merge((Integer) id, 1L, Long::sum);
      }
    }
    int checked = 0;
    for (Row r : spark.read().parquet(out.resolve("entry_counts").toString()).collectAsList()) {
      assertEquals(
          expected.getOrDefault(r.getInt(0), 0L), r.getLong(2), name + ": entryCount of " + r);
      checked++;
    }
    assertEquals(500_000, checked, name + ": one row per entry");
  }

  @Test
  void hashDedupEqualsTheNaiveDedupOnTheSharedShards() throws Exception {
    long[] figures = run("single", false);
    assertExact("single", figures);
  }

  @Test
  void everyPairInTwoShardsKeepsTheFirstShardsRowAndShufflesAtMost32BytesPerPair()
      throws Exception {
    long[] once = run("single", false);
    long[] twice = run("twice", true);
    assertEquals(2 * once[0], twice[0], "every matched pair occurs twice");
    assertEquals(once[1], twice[1], "the copies add no distinct pair");
    assertExact("twice", twice);
    double perPair = (double) shufflePerRun.get("twice") / twice[0];
    System.out.printf(
        "count shuffle: %,d bytes for %,d matched pairs = %.2f bytes per pair (every pair twice);"
            + " %,d bytes for %,d pairs once%n",
        shufflePerRun.get("twice"), twice[0], perPair, shufflePerRun.get("single"), once[0]);
    assertTrue(perPair > 0 && perPair <= 32, "shuffle bytes per matched pair: " + perPair);
  }
}
