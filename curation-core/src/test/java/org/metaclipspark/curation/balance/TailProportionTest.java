package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TailProportionTest {
  @Test
  void pOfTIsTheShareOfCountsBelowT() {
    long[] counts = {1, 2, 3, 4, 10};
    assertEquals(0.0, TailProportion.pOfT(counts, 1));
    assertEquals(6.0 / 20.0, TailProportion.pOfT(counts, 4));
    assertEquals(1.0, TailProportion.pOfT(counts, 11));
  }

  @Test
  void tForPReturnsTheCountWhoseCumulativeShareIsNearest() {
    // sorted 1,2,3,4,10; cumulative shares .05 .15 .30 .50 1.0
    long[] counts = {10, 0, 3, 1, 4, 2};
    assertEquals(3, TailProportion.tForP(counts, 0.3));
    assertEquals(4, TailProportion.tForP(counts, 0.45));
    assertEquals(10, TailProportion.tForP(counts, 0.9));
    assertEquals(1, TailProportion.tForP(counts, 0.01));
  }

  @Property(tries = 200)
  void tForPIsOneOfTheCountsAndItsShareIsNearest(
      @ForAll @Size(min = 1, max = 40) long[] raw,
      @ForAll @DoubleRange(min = 0.01, max = 1.0) double p) {
    long[] counts = Arrays.stream(raw).map(c -> Math.floorMod(c, 1000L) + 1).toArray();
    long t = TailProportion.tForP(counts, p);
    assertTrue(Arrays.stream(counts).anyMatch(c -> c == t));
    long[] sorted = counts.clone();
    Arrays.sort(sorted);
    double total = Arrays.stream(sorted).sum();
    double cumulative = 0;
    double best = Double.MAX_VALUE;
    double bestAtT = Double.MAX_VALUE;
    for (long c : sorted) {
      cumulative += c;
      double distance = Math.abs(cumulative / total - p);
      best = Math.min(best, distance);
      if (c == t) {
        bestAtT = Math.min(bestAtT, distance);
      }
    }
    assertEquals(best, bestAtT, 1e-12, "t=" + t + " for p=" + p + " in " + Arrays.toString(sorted));
  }

  @Property(tries = 100)
  void pOfTGrowsWithT(
      @ForAll @Size(min = 1, max = 30) long[] raw, @ForAll @LongRange(min = 1, max = 500) long t) {
    long[] counts = Arrays.stream(raw).map(c -> Math.floorMod(c, 1000L)).toArray();
    assertTrue(TailProportion.pOfT(counts, t) <= TailProportion.pOfT(counts, t + 1));
  }

  @Test
  void invalidPIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TailProportion.tForP(new long[] {1}, 1.5));
    assertTrue(e.getMessage().contains("got 1.5"));
    assertThrows(
        IllegalArgumentException.class, () -> TailProportion.tForP(new long[] {0, 0}, 0.5));
  }
}
