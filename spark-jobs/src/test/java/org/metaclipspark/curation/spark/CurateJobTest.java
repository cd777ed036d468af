package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.balance.BalancingPlan;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.report.ReportChecks;
import org.metaclipspark.curation.report.ReportJob;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * All three passes on local[2] over the shared Common Crawl-format shards and the 500k vocabulary,
 * held to the spec: per-shard pair counts, matchedEntryIds, counts, the tail rule, head entries
 * near t, reruns that need only passes 1 and 2, and determinism across cores, partitions and seeds.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CurateJobTest {
  private static final long T = 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private Path shared;
  private Path shards;
  private Path vocab;
  private List<String> entries;
  private SparkSession spark;
  private CurateJob.CurateResult result;

  @BeforeAll
  void runAllThreePasses() throws IOException {
    if (!SharedData.present()) {
      return; // each test then skips with the reason, through beforeEach
    }
    shared = SharedData.dir();
    // Copies, so the rerun test can delete them and prove that balance needs neither.
    shards = Files.createDirectories(work.resolve("shards"));
    try (Stream<Path> files = Files.list(shared.resolve("data/wat"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".wat.gz")).toList()) {
        Files.copy(f, shards.resolve(f.getFileName()));
      }
    }
    vocab = Files.copy(shared.resolve("data/vocab/metadata-500k.json"), work.resolve("vocab.json"));
    entries = List.of(JSON.readValue(vocab.toFile(), String[].class));
    CurationConfig config = config("local[2]", work.resolve("out"), 4, T, 0);
    spark = SparkSessions.create(config, "test");
    result = CurateJob.run(spark, config);
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

  private CurationConfig config(String master, Path out, int shufflePartitions, long t, long seed) {
    return CurationConfig.builder()
        .set("input.paths", shards.toString(), "test")
        .set("metadata.path", vocab.toString(), "test")
        .set("output.dir", out.toString(), "test")
        .set("output.overwrite", "true", "test")
        .set("spark.master", master, "test")
        .set("spark.shufflePartitions", Integer.toString(shufflePartitions), "test")
        .set("balance.t", Long.toString(t), "test")
        .set("balance.seed", Long.toString(seed), "test")
        .build();
  }

  /** The expected pairs of one shard, [uuid, url, key, text], in file order. */
  private List<List<String>> expectedPairs(String shardFile) throws IOException {
    String name = shardFile.replace(".warc.wat.gz", ".pairs.jsonl");
    List<List<String>> out = new ArrayList<>();
    for (String line : Files.readAllLines(shared.resolve("data/wat/expected/" + name))) {
      out.add(List.of(JSON.readValue(line, String[].class)));
    }
    return out;
  }

  private static String fileName(String shard) {
    return shard.substring(shard.lastIndexOf('/') + 1);
  }

  @Test
  void pairCountsPerShardEqualTheReferenceExtraction() throws IOException {
    Map<String, Object> manifest = manifest(result.layout().matches());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> perShard = (List<Map<String, Object>>) manifest.get("per_shard");
    assertEquals(4, perShard.size());
    for (Map<String, Object> shard : perShard) {
      String file = fileName((String) shard.get("shard"));
      assertEquals(expectedPairs(file).size(), ((Number) shard.get("pairs")).longValue(), file);
      assertEquals(
          ((Number) shard.get("pairs")).longValue(),
          ((Number) shard.get("pairs_matched")).longValue()
              + ((Number) shard.get("pairs_unmatched")).longValue(),
          "matched + unmatched = pairs in " + file);
    }
  }

  @Test
  void matchesAreExactlyTheReferencePairsWithTheirNaiveMatchedEntryIds() throws IOException {
    NaiveMatches naive = new NaiveMatches(entries);
    Map<String, List<String>> expected = new TreeMap<>();
    for (Path shard :
        List.of(shared.resolve("data/wat")).stream().flatMap(this::shardFiles).toList()) {
      String file = shard.getFileName().toString();
      for (List<String> p : expectedPairs(file)) {
        List<Integer> ids = naive.matchedEntryIds(p.get(3));
        if (!ids.isEmpty()) {
          expected.merge(
              file + "|" + String.join("|", p) + "|" + ids,
              List.of("x"),
              (a, b) -> {
                List<String> more = new ArrayList<>(a);
                more.addAll(b);
                return more;
              });
        }
      }
    }
    Map<String, List<String>> actual = new TreeMap<>();
    for (Row r : spark.read().parquet(result.layout().matches()).collectAsList()) {
      String key =
          fileName(r.getString(r.fieldIndex("warc_filename")))
              + "|"
              + r.getString(0)
              + "|"
              + r.getString(1)
              + "|"
              + r.getString(3)
              + "|"
              + r.getString(2)
              + "|"
              + r.getList(r.fieldIndex("matched_entry_ids"));
      actual.merge(
          key,
          List.of("x"),
          (a, b) -> {
            List<String> more = new ArrayList<>(a);
            more.addAll(b);
            return more;
          });
    }
    assertEquals(expected.size(), actual.size(), "distinct matched rows");
    for (Map.Entry<String, List<String>> e : expected.entrySet()) {
      assertEquals(
          e.getValue().size(), actual.getOrDefault(e.getKey(), List.of()).size(), e.getKey());
    }
  }

  private Stream<Path> shardFiles(Path dir) {
    try {
      return Files.list(dir).filter(p -> p.toString().endsWith(".wat.gz")).sorted();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void entryCountsCountDistinctPairsPerEntry() {
    Map<Integer, Long> expected = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (Row r : spark.read().parquet(result.layout().matches()).collectAsList()) {
      if (seen.add(r.getString(0) + "\u0000" + r.getString(2))) {
        for (Object id : r.getList(r.fieldIndex("matched_entry_ids"))) {
          expected.merge((Integer) id, 1L, Long::sum);
        }
      }
    }
    assertEquals(seen.size(), result.count().distinctPairs());
    List<Row> counts = spark.read().parquet(result.layout().entryCounts()).collectAsList();
    assertEquals(entries.size(), counts.size(), "one row per entry, zeros included");
    for (Row r : counts) {
      int id = r.getInt(0);
      assertEquals(entries.get(id), r.getString(1));
      assertEquals(
          expected.getOrDefault(id, 0L),
          r.getLong(2),
          "entryCount of " + id + " " + entries.get(id));
    }
  }

  @Test
  void everyPairWhoseEntriesAreAllBelowTIsKeptAndHeadEntriesLandNearT() {
    Map<Integer, Long> counts = new HashMap<>();
    for (Row r : spark.read().parquet(result.layout().entryCounts()).collectAsList()) {
      counts.put(r.getInt(0), r.getLong(2));
    }
    Set<String> curated =
        spark.read().parquet(result.balance().output()).collectAsList().stream()
            .map(r -> r.getString(0) + "\u0000" + r.getString(2))
            .collect(Collectors.toSet());
    int tailPairs = 0;
    Map<Integer, Long> keptPerHead = new HashMap<>();
    for (Row r : spark.read().parquet(result.layout().distinctPairs()).collectAsList()) {
      List<Integer> ids = r.getList(r.fieldIndex("matched_entry_ids"));
      boolean allTail = ids.stream().allMatch(id -> counts.get(id) < T);
      boolean kept = curated.contains(r.getString(0) + "\u0000" + r.getString(2));
      if (allTail) {
        tailPairs++;
        assertTrue(kept, "pair with only tail entries dropped: " + r);
      }
      if (kept) {
        ids.stream()
            .filter(id -> counts.get(id) >= T)
            .forEach(id -> keptPerHead.merge(id, 1L, Long::sum));
      }
    }
    assertTrue(tailPairs > 1000, "the data has tail-only pairs: " + tailPairs);
    long head = counts.values().stream().filter(c -> c >= T).count();
    assertTrue(head > 100, "the data has head entries at t=" + T + ": " + head);
    // Each head entry keeps at least about t pairs; allow a binomial spread of 4 sd below t.
    int below = 0;
    for (Map.Entry<Integer, Long> e : counts.entrySet()) {
      if (e.getValue() >= T) {
        long kept = keptPerHead.getOrDefault(e.getKey(), 0L);
        below += kept < T - 4 * Math.sqrt(T) ? 1 : 0;
      }
    }
    assertEquals(0, below, "head entries kept far below t");
    // Head entries that are the only entry of their pairs land near t: median of kept/t in [0.8,
    // 1.25].
    List<Double> soloRatios = new ArrayList<>();
    Map<Integer, long[]> solo = new HashMap<>();
    for (Row r : spark.read().parquet(result.layout().distinctPairs()).collectAsList()) {
      List<Integer> ids = r.getList(r.fieldIndex("matched_entry_ids"));
      if (ids.size() == 1 && counts.get(ids.get(0)) >= T) {
        long[] s = solo.computeIfAbsent(ids.get(0), k -> new long[2]);
        s[0]++;
        s[1] += curated.contains(r.getString(0) + "\u0000" + r.getString(2)) ? 1 : 0;
      }
    }
    solo.forEach(
        (id, s) -> {
          if (s[0] >= 5 * T) {
            soloRatios.add((double) s[1] / (s[0] * ((double) T / counts.get(id))));
          }
        });
    assertFalse(soloRatios.isEmpty(), "no head entry with many single-entry pairs");
    soloRatios.sort(Comparator.naturalOrder());
    double median = soloRatios.get(soloRatios.size() / 2);
    assertTrue(median > 0.8 && median < 1.25, "median kept/expected for solo pairs: " + median);
  }

  @Test
  void outputsHaveTheDeclaredSchemas() {
    assertSchema(Schemas.MATCHES, spark.read().parquet(result.layout().matches()).schema());
    assertSchema(
        Schemas.DISTINCT_PAIRS, spark.read().parquet(result.layout().distinctPairs()).schema());
    assertSchema(
        Schemas.ENTRY_COUNTS, spark.read().parquet(result.layout().entryCounts()).schema());
    assertSchema(Schemas.CURATED, spark.read().parquet(result.balance().output()).schema());
  }

  private static void assertSchema(String name, StructType actual) {
    StructType declared = Schemas.load(name);
    assertEquals(List.of(declared.fieldNames()), List.of(actual.fieldNames()), name);
    for (StructField f : declared.fields()) {
      // Parquet reads every column back as nullable, so types are compared without nullability.
      assertEquals(
          f.dataType().simpleString(),
          actual.apply(f.name()).dataType().simpleString(),
          name + "." + f.name());
      assertTrue(
          f.metadata().contains("description") && f.metadata().contains("example"),
          name + "." + f.name() + " lacks a description or example");
    }
  }

  @Test
  void manifestsNameVocabularyConfigSeedAndRowCounts() throws IOException {
    for (String dir :
        List.of(
            result.layout().matches(), result.layout().entryCounts(), result.balance().output())) {
      Map<String, Object> m = manifest(dir);
      @SuppressWarnings("unchecked")
      Map<String, Object> vocabulary = (Map<String, Object>) m.get("vocabulary");
      assertEquals(500_000, ((Number) vocabulary.get("entries")).intValue(), dir);
      assertEquals(64, ((String) vocabulary.get("sha256")).length(), dir);
      assertTrue(
          m.containsKey("config") && m.containsKey("seed") && m.containsKey("row_counts"),
          dir + ": " + m.keySet());
    }
  }

  @Test
  void rerunWithAnotherTNeedsOnlyTheOutputsOfPassesOneAndTwo() throws IOException {
    Path out = work.resolve("rerun");
    CurationConfig first = config("local[2]", out, 4, T, 0);
    MatchJob.run(spark, first);
    CountJob.run(spark, first);
    try (Stream<Path> files = Files.list(shards)) {
      for (Path f : files.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(vocab);
    try {
      BalanceJob.BalanceResult strict = BalanceJob.run(spark, config("local[2]", out, 4, 5, 0));
      BalanceJob.BalanceResult loose = BalanceJob.run(spark, config("local[2]", out, 4, 500, 0));
      assertTrue(
          strict.curatedPairs() < loose.curatedPairs(),
          "t=5 keeps " + strict.curatedPairs() + ", t=500 keeps " + loose.curatedPairs());
      assertEquals(out.resolve("curated/t5-seed0").toString(), strict.output());
    } finally {
      for (Path f : shardFiles(shared.resolve("data/wat")).toList()) {
        Files.copy(f, shards.resolve(f.getFileName()));
      }
      Files.copy(shared.resolve("data/vocab/metadata-500k.json"), vocab);
    }
  }

  @Test
  void sameSeedSameRowsAcrossCoresAndPartitionsAnotherSeedAnotherSet() {
    Set<List<Object>> reference = rows(spark.read().parquet(result.balance().output()));
    spark.stop();
    CurationConfig oneCore = config("local[1]", work.resolve("one-core"), 7, T, 0);
    spark = SparkSessions.create(oneCore, "test");
    spark.conf().set("spark.sql.files.maxPartitionBytes", "65536");
    CurateJob.CurateResult again = CurateJob.run(spark, oneCore);
    assertEquals(
        reference,
        rows(spark.read().parquet(again.balance().output())),
        "local[1] with 7 shuffle partitions and small input splits differs from local[2] with 4");
    BalanceJob.BalanceResult otherSeed =
        BalanceJob.run(spark, config("local[1]", work.resolve("one-core"), 7, T, 1));
    Set<List<Object>> other = rows(spark.read().parquet(otherSeed.output()));
    assertNotEquals(reference, other, "seed 1 gave the same curated set as seed 0");
  }

  @Test
  void oneTextPerImageKeepsAtMostTheSmallestHashTextOfEachImage() {
    CurationConfig config =
        CurationConfig.builder()
            .set("output.dir", result.layout().root(), "test")
            .set("output.overwrite", "true", "test")
            .set("balance.t", "1000000", "test")
            .set("balance.seed", "3", "test")
            .set("balance.oneTextPerImage", "true", "test")
            .build();
    BalanceJob.BalanceResult one = BalanceJob.run(spark, config);
    Map<String, String> chosen = new HashMap<>();
    for (Row r : spark.read().parquet(result.layout().distinctPairs()).collectAsList()) {
      String uuid = r.getString(0);
      String text = r.getString(2);
      chosen.merge(
          uuid,
          text,
          (a, b) -> {
            long ka = org.metaclipspark.curation.balance.StableHash.pairKey(3, uuid, a);
            long kb = org.metaclipspark.curation.balance.StableHash.pairKey(3, uuid, b);
            return ka < kb || (ka == kb && a.compareTo(b) <= 0) ? a : b;
          });
    }
    List<Row> kept = spark.read().parquet(one.output()).collectAsList();
    // With t above every count nothing is dropped, so exactly one text per image remains.
    assertEquals(chosen.size(), kept.size());
    for (Row r : kept) {
      assertEquals(chosen.get(r.getString(0)), r.getString(2), "text chosen for " + r.getString(0));
    }
    assertTrue(
        chosen.size() < result.count().distinctPairs(),
        "the shared data has images with several texts");
  }

  @Test
  void sizesEqualANaiveRecomputationForSeveralCapsAndAP() {
    Map<Integer, Long> counts = new HashMap<>();
    long total = 0;
    for (Row r : spark.read().parquet(result.layout().entryCounts()).collectAsList()) {
      counts.put(r.getInt(0), r.getLong(2));
      total += r.getLong(2);
    }
    List<List<Integer>> pairs = new ArrayList<>();
    for (Row r : spark.read().parquet(result.layout().distinctPairs()).collectAsList()) {
      pairs.add(r.getList(r.fieldIndex("matched_entry_ids")));
    }
    CurationConfig config =
        CurationConfig.builder()
            .set("output.dir", result.layout().root(), "test")
            .set("balance.t", "500,5,20,1000000000", "test")
            .set("balance.p", "0.5", "test")
            .build()
            .validateFor(CurationConfig.Pass.SIZES);
    long[] caps = SizesJob.caps(spark, config);
    assertEquals(5, caps.length, java.util.Arrays.toString(caps));
    List<org.metaclipspark.curation.balance.SizeTable.Row> table =
        SizesJob.compute(spark, config, caps);
    assertEquals(5, table.size());
    for (org.metaclipspark.curation.balance.SizeTable.Row row : table) {
      long t = row.t();
      long tail = 0;
      int head = 0;
      for (long c : counts.values()) {
        tail += c < t ? c : 0;
        head += c >= t ? 1 : 0;
      }
      double expected = 0;
      for (List<Integer> ids : pairs) {
        double dropAll = 1;
        for (int id : ids) {
          dropAll *= 1 - Math.min(1.0, (double) t / counts.get(id));
        }
        expected += 1 - dropAll;
      }
      assertEquals((double) tail / total, row.pOfT(), 1e-12, "p(t) at t=" + t);
      assertEquals(head, row.headEntries(), "head entries at t=" + t);
      assertEquals(expected, row.expectedCuratedPairs(), 1e-6, "expected size at t=" + t);
      assertEquals(pairs.size(), row.distinctPairs());
    }
    assertEquals(pairs.size(), table.get(table.size() - 1).expectedCuratedPairs(), 1e-6);
  }

  @Test
  void balanceWithSeveralCapsGivesTheSetsOfSeparateRuns() {
    Path out = Path.of(result.layout().root());
    CurationConfig many =
        CurationConfig.builder()
            .set("output.dir", out.toString(), "test")
            .set("output.overwrite", "true", "test")
            .set("balance.t", "7,300", "test")
            .set("balance.seed", "2", "test")
            .build();
    List<BalanceJob.BalanceResult> together = BalanceJob.runAll(spark, many);
    assertEquals(List.of(7L, 300L), together.stream().map(BalanceJob.BalanceResult::t).toList());
    Map<Long, Set<List<Object>>> sets = new HashMap<>();
    for (BalanceJob.BalanceResult r : together) {
      sets.put(r.t(), rows(spark.read().parquet(r.output())));
      assertEquals(r.curatedPairs(), sets.get(r.t()).size(), "curated count at t=" + r.t());
    }
    assertTrue(sets.get(7L).size() < sets.get(300L).size(), "t=7 keeps fewer than t=300");
    for (long t : List.of(7L, 300L)) {
      BalanceJob.BalanceResult alone = BalanceJob.run(spark, config("local[2]", out, 4, t, 2));
      assertEquals(sets.get(t), rows(spark.read().parquet(alone.output())), "set at t=" + t);
      BalanceJob.BalanceResult fromTogether =
          together.stream().filter(r -> r.t() == t).findFirst().orElseThrow();
      assertEquals(alone.headEntries(), fromTogether.headEntries());
      assertEquals(alone.medianHeadKeptOverT(), fromTogether.medianHeadKeptOverT());
    }
  }

  @Test
  void everyCuratedSetAndItsHeadFiguresAreExactlyTheNaiveDrawOverDistinctPairs() {
    CurationConfig config =
        CurationConfig.builder()
            .set("output.dir", result.layout().root(), "test")
            .set("output.overwrite", "true", "test")
            .set("balance.t", "3,40,25000", "test")
            .set("balance.seed", "9", "test")
            .build();
    List<BalanceJob.BalanceResult> drawn = BalanceJob.runAll(spark, config);
    long[] entryCount = new long[entries.size()];
    for (Row r : spark.read().parquet(result.layout().entryCounts()).collectAsList()) {
      entryCount[r.getInt(0)] = r.getLong(2);
    }
    List<Row> pairs = spark.read().parquet(result.layout().distinctPairs()).collectAsList();
    for (BalanceJob.BalanceResult r : drawn) {
      BalancingPlan plan = BalancingPlan.of(entryCount, r.t(), 9);
      Set<List<Object>> expected = new HashSet<>();
      long[] keptPerEntry = new long[entryCount.length];
      for (Row pair : pairs) {
        int[] ids = BalanceJob.entryIds(pair);
        if (plan.keep(pair.getString(0), pair.getString(2), ids)) {
          expected.addAll(rows(List.of(pair)));
          for (int id : ids) {
            keptPerEntry[id]++;
          }
        }
      }
      assertEquals(expected, rows(spark.read().parquet(r.output())), "curated set at t=" + r.t());
      assertEquals(expected.size(), r.curatedPairs(), "curated count at t=" + r.t());
      List<Double> ratios = new ArrayList<>();
      for (int e = 0; e < entryCount.length; e++) {
        if (entryCount[e] >= r.t()) {
          ratios.add((double) keptPerEntry[e] / r.t());
        }
      }
      ratios.sort(Comparator.naturalOrder());
      assertEquals(ratios.size(), r.headEntries(), "head entries at t=" + r.t());
      if (!ratios.isEmpty()) {
        assertEquals(ratios.get(0), r.minHeadKeptOverT(), "min kept/t at t=" + r.t());
        assertEquals(
            ratios.get(ratios.size() / 2), r.medianHeadKeptOverT(), "median at t=" + r.t());
        assertEquals(ratios.get(ratios.size() - 1), r.maxHeadKeptOverT(), "max at t=" + r.t());
      }
    }
    assertTrue(drawn.get(0).headEntries() > 100, "t=3 has many head entries");
    assertEquals(0, drawn.get(2).headEntries(), "t=25000 has none");
  }

  private static Set<List<Object>> rows(Dataset<Row> df) {
    return rows(df.collectAsList());
  }

  private static Set<List<Object>> rows(List<Row> collected) {
    Set<List<Object>> out = new HashSet<>();
    for (Row r : collected) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        Object v = r.get(i);
        values.add(
            v instanceof scala.collection.Seq<?> seq
                ? scala.jdk.javaapi.CollectionConverters.asJava(seq)
                : v);
      }
      out.add(values);
    }
    return out;
  }

  @Test
  void theReportOfTheSharedShardsRendersInChromium() throws Exception {
    CurationConfig config = config("local[2]", work.resolve("out"), 4, T, 0);
    Path page = Path.of(ReportJob.run(spark, config, result.balance().output()));
    String html = Files.readString(page);
    assertTrue(html.contains("<h3>head entry") && html.contains("<h3>tail entry"), html);
    assertTrue(
        html.contains(
            "<tr><th>distinct pairs</th><td class=\"n\">"
                + String.format(Locale.ROOT, "%,d", result.count().distinctPairs())),
        "the summary gives the distinct pairs");
    for (String chart : ReportChecks.charts(page)) {
      ReportChecks.assertNotBlank(page.resolveSibling(chart), 960, 540);
    }
    ReportChecks.assertRendersInChromium(page, "shared-shards");
  }

  private static Map<String, Object> manifest(String dir) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = JSON.readValue(Path.of(dir, Manifest.FILE_NAME).toFile(), Map.class);
    return m;
  }
}
