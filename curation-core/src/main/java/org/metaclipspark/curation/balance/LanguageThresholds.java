package org.metaclipspark.curation.balance;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * {@code t} per language key (spec §8.5): from {@code t_en}, whose tail share {@code p = p(t_en)}
 * on the English counts then gives every other key its {@code t_k}; or from {@code p} alone, which
 * gives every key, English included, its {@code t_k}. Users may set {@code t} of named keys by
 * hand, which replaces the derived value.
 *
 * <p>{@code t_k} from {@code p} is MetaCLIP's {@code p_to_t} as MetaCLIP 2 calls it: the key's
 * counts ascending, <em>zeros included</em>, their cumulative sums (exact integers) divided by the
 * total in double precision, the first index whose share is nearest to {@code p}, and the count
 * there; then at least 1 (MetaCLIP 2's code can give 0, which would keep nothing). A key whose
 * counts are all 0 has no pairs and gets no {@code t}.
 *
 * <p>Immutable, thread-safe and serializable.
 */
public final class LanguageThresholds implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The English key, whose {@code t_en} sets {@code p}. */
  public static final String ENGLISH = "en";

  /** {@code t_k} by key; a key with no pairs is absent. */
  private final Map<String, Long> t;

  private final double p;
  private final Long tEn;

  private LanguageThresholds(Map<String, Long> t, double p, Long tEn) {
    this.t = Collections.unmodifiableMap(new TreeMap<>(t));
    this.p = p;
    this.tEn = tEn;
  }

  /**
   * The thresholds from {@code t_en}: English uses it, every other key derives its own from {@code
   * p = p(t_en)} on the English counts; then {@code manual} replaces the {@code t} of the keys it
   * names.
   *
   * @throws IllegalArgumentException if {@code tEn < 1}, a manual {@code t} is below 1, or there
   *     are no English counts (no {@code en} key, or all its counts 0), so that {@code t_en} cannot
   *     give {@code p}: give {@code p} instead
   */
  public static LanguageThresholds fromTEn(
      Map<String, EntryCounts> counts, long tEn, Map<String, Long> manual) {
    if (tEn < 1) {
      throw new IllegalArgumentException("t_en must be at least 1, got " + tEn);
    }
    EntryCounts english = counts.get(ENGLISH);
    if (english == null || english.totalMatches() == 0) {
      throw new IllegalArgumentException(
          "t_en = "
              + tEn
              + " cannot give p: there are no English counts (no en vocabulary, or no English pair"
              + " matched); give p instead, e.g. --p 0.1");
    }
    double p = english.pOfT(tEn);
    Map<String, Long> t = derive(counts, p);
    t.put(ENGLISH, tEn);
    return new LanguageThresholds(withManual(t, manual), p, tEn);
  }

  /**
   * The thresholds from {@code p}: every key, English included, derives its {@code t}; then {@code
   * manual} replaces the {@code t} of the keys it names.
   *
   * @throws IllegalArgumentException if {@code p} is outside (0, 1] or a manual {@code t} is below
   *     1
   */
  public static LanguageThresholds fromP(
      Map<String, EntryCounts> counts, double p, Map<String, Long> manual) {
    if (!(p > 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException(
          "p must be in (0, 1], got " + p + "; it is the tail share, e.g. 0.1");
    }
    return new LanguageThresholds(withManual(derive(counts, p), manual), p, null);
  }

  private static Map<String, Long> derive(Map<String, EntryCounts> counts, double p) {
    Map<String, Long> t = new TreeMap<>();
    for (Map.Entry<String, EntryCounts> e : counts.entrySet()) {
      long k = pToT(e.getValue(), p);
      if (k > 0) {
        t.put(e.getKey(), k);
      }
    }
    return t;
  }

  private static Map<String, Long> withManual(Map<String, Long> t, Map<String, Long> manual) {
    for (Map.Entry<String, Long> m : manual.entrySet()) {
      if (m.getValue() < 1) {
        throw new IllegalArgumentException(
            "t of key " + m.getKey() + " must be at least 1, got " + m.getValue());
      }
      t.put(m.getKey(), m.getValue());
    }
    return t;
  }

  /**
   * Spec §8.5's {@code p_to_t} for one key: at least 1, or 0 when every count is 0 (no pairs, no
   * {@code t}).
   */
  static long pToT(EntryCounts counts, double p) {
    long[] sorted = counts.toArray();
    Arrays.sort(sorted);
    long total = 0;
    for (long c : sorted) {
      total += c;
    }
    if (total == 0) {
      return 0;
    }
    long cumulative = 0;
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < sorted.length; i++) {
      cumulative += sorted[i];
      double distance = Math.abs((double) cumulative / (double) total - p);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return Math.max(sorted[best], 1);
  }

  /** {@code t_k}, or empty when the key has no pairs and no manual {@code t}. */
  public OptionalLong t(String key) {
    Long k = t.get(key);
    return k == null ? OptionalLong.empty() : OptionalLong.of(k);
  }

  /** Every key with a {@code t}, sorted, with its {@code t}. */
  public Map<String, Long> all() {
    return t;
  }

  /** The tail share used: {@code p(t_en)} on the English counts, or the {@code p} given. */
  public double p() {
    return p;
  }

  /** {@code t_en} when the thresholds came from it. */
  public OptionalLong tEn() {
    return tEn == null ? OptionalLong.empty() : OptionalLong.of(tEn);
  }

  /** {@code entryProb[k][i]}: 1 if {@code count < t_k}, else {@code t_k / count}. */
  public static double entryProb(long count, long tk) {
    return count < tk ? 1.0 : (double) tk / (double) count;
  }

  /** {@code p(t_k)} on the key's own counts, if it has a {@code t}. */
  public OptionalDouble pOfT(String key, EntryCounts counts) {
    Long k = t.get(key);
    return k == null ? OptionalDouble.empty() : OptionalDouble.of(counts.pOfT(k));
  }

  @Override
  public String toString() {
    return "LanguageThresholds[p=" + p + (tEn == null ? "" : ", t_en=" + tEn) + ", t=" + t + "]";
  }
}
