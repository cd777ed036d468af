package org.metaclipspark.curation.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Pass 1's totals over all shards.
 *
 * @param shards the shards read or resumed
 * @param records WARC records read
 * @param recordsSkipped whole records skipped: the {@code record.*} and {@code shard.*} skips
 * @param imageLinks image links seen
 * @param pairs image-text pairs extracted
 * @param pairsMatched pairs with at least one matched entry
 * @param skipped skips by reason, summed over the shards
 * @param problems the first {@value #MAX_PROBLEMS} problem messages, in shard order
 */
public record MatchFigures(
    int shards,
    long records,
    long recordsSkipped,
    long imageLinks,
    long pairs,
    long pairsMatched,
    SortedMap<String, Long> skipped,
    List<String> problems) {
  /** The summary keeps the first problems only; every shard's own list is in its report. */
  public static final int MAX_PROBLEMS = 100;

  /** What pass 1 accounted for one shard, as far as the totals need it. */
  public interface Shard {
    /** WARC records read. */
    long records();

    /** Image links seen. */
    long imageLinks();

    /** Pairs extracted. */
    long pairs();

    /** Pairs with at least one matched entry. */
    long pairsMatched();

    /** Skips by reason. */
    Map<String, Long> skipped();

    /** The shard's first problem messages. */
    List<String> problems();
  }

  public MatchFigures {
    skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
    problems = List.copyOf(problems);
  }

  /** The totals of {@code shards}, in the order given (which orders the problems). */
  public static MatchFigures of(List<? extends Shard> shards) {
    long records = 0;
    long links = 0;
    long pairs = 0;
    long matched = 0;
    Map<String, Long> skipped = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (Shard r : shards) {
      records += r.records();
      links += r.imageLinks();
      pairs += r.pairs();
      matched += r.pairsMatched();
      r.skipped().forEach((k, v) -> skipped.merge(k, v, Long::sum));
      List<String> shardProblems = r.problems();
      problems.addAll(
          shardProblems.subList(0, Math.min(shardProblems.size(), MAX_PROBLEMS - problems.size())));
    }
    long recordsSkipped =
        skipped.entrySet().stream()
            .filter(e -> e.getKey().startsWith("record.") || e.getKey().startsWith("shard."))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return new MatchFigures(
        shards.size(),
        records,
        recordsSkipped,
        links,
        pairs,
        matched,
        new TreeMap<>(skipped),
        problems);
  }
}
