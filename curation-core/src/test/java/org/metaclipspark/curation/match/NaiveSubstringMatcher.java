package org.metaclipspark.curation.match;

import java.util.List;
import java.util.stream.IntStream;
import org.metaclipspark.curation.text.Spacing;

/**
 * Test-only reference: the literal definition of {@code matchedEntryIds} in {@code
 * docs/SEMANTICS.md} ("Matching"), one entry at a time.
 */
final class NaiveSubstringMatcher {

  private NaiveSubstringMatcher() {}

  static int[] matchEntryIds(List<String> entries, String text) {
    String spaced = Spacing.spaced(text);
    return IntStream.range(0, entries.size())
        .filter(i -> !entries.get(i).isEmpty() && spaced.contains(" " + entries.get(i) + " "))
        .toArray();
  }
}
