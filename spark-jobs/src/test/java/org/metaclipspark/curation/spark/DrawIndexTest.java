package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.balance.BalancingPlan;
import org.metaclipspark.curation.balance.EntryCounts;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * {@link DrawIndex} against the naive draw, on files cut into many small row groups so that every
 * case of the selection occurs: row groups copied whole, those of {@code t}'s bucket decoded and
 * filtered, and those after them skipped. Needs no shared data.
 *
 * <p>Checked once to fail on broken main code: with the whole-bucket condition of {@code
 * DrawIndex.select} made {@code <=} instead of {@code <}, the per-entry counts came out too high at
 * every cap with head entries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrawIndexTest {
  private static final int ENTRIES = 60;
  private static final long SEED = 17;

  @TempDir static Path work;
  private SparkSession spark;
  private final List<Row> pairs = new ArrayList<>();
  private final long[] entryCount = new long[ENTRIES];

  @BeforeAll
  void start() {
    spark =
        SparkSessions.create(
            CurationConfig.builder()
                .set("spark.master", "local[2]", "test")
                .set("output.dir", work.toString(), "test")
                .build(),
            "test");
    Random r = new Random(20261202L);
    for (int i = 0; i < 6000; i++) {
      // Skewed: entry 0 in most pairs, the rest rarer with the id, so caps cut every range.
      Set<Integer> ids = new java.util.TreeSet<>();
      int n = 1 + r.nextInt(3);
      while (ids.size() < n) {
        ids.add((int) Math.min(ENTRIES - 1, Math.abs(r.nextGaussian()) * 12));
      }
      ids.forEach(e -> entryCount[e]++);
      pairs.add(
          RowFactory.create(
              String.format("%024x", r.nextLong() & Long.MAX_VALUE),
              "https://example.com/" + i + ".jpg",
              "text " + r.nextInt(1_000_000),
              "k" + i,
              "https://example.com/page" + (i % 97),
              "shard-" + (i % 5) + ".warc.gz",
              (long) i * 1000,
              scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(ids)).toSeq()));
    }
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void everySelectionIsTheNaiveDrawWithItsHeadCounts() throws IOException {
    OutputLayout out = new OutputLayout(work.toString());
    String index =
        DrawIndex.ensure(
            spark,
            out,
            SEED,
            false,
            false,
            "commit-1",
            EntryCounts.of(entryCount),
            () -> spark.createDataFrame(pairs, Schemas.load(Schemas.DISTINCT_PAIRS)).repartition(3),
            FaultInjector.ofRules(List.of()),
            8 << 10);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    int groups = 0;
    for (org.apache.hadoop.fs.Path f : ParquetRows.dataFiles(hadoop, index + "/pairs")) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(f, hadoop))) {
        groups = Math.max(groups, reader.getRowGroups().size());
      }
    }
    assertTrue(groups >= 5, "index files have " + groups + " row groups at most; want several");

    long max = java.util.Arrays.stream(entryCount).max().getAsLong();
    for (long t : new long[] {1, 2, 3, 7, 16, 17, 50, 333, max / 2, max, max + 1}) {
      String target = work.resolve("set-t" + t).toString();
      DrawIndex.Drawn drawn =
          DrawIndex.select(
              spark,
              index,
              EntryCounts.of(entryCount),
              t,
              target,
              FaultInjector.ofRules(List.of()));
      BalancingPlan plan = BalancingPlan.of(entryCount, t, SEED);
      Set<String> expected = new HashSet<>();
      long[] kept = new long[ENTRIES];
      for (Row p : pairs) {
        int[] ids = ids(p);
        if (plan.keep(p.getString(0), p.getString(2), ids)) {
          expected.add(key(p));
          for (int e : ids) {
            kept[e] += entryCount[e] >= t ? 1 : 0;
          }
        }
      }
      Set<String> actual = new HashSet<>();
      List<Row> read =
          java.nio.file.Files.exists(Path.of(target))
              ? spark.read().parquet(target).collectAsList()
              : List.of();
      read.forEach(row -> actual.add(key(row)));
      assertEquals(expected.size(), read.size(), "no row twice at t=" + t);
      assertEquals(expected, actual, "the set at t=" + t);
      assertEquals(expected.size(), drawn.curatedPairs(), "the count at t=" + t);
      assertArrayEquals(kept, drawn.keptPerEntry(), "pairs per head entry at t=" + t);
      if (!read.isEmpty()) {
        // Read without a schema, the set has curated.v1's columns and field descriptions.
        StructType schema = spark.read().parquet(target).schema();
        StructType curated = Schemas.load(Schemas.CURATED);
        assertEquals(List.of(curated.fieldNames()), List.of(schema.fieldNames()));
        for (StructField f : schema.fields()) {
          assertTrue(f.metadata().contains("description"), f.name() + " has its description");
        }
      }
    }
  }

  /** A pair's columns as one comparable string, whatever Seq type its entry ids came in. */
  private static String key(Row r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      b.append(r.get(i)).append('\u0001');
    }
    return b.append(java.util.Arrays.toString(ids(r))).toString();
  }

  /** The matched entry ids of a row, by position (the rows made here carry no schema). */
  private static int[] ids(Row r) {
    return r.<Integer>getList(7).stream().mapToInt(Integer::intValue).toArray();
  }
}
