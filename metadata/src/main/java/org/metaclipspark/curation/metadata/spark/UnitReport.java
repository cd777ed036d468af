package org.metaclipspark.curation.metadata.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The accounting of one unit of input (a dump split or a pageview file): counters by name and its
 * first problems. Mutable while its task runs, then handed to a {@link UnitReportAccumulator}.
 */
public final class UnitReport implements Serializable {
  private static final long serialVersionUID = 1L;

  /** At most this many problems are described per unit; all are counted. */
  static final int MAX_PROBLEMS_PER_UNIT = 20;

  private final String unit;
  private final TreeMap<String, Long> counters = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  UnitReport(String unit) {
    this.unit = unit;
  }

  /** The unit's stable name, e.g. {@code file:/dumps/enwiki.xml.bz2@0}. */
  public String unit() {
    return unit;
  }

  void add(String counter, long n) {
    counters.merge(counter, n, Long::sum);
  }

  /** Counts {@code counter} once and describes the problem. */
  void problem(String counter, String message) {
    add(counter, 1);
    if (problems.size() < MAX_PROBLEMS_PER_UNIT) {
      problems.add(message);
    }
  }

  /** Counters by name, sorted. */
  public Map<String, Long> counters() {
    return Collections.unmodifiableMap(counters);
  }

  /** The first problems, in input order. */
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** Sums the counters of {@code reports} and lists their first {@code maxProblems} problems. */
  static Summary summarize(Iterable<UnitReport> reports, int maxProblems) {
    TreeMap<String, Long> total = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (UnitReport r : reports) {
      r.counters.forEach((k, v) -> total.merge(k, v, Long::sum));
      for (String p : r.problems) {
        if (problems.size() < maxProblems) {
          problems.add(p);
        }
      }
    }
    return new Summary(Collections.unmodifiableMap(total), List.copyOf(problems));
  }

  /** Counters summed over units, and the first problems in unit order. */
  public record Summary(Map<String, Long> counters, List<String> problems) {
    /** A counter's value, 0 when absent. */
    public long get(String counter) {
      return counters.getOrDefault(counter, 0L);
    }
  }
}
