package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.Gen;
import org.metaclipspark.curation.testsupport.Properties;

/**
 * {@link KeepThreshold} against the draw itself: a pair is kept by {@link BalancingPlan#keep} at
 * cap {@code t} exactly when its threshold is at most {@code t}.
 *
 * <p>Checked once to fail on broken main code (the bisection's {@code lo = mid + 1} made {@code lo
 * = mid + 2}): "property failed (seed 20261202, try 1 of 300 ...) ... threshold 2 ... kept at t=1".
 */
class KeepThresholdTest {

  /** Counts, a pair, its entries and a seed, shown in a failure message. */
  record Case(long[] counts, String uuid, String text, int[] ids, long seed) {
    @Override
    public String toString() {
      return "counts="
          + Arrays.toString(counts)
          + " uuid="
          + Properties.quote(uuid)
          + " text="
          + Properties.quote(text)
          + " ids="
          + Arrays.toString(ids)
          + " seed="
          + seed;
    }
  }

  private static Case draw(Random r) {
    int entries = 1 + r.nextInt(6);
    long[] counts = new long[entries];
    for (int e = 0; e < entries; e++) {
      // Small counts hit the exact boundaries; large ones the guess and the rounding of t / c.
      counts[e] = r.nextInt(4) == 0 ? r.nextInt(5) : (long) Math.pow(10, 1 + r.nextDouble() * 8.5);
    }
    int[] ids = new int[r.nextInt(entries + 1)];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = r.nextInt(entries);
    }
    return new Case(
        counts, Gen.strings(1, 12).next(r), Gen.strings(0, 20).next(r), ids, Gen.anyLong().next(r));
  }

  @Test
  void aPairIsKeptExactlyAtTheCapsFromItsThresholdUp() {
    Properties.check(
        20261202L,
        300,
        KeepThresholdTest::draw,
        c -> {
          long tau =
              KeepThreshold.of(EntryCounts.of(c.counts()), c.seed())
                  .threshold(c.uuid(), c.text(), c.ids());
          if (c.ids().length == 0) {
            assertEquals(KeepThreshold.NEVER, tau, "a pair with no entry is never kept");
            return;
          }
          assertTrue(tau >= 1, "threshold " + tau);
          long max = Arrays.stream(c.counts()).max().getAsLong();
          assertTrue(tau <= Math.max(1, max), "threshold " + tau + " above every count");
          assertTrue(keptAt(c, tau), "threshold " + tau + " but not kept there");
          if (tau > 1) {
            assertFalse(keptAt(c, tau - 1), "threshold " + tau + " but kept at t=" + (tau - 1));
          }
          Random r = new Random(tau ^ c.seed());
          for (int i = 0; i < 20; i++) {
            long t = 1 + (long) (r.nextDouble() * 2 * Math.max(2, max));
            assertEquals(tau <= t, keptAt(c, t), "threshold " + tau + " at t=" + t);
          }
        });
  }

  /**
   * The first guess and the bisection behind it, each against a linear scan of every cap. Checked
   * once to fail on broken main code: the bisection's {@code lo = mid + 1} made {@code lo = mid +
   * 2} failed at the first try.
   */
  @Test
  void theGuessAndTheBisectionAgreeWithALinearScan() {
    Properties.check(
        20261204L,
        400,
        r -> new long[] {r.nextInt(3000), r.nextLong(), r.nextInt(1000)},
        c -> {
          long count = c[0];
          int entry = (int) c[2];
          long scan = 1;
          while (!BalancingPlan.fires(BalancingPlan.entryProb(count, scan), c[1], entry)) {
            scan++;
          }
          assertEquals(scan, KeepThreshold.bisect(count, c[1], entry), "bisection, count " + count);
          assertEquals(scan, KeepThreshold.forEntry(count, c[1], entry), "guess, count " + count);
        });
  }

  @Test
  void anEntryOutsideTheCountsIsNamed() {
    KeepThreshold k = KeepThreshold.of(EntryCounts.of(new long[] {3, 4}), 7);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> k.threshold("u", "x", new int[] {2}));
    assertTrue(e.getMessage().contains("entryId 2"), e.getMessage());
  }

  private static boolean keptAt(Case c, long t) {
    return BalancingPlan.of(c.counts(), t, c.seed()).keep(c.uuid(), c.text(), c.ids());
  }
}
