package org.metaclipspark.curation.metadata.vocab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge of the vocabulary build (docs/SEMANTICS.md): the strings {@code "0"} to {@code "99"},
 * then each source in the order given; drops empty entries, entries that are one punctuation
 * character, entries longer than {@link #MAX_ENTRY_CODE_POINTS} code points and duplicates (the
 * first occurrence wins); stops at {@code maxEntries}. Each source must already be in its spec
 * order (descending count, then string).
 *
 * <p>Memory: the kept entries and, per kept entry, the source that gave it (for the overlaps).
 * Stateless; {@link #merge} is thread-safe.
 */
public final class VocabularyMerge {
  /** Entries longer than this many code points are dropped. */
  public static final int MAX_ENTRY_CODE_POINTS = 256;

  /** The name of the first source, {@code "0"} to {@code "99"}. */
  public static final String NUMBERS = "numbers";

  private VocabularyMerge() {}

  /** A named source and its entries in order. */
  public record Source(String name, Iterator<String> entries) {}

  /**
   * What one source offered and what became of it.
   *
   * @param offered entries the source gave
   * @param kept entries added to the vocabulary
   * @param dropped dropped entries by reason: {@code empty}, {@code single_punctuation}, {@code
   *     too_long}, {@code duplicate}, {@code over_max_entries}
   * @param duplicatesOf duplicates by the source that gave the entry first (itself included)
   */
  public record SourceReport(
      String name,
      long offered,
      long kept,
      Map<String, Long> dropped,
      Map<String, Long> duplicatesOf) {}

  /** The merged vocabulary and one report per source, numbers first. */
  public record Result(List<String> entries, List<SourceReport> sources) {}

  /** Merges {@code sources} after the numbers, keeping at most {@code maxEntries}. */
  public static Result merge(List<Source> sources, int maxEntries) {
    if (maxEntries < 0) {
      throw new IllegalArgumentException("maxEntries must be >= 0, got " + maxEntries);
    }
    List<String> numbers = new ArrayList<>(100);
    for (int i = 0; i < 100; i++) {
      numbers.add(Integer.toString(i));
    }
    List<Source> all = new ArrayList<>();
    all.add(new Source(NUMBERS, numbers.iterator()));
    all.addAll(sources);

    List<String> entries = new ArrayList<>();
    Map<String, Integer> firstSource = new HashMap<>();
    List<SourceReport> reports = new ArrayList<>();
    for (int s = 0; s < all.size(); s++) {
      Source source = all.get(s);
      long offered = 0;
      long kept = 0;
      Map<String, Long> dropped = new LinkedHashMap<>();
      Map<String, Long> duplicatesOf = new LinkedHashMap<>();
      for (Iterator<String> it = source.entries(); it.hasNext(); ) {
        String entry = it.next();
        offered++;
        String reason = dropReason(entry);
        if (reason == null) {
          Integer earlier = firstSource.get(entry);
          if (earlier != null) {
            reason = "duplicate";
            duplicatesOf.merge(all.get(earlier).name(), 1L, Long::sum);
          } else if (entries.size() >= maxEntries) {
            reason = "over_max_entries";
          }
        }
        if (reason != null) {
          dropped.merge(reason, 1L, Long::sum);
          continue;
        }
        firstSource.put(entry, s);
        entries.add(entry);
        kept++;
      }
      reports.add(
          new SourceReport(
              source.name(),
              offered,
              kept,
              Collections.unmodifiableMap(dropped),
              Collections.unmodifiableMap(duplicatesOf)));
    }
    return new Result(Collections.unmodifiableList(entries), List.copyOf(reports));
  }

  /**
   * Why the vocabulary build (docs/SEMANTICS.md) drops {@code entry} regardless of the others, or
   * null when it may be kept.
   */
  static String dropReason(String entry) {
    if (entry.isEmpty()) {
      return "empty";
    }
    int codePoints = entry.codePointCount(0, entry.length());
    if (codePoints == 1 && isPunctuation(entry.codePointAt(0))) {
      return "single_punctuation";
    }
    if (codePoints > MAX_ENTRY_CODE_POINTS) {
      return "too_long";
    }
    return null;
  }

  /**
   * Punctuation: Python's {@code string.punctuation} (ASCII {@code
   * !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}, symbols included) and every Unicode punctuation category
   * (P*).
   */
  static boolean isPunctuation(int codePoint) {
    if (codePoint < 128) {
      return "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(codePoint) >= 0;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION ->
          true;
      default -> false;
    };
  }
}
