package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.Properties;

/** Spec §8.5 against naive definitions. */
class LanguageThresholdsTest {

  /**
   * The literal rule: the counts as a sorted list (zeros included), each cumulative share as an
   * exact integer over the total in double precision, the first index of the least distance.
   */
  static long naivePToT(long[] counts, double p) {
    List<Long> sorted = new ArrayList<>();
    for (long c : counts) {
      sorted.add(c);
    }
    sorted.sort(null);
    long total = sorted.stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      return 0;
    }
    List<Double> distance = new ArrayList<>();
    long cumulative = 0;
    for (long c : sorted) {
      cumulative += c;
      distance.add(Math.abs((double) cumulative / (double) total - p));
    }
    double least = distance.stream().mapToDouble(Double::doubleValue).min().getAsDouble();
    return Math.max(sorted.get(distance.indexOf(least)), 1);
  }

  /** §6's p(t): the counts below t over all counts, in exact decimals. */
  static double naivePOfT(long[] counts, long t) {
    BigDecimal tail = BigDecimal.ZERO;
    BigDecimal total = BigDecimal.ZERO;
    for (long c : counts) {
      total = total.add(BigDecimal.valueOf(c));
      if (c < t) {
        tail = tail.add(BigDecimal.valueOf(c));
      }
    }
    return total.signum() == 0 ? 0.0 : tail.divide(total, MathContext.DECIMAL128).doubleValue();
  }

  private record Case(long[] counts, double p, long t) {
    @Override
    public String toString() {
      return "counts=" + Arrays.toString(counts) + " p=" + p + " t=" + t;
    }
  }

  private static final Properties.Generator<Case> CASE =
      random -> {
        int n = random.nextInt(12);
        long[] counts = new long[n];
        int shape = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          counts[i] =
              switch (shape) {
                case 0 -> 0; // a key whose counts are all zero
                case 1 -> random.nextInt(3); // many ties and zeros
                case 2 -> random.nextInt(1_000);
                default -> random.nextBoolean() ? 0 : 1L + random.nextInt(1 << 20);
              };
        }
        double p = random.nextInt(5) == 0 ? 1.0 : (1 + random.nextInt(1000)) / 1000.0;
        return new Case(counts, p, 1 + random.nextInt(1_000));
      };

  @Test
  void pToTAndPOfTEqualTheNaiveRules() {
    Properties.check(
        8_5L,
        20_000,
        CASE,
        c -> {
          EntryCounts counts = EntryCounts.of(c.counts());
          assertEquals(
              naivePToT(c.counts(), c.p()), LanguageThresholds.pToT(counts, c.p()), c.toString());
          assertEquals(naivePOfT(c.counts(), c.t()), counts.pOfT(c.t()), 1e-15, c.toString());
        });
  }

  @Test
  void edgeCases() {
    assertEquals(0, LanguageThresholds.pToT(EntryCounts.of(new long[] {0, 0, 0}), 0.5));
    assertEquals(7, LanguageThresholds.pToT(EntryCounts.of(new long[] {7}), 0.01));
    // zeros are included and can be nearest; t is then 1, not 0 (MetaCLIP 2's code gives 0)
    assertEquals(1, LanguageThresholds.pToT(EntryCounts.of(new long[] {0, 0, 0, 100}), 0.1));
    // a tie in distance takes the first index: shares 0.25 and 1 are both 0.375 from p = 0.625
    assertEquals(1, LanguageThresholds.pToT(EntryCounts.of(new long[] {3, 1}), 0.625));
  }

  private static Map<String, EntryCounts> counts() {
    Map<String, EntryCounts> counts = new TreeMap<>();
    counts.put("en", EntryCounts.of(new long[] {1, 2, 3, 50, 100, 0}));
    counts.put("de", EntryCounts.of(new long[] {1, 1, 5, 20}));
    counts.put("xx", EntryCounts.of(new long[] {0, 0}));
    return counts;
  }

  @Test
  void fromTEnEnglishKeepsTEnAndTheOthersTakeItsShare() {
    LanguageThresholds t = LanguageThresholds.fromTEn(counts(), 50, Map.of());
    assertEquals(50, t.t("en").getAsLong());
    assertEquals(6.0 / 156.0, t.p(), 1e-15);
    assertEquals(naivePToT(new long[] {1, 1, 5, 20}, 6.0 / 156.0), t.t("de").getAsLong());
    assertFalse(t.t("xx").isPresent(), "a key with no pairs has no t");
    assertEquals(50, t.tEn().getAsLong());
  }

  @Test
  void fromPEveryKeyDerivesAndManualValuesWin() {
    LanguageThresholds t = LanguageThresholds.fromP(counts(), 0.5, Map.of("de", 3L));
    assertEquals(naivePToT(new long[] {1, 2, 3, 50, 100, 0}, 0.5), t.t("en").getAsLong());
    assertEquals(3, t.t("de").getAsLong());
    assertFalse(t.tEn().isPresent());
  }

  @Test
  void tEnWithoutEnglishCountsAsksForP() {
    Map<String, EntryCounts> noEnglish = new TreeMap<>(counts());
    noEnglish.put("en", EntryCounts.of(new long[] {0, 0}));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LanguageThresholds.fromTEn(noEnglish, 50, Map.of()));
    assertTrue(e.getMessage().contains("give p instead"), e.getMessage());
    noEnglish.remove("en");
    assertThrows(
        IllegalArgumentException.class, () -> LanguageThresholds.fromTEn(noEnglish, 50, Map.of()));
    assertThrows(
        IllegalArgumentException.class, () -> LanguageThresholds.fromP(counts(), 0.0, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> LanguageThresholds.fromP(counts(), 0.5, Map.of("de", 0L)));
  }
}
