package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.Gen;
import org.metaclipspark.curation.testsupport.Properties;
import org.metaclipspark.curation.testsupport.Properties.Shrinker;

/**
 * {@link TailProportion}: examples, and properties against the definition written out.
 *
 * <p>Each property's javadoc quotes the failure it gave once on deliberately broken main code: the
 * break was made by hand in the main sources, {@code mvn -pl curation-core -am test
 * -Dtest='SubstringMatcherTest,BalancingPlanTest,TailProportionTest,StableHashTest'} was run, the
 * message was recorded, and the sources were restored ({@code git checkout}). Seeds are fixed, so a
 * rerun of a broken build gives the same messages.
 */
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

  /** Raw counts and a p, shown in a failure message. */
  record CountsAndP(long[] raw, double p) {
    @Override
    public String toString() {
      return "raw=" + Arrays.toString(raw) + " p=" + p;
    }
  }

  /** Raw counts and a t, shown in a failure message. */
  record CountsAndT(long[] raw, long t) {
    @Override
    public String toString() {
      return "raw=" + Arrays.toString(raw) + " t=" + t;
    }
  }

  /** Shorter count arrays first (never empty), then each count toward 0. */
  private static java.util.List<long[]> shrinkCounts(long[] raw) {
    java.util.List<long[]> out = new java.util.ArrayList<>();
    for (java.util.List<Long> smaller :
        Shrinker.list(1, Shrinker.toward(0)).shrink(Arrays.stream(raw).boxed().toList())) {
      out.add(smaller.stream().mapToLong(Long::longValue).toArray());
    }
    return out;
  }

  /**
   * Checked once to fail on a broken {@code tForP} (returning {@code sorted[0]} instead of {@code
   * sorted[best]}): "property failed (seed 20240601, try 1 of 200, 67 shrink steps in 390 runs)
   * smallest failing input: raw=[0, -1] p=0.534...: t=1 for p=0.534... in [1, 1000] ==> expected:
   * <0.4659...> but was: <0.5330...>".
   */
  @Test
  void tForPIsOneOfTheCountsAndItsShareIsNearest() {
    Properties.check(
        20240601L,
        200,
        r ->
            new CountsAndP(
                Gen.longArrays(Gen.anyLong(), 1, 40).next(r), Gen.doubles(0.01, 1.0).next(r)),
        Shrinker.of(
            c -> shrinkCounts(c.raw()).stream().map(raw -> new CountsAndP(raw, c.p())).toList()),
        c -> {
          long[] counts = Arrays.stream(c.raw()).map(x -> Math.floorMod(x, 1000L) + 1).toArray();
          double p = c.p();
          long t = TailProportion.tForP(counts, p);
          assertTrue(Arrays.stream(counts).anyMatch(x -> x == t), "t=" + t + " is no count; " + c);
          long[] sorted = counts.clone();
          Arrays.sort(sorted);
          double total = Arrays.stream(sorted).sum();
          double cumulative = 0;
          double best = Double.MAX_VALUE;
          double bestAtT = Double.MAX_VALUE;
          for (long x : sorted) {
            cumulative += x;
            double distance = Math.abs(cumulative / total - p);
            best = Math.min(best, distance);
            if (x == t) {
              bestAtT = Math.min(bestAtT, distance);
            }
          }
          assertEquals(
              best, bestAtT, 1e-12, "t=" + t + " for p=" + p + " in " + Arrays.toString(sorted));
        });
  }

  /**
   * Checked once to fail on a broken {@code pOfT} (dividing by {@code total + t}): "property failed
   * (seed 20240602, try 2 of 100, 6 shrink steps in 13 runs) smallest failing input:
   * raw=[2178336385587642001] t=282".
   */
  @Test
  void pOfTGrowsWithT() {
    Properties.check(
        20240602L,
        100,
        r ->
            new CountsAndT(Gen.longArrays(Gen.anyLong(), 1, 30).next(r), Gen.longs(1, 500).next(r)),
        Shrinker.of(
            c -> shrinkCounts(c.raw()).stream().map(raw -> new CountsAndT(raw, c.t())).toList()),
        c -> {
          long[] counts = Arrays.stream(c.raw()).map(x -> Math.floorMod(x, 1000L)).toArray();
          long t = c.t();
          assertTrue(
              TailProportion.pOfT(counts, t) <= TailProportion.pOfT(counts, t + 1), c.toString());
        });
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
