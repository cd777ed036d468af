package org.metaclipspark.curation.metadata.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyMergeTest {
  @Test
  void numbersComeFirstThenSourcesInOrderAndTheFirstOccurrenceWins() {
    VocabularyMerge.Result r =
        VocabularyMerge.merge(
            List.of(
                new VocabularyMerge.Source("wordnet", List.of("dog", "7", "", "cat").iterator()),
                new VocabularyMerge.Source(
                    "unigrams", List.of("cat", "-", "é", "—", "Dog", "x".repeat(257)).iterator()),
                new VocabularyMerge.Source("titles", List.of("dog", "New York").iterator())),
            500_000);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      expected.add(Integer.toString(i));
    }
    expected.addAll(List.of("dog", "cat", "é", "Dog", "New York"));
    assertEquals(expected, r.entries());
    VocabularyMerge.SourceReport wordnet = r.sources().get(1);
    assertEquals(4, wordnet.offered());
    assertEquals(2, wordnet.kept());
    assertEquals(Map.of("duplicate", 1L, "empty", 1L), wordnet.dropped());
    assertEquals(Map.of("numbers", 1L), wordnet.duplicatesOf());
    VocabularyMerge.SourceReport unigrams = r.sources().get(2);
    assertEquals(
        Map.of("duplicate", 1L, "single_punctuation", 2L, "too_long", 1L), unigrams.dropped());
    assertEquals(Map.of("wordnet", 1L), r.sources().get(3).duplicatesOf());
  }

  @Test
  void stopsAtMaxEntriesAndCountsWhatDidNotFit() {
    VocabularyMerge.Result r =
        VocabularyMerge.merge(
            List.of(new VocabularyMerge.Source("words", List.of("a", "b", "c", "a").iterator())),
            102);
    assertEquals(102, r.entries().size());
    assertEquals("b", r.entries().get(101));
    assertEquals(Map.of("over_max_entries", 1L, "duplicate", 1L), r.sources().get(1).dropped());
  }

  @Test
  void singlePunctuationFollowsPythonsStringPunctuationAndUnicodeP() {
    for (char c : "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".toCharArray()) {
      assertTrue(VocabularyMerge.isPunctuation(c), "" + c);
    }
    assertTrue(VocabularyMerge.isPunctuation('\u2014')); // em dash
    assertTrue(VocabularyMerge.isPunctuation('\u3002')); // ideographic full stop
    assertFalse(VocabularyMerge.isPunctuation('a'));
    assertFalse(VocabularyMerge.isPunctuation('€'));
    assertEquals(null, VocabularyMerge.dropReason("x".repeat(256)));
    assertEquals(null, VocabularyMerge.dropReason("😀".repeat(256))); // code points, not chars
    assertEquals("too_long", VocabularyMerge.dropReason("😀".repeat(257)));
  }

  @Test
  void mergeEqualsANaiveReferenceOnRandomSources() {
    long seed = 20261201L;
    Random random = new Random(seed);
    String alphabet = "ab.-é ";
    for (int round = 0; round < 200; round++) {
      List<List<String>> sources = new ArrayList<>();
      for (int s = 0; s < 3; s++) {
        List<String> entries = new ArrayList<>();
        int n = random.nextInt(30);
        for (int i = 0; i < n; i++) {
          StringBuilder b = new StringBuilder();
          int len = random.nextInt(4);
          for (int k = 0; k < len; k++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          entries.add(
              random.nextInt(10) == 0 ? Integer.toString(random.nextInt(120)) : b.toString());
        }
        sources.add(entries);
      }
      int max = 100 + random.nextInt(40);
      Set<String> naive = new LinkedHashSet<>();
      for (int i = 0; i < 100; i++) {
        naive.add(Integer.toString(i));
      }
      for (List<String> source : sources) {
        for (String e : source) {
          boolean punct = e.length() == 1 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".contains(e);
          if (!e.isEmpty() && !punct && naive.size() < max) {
            naive.add(e);
          }
        }
      }
      List<VocabularyMerge.Source> in = new ArrayList<>();
      for (int s = 0; s < sources.size(); s++) {
        in.add(new VocabularyMerge.Source("s" + s, sources.get(s).iterator()));
      }
      VocabularyMerge.Result r = VocabularyMerge.merge(in, max);
      assertEquals(
          new ArrayList<>(naive),
          r.entries(),
          "seed " + seed + " round " + round + " max " + max + " sources " + sources);
      long offered = r.sources().stream().mapToLong(VocabularyMerge.SourceReport::offered).sum();
      long kept = r.sources().stream().mapToLong(VocabularyMerge.SourceReport::kept).sum();
      long dropped =
          r.sources().stream()
              .flatMap(x -> x.dropped().values().stream())
              .mapToLong(Long::longValue)
              .sum();
      assertEquals(offered, kept + dropped, "every entry is kept or dropped with a reason");
    }
  }
}
