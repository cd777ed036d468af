package org.metaclipspark.curation.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.lid.LabelKeys;
import org.metaclipspark.curation.lid.LanguageIdModel;
import org.metaclipspark.curation.lid.LidBuffer;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.metadata.Vocabularies;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * The shared worldwide captions ({@code worldwide/captions.jsonl}) against the reference {@code
 * [label, key, [positions]]} of {@code worldwide/captions.expected.jsonl}, and a sample of them
 * against the naive definition of spec §8.3.
 */
class WorldwideMatcherGoldenTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Vocabularies sharedVocabularies() throws IOException {
    Path dir = SharedData.dataDir().resolve("worldwide/vocab");
    Map<String, Metadata> byKey = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        byKey.put(name.substring(0, name.lastIndexOf('.')), Metadata.load(file));
      }
    }
    return Vocabularies.of(byKey);
  }

  @Test
  void everyCaptionHasItsExpectedLabelKeyAndPositions() throws IOException {
    Vocabularies vocabularies = sharedVocabularies();
    WorldwideMatcher matcher =
        WorldwideMatcher.compile(
            vocabularies,
            LanguageIdModel.load(SharedData.file("lid/lid.176.ftz")),
            LabelKeys.defaults());
    List<String> captions = SharedData.readJsonStrings(SharedData.file("worldwide/captions.jsonl"));
    List<String> expected =
        Files.readAllLines(
            SharedData.file("worldwide/captions.expected.jsonl"), StandardCharsets.UTF_8);
    assertEquals(expected.size(), captions.size());
    LidBuffer lid = LidBuffer.create();
    MatchBuffer ids = MatchBuffer.create();
    List<String> failures = new ArrayList<>();
    long matched = 0;
    for (int i = 0; i < captions.size(); i++) {
      int key = matcher.match(captions.get(i), lid, ids);
      JsonNode want = JSON.readTree(expected.get(i));
      int[] wantIds = new int[want.get(2).size()];
      for (int j = 0; j < wantIds.length; j++) {
        wantIds[j] = want.get(2).get(j).asInt();
      }
      matched += ids.size() > 0 ? 1 : 0;
      if (!want.get(0).asText().equals(lid.label(0))
          || !want.get(1).asText().equals(matcher.key(key))
          || !Arrays.equals(wantIds, ids.toArray())) {
        failures.add(
            "line "
                + (i + 1)
                + " "
                + captions.get(i)
                + ": expected "
                + expected.get(i)
                + ", got ["
                + lid.label(0)
                + ", "
                + matcher.key(key)
                + ", "
                + Arrays.toString(ids.toArray())
                + "]");
      }
    }
    assertTrue(
        failures.isEmpty(),
        failures.size()
            + " captions differ, first: "
            + failures.subList(0, Math.min(5, failures.size())));
    assertEquals(16_043, matched, "captions with at least one match (worldwide/README.md)");
  }

  @Test
  void aSampleEqualsTheNaiveDefinitionPerKey() throws IOException {
    Vocabularies vocabularies = sharedVocabularies();
    List<String> captions = SharedData.readJsonStrings(SharedData.file("worldwide/captions.jsonl"));
    for (String key : List.of("en", "zh", "ja", "th", "lo", "ko", "de", "bo")) {
      Metadata vocabulary = vocabularies.get(key);
      List<String> entries = new ArrayList<>(vocabulary.size());
      for (int i = 0; i < vocabulary.size(); i++) {
        entries.add(vocabulary.entry(i));
      }
      PaddedMatcher matcher = PaddedMatcher.compile(vocabulary);
      for (int i = 0; i < captions.size(); i += 97) {
        String caption = captions.get(i);
        assertEquals(
            Arrays.toString(PaddedMatcherTest.naive(entries, caption)),
            Arrays.toString(matcher.matchEntryIds(caption)),
            key + ": " + caption);
      }
    }
  }
}
