package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.lid.LabelKeys;
import org.metaclipspark.curation.match.PaddedMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * Worldwide pass 1 (spec §8.2, §8.3) on the shared worldwide WAT shards: every matched row carries
 * its text's key ({@code matches.v2}), its entry ids are positions in that key's vocabulary, and
 * the rows are exactly the reference pairs whose text matches, labelled as {@code labels.jsonl}
 * says.
 */
@Tag("spark")
class WorldwideMatchJobTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path work;
  private static SparkSession spark;

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void matchedRowsCarryTheirKeyAndPositionsInThatKeysVocabulary() throws IOException {
    Path data = SharedData.dataDir();
    Path wat = data.resolve("worldwide/wat");
    Path vocab = data.resolve("worldwide/vocab");
    CurationConfig config =
        CurationConfig.builder()
            .set("input.paths", wat.toString(), "test")
            .set("metadata.path", vocab.toString(), "test")
            .set("lid.model", data.resolve("lid/lid.176.ftz").toString(), "test")
            .set("output.dir", work.resolve("out").toString(), "test")
            .set("spark.master", "local[2]", "test")
            .set("spark.conf.spark.ui.enabled", "false", "test")
            .build();
    spark = SparkSessions.create(config, "test");
    MatchJob.MatchResult result = MatchJob.run(spark, config);

    // The reference: every expected pair, its label's key, and its positions there.
    Map<String, Metadata> vocabularies = new TreeMap<>();
    try (Stream<Path> files = Files.list(vocab)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        vocabularies.put(name.substring(0, name.lastIndexOf('.')), Metadata.load(f));
      }
    }
    Map<String, PaddedMatcher> matchers = new HashMap<>();
    vocabularies.forEach((key, m) -> matchers.put(key, PaddedMatcher.compile(m)));
    Map<String, String> labels = new HashMap<>();
    for (String line : Files.readAllLines(wat.resolve("expected/labels.jsonl"))) {
      JsonNode l = JSON.readTree(line);
      labels.put(l.get(0).asText(), l.get(1).asText());
    }
    LabelKeys labelKeys = LabelKeys.defaults();
    Set<String> keys = vocabularies.keySet();
    List<String> expected = new ArrayList<>();
    long pairs = 0;
    try (Stream<Path> files = Files.list(wat.resolve("expected"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pairs.jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          pairs++;
          JsonNode p = JSON.readTree(line);
          String text = p.get(3).asText();
          String key = labelKeys.key(labels.get(text));
          key = keys.contains(key) ? key : LabelKeys.OTHER;
          int[] ids = matchers.get(key).matchEntryIds(text);
          if (ids.length > 0) {
            expected.add(
                row(p.get(0).asText(), p.get(1).asText(), p.get(2).asText(), text, key, ids));
          }
        }
      }
    }

    assertEquals(pairs, result.pairs());
    assertEquals(expected.size(), result.pairsMatched());
    StructType schema = spark.read().parquet(work.resolve("out/matches").toString()).schema();
    StructType declared = Schemas.load(Schemas.MATCHES_WORLDWIDE);
    assertEquals(List.of(declared.fieldNames()), List.of(schema.fieldNames()));
    for (StructField f : declared.fields()) {
      assertTrue(f.metadata().contains("description"), f.name() + " has no description");
    }
    List<String> actual = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .parquet(work.resolve("out/matches").toString())
            .select("uuid", "url", "text_key", "text", "lang", "matched_entry_ids")
            .collectAsList()) {
      List<Integer> ids = r.getList(5);
      actual.add(
          row(
              r.getString(0),
              r.getString(1),
              r.getString(2),
              r.getString(3),
              r.getString(4),
              ids.stream().mapToInt(Integer::intValue).toArray()));
    }
    Collections.sort(expected);
    Collections.sort(actual);
    assertEquals(expected, actual);
    JsonNode manifest = JSON.readTree(work.resolve("out/matches/_manifest.json").toFile());
    assertEquals(Schemas.MATCHES_WORLDWIDE, manifest.get("schema").asText());
  }

  @Test
  void curateWithAVocabularyDirectoryStopsBeforePassOne() {
    Path data = SharedData.dataDir();
    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ConfigException.class,
            () ->
                CurationConfig.builder()
                    .set("input.paths", data.resolve("worldwide/wat").toString(), "test")
                    .set("metadata.path", data.resolve("worldwide/vocab").toString(), "--vocab")
                    .set("output.dir", work.resolve("curate").toString(), "test")
                    .set("balance.t", "50", "test")
                    .build()
                    .validateFor(CurationConfig.Pass.CURATE));
    assertTrue(e.getMessage().contains("run match --vocab DIR"), e.getMessage());
  }

  private static String row(
      String uuid, String url, String textKey, String text, String lang, int[] ids) {
    return String.join("\u0001", uuid, url, textKey, text, lang, java.util.Arrays.toString(ids));
  }
}
