package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BalancingPlanTest {

  @Property(tries = 200)
  void entryProbIsTOverMaxOfCountAndT(
      @ForAll @Size(min = 1, max = 50) long[] rawCounts,
      @ForAll @LongRange(min = 1, max = 1_000_000) long t) {
    long[] counts = abs(rawCounts);
    BalancingPlan plan = BalancingPlan.of(counts, t, 7);
    int head = 0;
    for (int e = 0; e < counts.length; e++) {
      double expected = (double) t / (double) Math.max(counts[e], t);
      assertEquals(
          expected, plan.entryProb(e), 0.0, "entry " + e + " count " + counts[e] + " t " + t);
      assertTrue(plan.entryProb(e) > 0 && plan.entryProb(e) <= 1);
      head += counts[e] >= t ? 1 : 0;
    }
    assertEquals(head, plan.headEntries());
  }

  @Property(tries = 200)
  void pairsWhoseEntriesAreAllTailAreAlwaysKept(
      @ForAll String uuid,
      @ForAll String text,
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 5) int matched) {
    long[] counts = {5, 10, 1_000_000, 0, 99, 3};
    BalancingPlan plan = BalancingPlan.of(counts, 100, seed);
    int[] tailIds = {0, 1, 4, 5, 3};
    int[] ids = java.util.Arrays.copyOf(tailIds, matched);
    java.util.Arrays.sort(ids);
    assertTrue(
        plan.keep(uuid, text, ids),
        "tail pair dropped: seed " + seed + " ids " + java.util.Arrays.toString(ids));
  }

  @Test
  void keptFractionOfAHeadEntryIsCloseToTOverCount() {
    long count = 200_000;
    long t = 20_000;
    BalancingPlan plan = BalancingPlan.of(new long[] {count}, t, 42);
    int kept = 0;
    for (int i = 0; i < count; i++) {
      kept += plan.keep(Integer.toHexString(i), "caption " + i, new int[] {0}) ? 1 : 0;
    }
    // Binomial(200000, 0.1): sd = 134; allow 5 sd.
    assertTrue(Math.abs(kept - t) < 5 * 134, "kept " + kept + " of " + count + " with t " + t);
  }

  @Test
  void pairWithTwoHeadEntriesIsKeptWithOneMinusProductProbability() {
    BalancingPlan plan = BalancingPlan.of(new long[] {1000, 400}, 100, 3);
    double expected = 1 - (1 - 0.1) * (1 - 0.25);
    int n = 100_000;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      kept += plan.keep("u" + i, "t", new int[] {0, 1}) ? 1 : 0;
    }
    double sd = Math.sqrt(n * expected * (1 - expected));
    assertTrue(
        Math.abs(kept - n * expected) < 5 * sd,
        "kept " + kept + ", expected about " + n * expected);
  }

  @Test
  void sameSeedSameDecisionOtherSeedIndependentDecision() {
    long[] counts = {1_000};
    BalancingPlan a = BalancingPlan.of(counts, 500, 1);
    BalancingPlan b = BalancingPlan.of(counts, 500, 1);
    BalancingPlan c = BalancingPlan.of(counts, 500, 2);
    int agreeSame = 0;
    int agreeOther = 0;
    int n = 10_000;
    for (int i = 0; i < n; i++) {
      boolean ka = a.keep("id" + i, "x", new int[] {0});
      agreeSame += ka == b.keep("id" + i, "x", new int[] {0}) ? 1 : 0;
      agreeOther += ka == c.keep("id" + i, "x", new int[] {0}) ? 1 : 0;
    }
    assertEquals(n, agreeSame);
    // Independent draws with p = 0.5 agree half the time.
    assertTrue(Math.abs(agreeOther - n / 2) < 5 * 50, "agreements across seeds: " + agreeOther);
  }

  @Test
  void pairWithNoMatchedEntryIsNotKept() {
    assertFalse(BalancingPlan.of(new long[] {1}, 1, 0).keep("u", "t", new int[0]));
  }

  @Test
  void invalidInputsAreRejectedWithAMessageThatNamesTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BalancingPlan.of(new long[] {1}, 0, 0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    IllegalArgumentException outside =
        assertThrows(
            IllegalArgumentException.class,
            () -> BalancingPlan.of(new long[] {1}, 1, 0).keep("u", "t", new int[] {3}));
    assertTrue(outside.getMessage().contains("entryId 3"), outside.getMessage());
  }

  private static long[] abs(long[] raw) {
    long[] out = new long[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = raw[i] == Long.MIN_VALUE ? 0 : Math.abs(raw[i]) % 10_000_000;
    }
    return out;
  }
}
