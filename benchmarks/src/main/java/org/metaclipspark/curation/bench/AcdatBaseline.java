package org.metaclipspark.curation.bench;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import java.util.Arrays;
import java.util.TreeMap;
import org.metaclipspark.curation.metadata.Metadata;

/**
 * The baseline: hankcs ACDAT 1.2.3 used as its README shows, over the padded entries {@code " " +
 * entry + " "}, with spacing done by {@code String.replace} as MetaCLIP's {@code spacing()} does.
 * ACDAT's build takes a map, so duplicate entries share one key whose value lists all their ids.
 */
final class AcdatBaseline {

  private static final String[] PUNCTUATION = {",", ".", ";", ":", "?", "!", "`"};

  private final AhoCorasickDoubleArrayTrie<int[]> trie;

  private AcdatBaseline(AhoCorasickDoubleArrayTrie<int[]> trie) {
    this.trie = trie;
  }

  static AcdatBaseline build(Metadata metadata) {
    TreeMap<String, int[]> keys = new TreeMap<>();
    for (int id = 0; id < metadata.size(); id++) {
      String entry = metadata.entry(id);
      if (!entry.isEmpty()) {
        int entryId = id;
        keys.merge(
            " " + entry + " ",
            new int[] {id},
            (old, add) -> {
              int[] merged = Arrays.copyOf(old, old.length + 1);
              merged[old.length] = entryId;
              return merged;
            });
      }
    }
    AhoCorasickDoubleArrayTrie<int[]> trie = new AhoCorasickDoubleArrayTrie<>();
    trie.build(keys);
    return new AcdatBaseline(trie);
  }

  static String spacing(String text) {
    String spaced = " " + text + " ";
    for (String punct : PUNCTUATION) {
      spaced = spaced.replace(punct, " " + punct + " ");
    }
    return spaced.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  /**
   * Fills {@code ids} with the sorted distinct matchedEntryIds of {@code text} and returns their
   * number.
   */
  int matchEntryIds(String text, int[][] ids) {
    int[] count = {0};
    trie.parseText(
        spacing(text),
        (begin, end, value) -> {
          for (int id : value) {
            if (count[0] == ids[0].length) {
              ids[0] = Arrays.copyOf(ids[0], ids[0].length * 2);
            }
            ids[0][count[0]++] = id;
          }
        });
    int n = count[0];
    Arrays.sort(ids[0], 0, n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
      if (distinct == 0 || ids[0][i] != ids[0][distinct - 1]) {
        ids[0][distinct++] = ids[0][i];
      }
    }
    return distinct;
  }
}
