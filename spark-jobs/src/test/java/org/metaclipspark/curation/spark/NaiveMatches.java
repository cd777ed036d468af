package org.metaclipspark.curation.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.metaclipspark.curation.text.Spacing;

/**
 * The spec's matchedEntryIds computed without an automaton: {@code " " + e + " "} occurs in {@code
 * spaced(text)} exactly when {@code e} is the substring between two space positions of the spaced
 * text, so every pair of space positions is looked up in a map of the entries. Independent of the
 * matcher under test, and fast enough for every pair of the shared shards.
 */
final class NaiveMatches {
  private final Map<String, List<Integer>> idsByEntry = new HashMap<>();

  NaiveMatches(List<String> entries) {
    for (int i = 0; i < entries.size(); i++) {
      if (!entries.get(i).isEmpty()) {
        idsByEntry.computeIfAbsent(entries.get(i), k -> new ArrayList<>()).add(i);
      }
    }
  }

  List<Integer> matchedEntryIds(String text) {
    String spaced = Spacing.spaced(text);
    List<Integer> spaces = new ArrayList<>();
    for (int i = 0; i < spaced.length(); i++) {
      if (spaced.charAt(i) == ' ') {
        spaces.add(i);
      }
    }
    TreeSet<Integer> ids = new TreeSet<>();
    for (int a = 0; a < spaces.size(); a++) {
      for (int b = a + 1; b < spaces.size(); b++) {
        List<Integer> hit = idsByEntry.get(spaced.substring(spaces.get(a) + 1, spaces.get(b)));
        if (hit != null) {
          ids.addAll(hit);
        }
      }
    }
    return new ArrayList<>(ids);
  }
}
