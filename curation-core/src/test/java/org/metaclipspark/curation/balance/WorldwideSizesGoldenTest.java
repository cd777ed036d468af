package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.lid.LabelKeys;
import org.metaclipspark.curation.lid.LanguageIdModel;
import org.metaclipspark.curation.lid.LidBuffer;
import org.metaclipspark.curation.match.PaddedMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.metadata.Vocabularies;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * Spec §8.4–8.6 on the shared worldwide WAT shards: their expected pairs, deduplicated, labelled by
 * the model (checked against {@code labels.jsonl}), matched in their keys, counted per key; then
 * {@code t_k} from {@code t_en = 50} and the expected sizes, one text per image, against the
 * reference {@code sizes.t50.json}.
 */
class WorldwideSizesGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSharedShardsGiveTheReferenceSizesAtTEn50() throws IOException {
    Path data = SharedData.dataDir();
    Path wat = data.resolve("worldwide/wat/expected");
    Map<String, Metadata> byKey = new TreeMap<>();
    try (Stream<Path> files = Files.list(data.resolve("worldwide/vocab"))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        byKey.put(name.substring(0, name.lastIndexOf('.')), Metadata.load(f));
      }
    }
    Vocabularies vocabularies = Vocabularies.of(byKey);
    LanguageIdModel model = LanguageIdModel.load(data.resolve("lid/lid.176.ftz"));
    String[] keyOfLabel = LabelKeys.defaults().resolve(model, Set.copyOf(vocabularies.keys()));

    // §4's dedup: distinct (uuid, text), in first-seen order, grouped by image
    Map<String, Set<String>> textsOfImage = new LinkedHashMap<>();
    for (String shard : List.of("WW-SAMPLE-2025-08-0001", "WW-SAMPLE-2025-08-0002")) {
      for (String line : Files.readAllLines(wat.resolve(shard + ".pairs.jsonl"))) {
        JsonNode pair = JSON.readTree(line);
        textsOfImage
            .computeIfAbsent(pair.get(0).asText(), u -> new LinkedHashSet<>())
            .add(pair.get(3).asText());
      }
    }
    Map<String, String> expectedLabels = new HashMap<>();
    for (String line : Files.readAllLines(wat.resolve("labels.jsonl"))) {
      JsonNode l = JSON.readTree(line);
      expectedLabels.put(l.get(0).asText(), l.get(1).asText());
    }

    List<String> keys = vocabularies.keys();
    Map<String, PaddedMatcher> matchers = new HashMap<>();
    for (String key : keys) {
      matchers.put(key, PaddedMatcher.compile(vocabularies.get(key)));
    }
    Map<String, long[]> counts = new TreeMap<>();
    for (String key : keys) {
      counts.put(key, new long[vocabularies.get(key).size()]);
    }
    LidBuffer lid = LidBuffer.create();
    // per image: the keys and ids of its matched texts
    List<int[]> imageKeys = new ArrayList<>();
    List<int[][]> imageIds = new ArrayList<>();
    for (Set<String> texts : textsOfImage.values()) {
      List<Integer> k = new ArrayList<>();
      List<int[]> ids = new ArrayList<>();
      for (String text : texts) {
        model.predict(text, 1, lid);
        assertEquals(expectedLabels.get(text), lid.label(0), "the label of " + text);
        String key = keyOfLabel[lid.labelIndex(0)];
        int[] matched = matchers.get(key).matchEntryIds(text);
        if (matched.length == 0) {
          continue;
        }
        for (int e : matched) {
          counts.get(key)[e]++;
        }
        k.add(keys.indexOf(key));
        ids.add(matched);
      }
      imageKeys.add(k.stream().mapToInt(Integer::intValue).toArray());
      imageIds.add(ids.toArray(int[][]::new));
    }
    Map<String, EntryCounts> entryCounts = new TreeMap<>();
    counts.forEach((key, c) -> entryCounts.put(key, EntryCounts.of(c)));

    LanguageThresholds thresholds = LanguageThresholds.fromTEn(entryCounts, 50, Map.of());
    WorldwideSizes sizes = WorldwideSizes.of(keys, entryCounts, thresholds);
    WorldwideSizes.Sums sums = sizes.newSums();
    for (int i = 0; i < imageKeys.size(); i++) {
      sums.addImage(imageKeys.get(i), imageIds.get(i));
    }

    JsonNode reference = JSON.readTree(wat.resolve("sizes.t50.json").toFile());
    int rows = 0;
    for (JsonNode row : reference) {
      String lang = row.get("lang").asText();
      String where = "sizes.t50.json row " + lang;
      assertEquals(row.get("p").asDouble(), thresholds.p(), 1e-12, where);
      if (lang.equals("all")) {
        assertEquals(50, row.get("t").asLong(), where);
        assertEquals(row.get("images").asLong(), sums.images(), where);
        assertEquals(
            row.get("expected_curated_pairs").asDouble(), sums.expectedTotal(), 1e-9, where);
        long pairs = 0;
        for (int k = 0; k < keys.size(); k++) {
          pairs += sums.distinctPairs(k);
        }
        assertEquals(row.get("distinct_pairs").asLong(), pairs, where);
        continue;
      }
      rows++;
      int k = keys.indexOf(lang);
      EntryCounts c = entryCounts.get(lang);
      long t = thresholds.t(lang).getAsLong();
      assertEquals(row.get("t").asLong(), t, where);
      assertEquals(row.get("p_of_t").asDouble(), c.pOfT(t), 1e-12, where);
      assertEquals(row.get("head_entries").asLong(), c.headEntries(t), where);
      assertEquals(row.get("distinct_pairs").asLong(), sums.distinctPairs(k), where);
      assertEquals(row.get("images").asLong(), sums.images(k), where);
      assertEquals(row.get("expected_curated_pairs").asDouble(), sums.expected(k), 1e-9, where);
    }
    assertEquals(
        thresholds.all().size(), rows, "one reference row per key with pairs: " + thresholds);
  }
}
