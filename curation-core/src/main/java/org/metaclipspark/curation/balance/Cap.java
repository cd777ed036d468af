package org.metaclipspark.curation.balance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cap a balance run draws: {@code t}, and the tail share {@code p} it was derived from ({@link
 * EntryCounts#tForP}), or null when {@code t} was given.
 *
 * @param t the cap, at least 1 once validated by the config
 * @param p the tail share {@code t} came from, or null
 */
public record Cap(long t, Double p) {
  /**
   * The caps of a run, in the order given: each {@code t}, then each {@code p} as its {@code t}. A
   * cap is listed once, where it first appears; it records the first {@code p} that gives it, even
   * when it was also given as a {@code t} (its set's manifest then names that {@code p}).
   *
   * @throws IllegalArgumentException from {@link EntryCounts#tForP} for a {@code p} it rejects
   */
  public static List<Cap> resolve(List<Long> ts, List<Double> ps, EntryCounts counts) {
    Map<Long, Double> caps = new LinkedHashMap<>();
    for (long t : ts) {
      if (!caps.containsKey(t)) {
        caps.put(t, null);
      }
    }
    for (double p : ps) {
      long t = counts.tForP(p);
      if (caps.get(t) == null) {
        caps.put(t, p);
      }
    }
    List<Cap> out = new ArrayList<>(caps.size());
    caps.forEach((t, p) -> out.add(new Cap(t, p)));
    return List.copyOf(out);
  }
}
