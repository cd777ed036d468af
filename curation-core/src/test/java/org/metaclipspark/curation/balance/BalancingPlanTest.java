package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.Gen;
import org.metaclipspark.curation.testsupport.Properties;
import org.metaclipspark.curation.testsupport.Properties.Shrinker;

/**
 * The keep probabilities and decisions of {@link BalancingPlan}, as properties and as binomial
 * checks.
 *
 * <p>Each property's javadoc quotes the failure it gave once on deliberately broken main code: the
 * break was made by hand in the main sources, {@code mvn -pl curation-core -am test
 * -Dtest='SubstringMatcherTest,BalancingPlanTest,TailProportionTest,StableHashTest'} was run, the
 * message was recorded, and the sources were restored ({@code git checkout}). Seeds are fixed, so a
 * rerun of a broken build gives the same messages.
 */
class BalancingPlanTest {

  /** Raw counts and a cap, shown in a failure message. */
  record CountsAndT(long[] rawCounts, long t) {
    @Override
    public String toString() {
      return "rawCounts=" + Arrays.toString(rawCounts) + " t=" + t;
    }
  }

  /** A pair, a seed and how many of the tail ids it matched. */
  record TailPair(String uuid, String text, long seed, int matched) {
    @Override
    public String toString() {
      return "uuid="
          + Properties.quote(uuid)
          + " text="
          + Properties.quote(text)
          + " seed="
          + seed
          + " matched="
          + matched;
    }
  }

  /**
   * Checked once to fail on a broken plan (tail entries given {@code entryProb = count / t} instead
   * of 1): "property failed (seed 20240611, try 1 of 200, 7 shrink steps in 8 runs) smallest
   * failing input: rawCounts=[0] t=1: entry 0 count 0 t 1 ==> expected: <1.0> but was: <0.0>".
   */
  @Test
  void entryProbIsTOverMaxOfCountAndT() {
    Properties.check(
        20240611L,
        200,
        r ->
            new CountsAndT(
                Gen.longArrays(Gen.anyLong(), 1, 50).next(r), Gen.longs(1, 1_000_000).next(r)),
        Shrinker.of(
            c -> {
              List<CountsAndT> out = new ArrayList<>();
              for (List<Long> smaller :
                  Shrinker.list(1, Shrinker.toward(0))
                      .shrink(Arrays.stream(c.rawCounts()).boxed().toList())) {
                out.add(
                    new CountsAndT(smaller.stream().mapToLong(Long::longValue).toArray(), c.t()));
              }
              for (long t : Shrinker.toward(1).shrink(c.t())) {
                out.add(new CountsAndT(c.rawCounts(), t));
              }
              return out;
            }),
        c -> {
          long[] counts = abs(c.rawCounts());
          long t = c.t();
          BalancingPlan plan = BalancingPlan.of(counts, t, 7);
          int head = 0;
          for (int e = 0; e < counts.length; e++) {
            double expected = (double) t / (double) Math.max(counts[e], t);
            assertEquals(
                expected,
                plan.entryProb(e),
                0.0,
                "entry " + e + " count " + counts[e] + " t " + t + "; " + c);
            assertTrue(plan.entryProb(e) > 0 && plan.entryProb(e) <= 1, c.toString());
            head += counts[e] >= t ? 1 : 0;
          }
          assertEquals(head, plan.headEntries(), c.toString());
        });
  }

  /**
   * Checked once to fail on the same broken plan: "property failed (seed 20240612, try 1 of 200, 12
   * shrink steps in 14 runs) smallest failing input: uuid="" text="" seed=0 matched=1: tail pair
   * dropped: seed 0 ids [0]".
   */
  @Test
  void pairsWhoseEntriesAreAllTailAreAlwaysKept() {
    long[] counts = {5, 10, 1_000_000, 0, 99, 3};
    int[] tailIds = {0, 1, 4, 5, 3};
    Properties.check(
        20240612L,
        200,
        r ->
            new TailPair(
                Gen.strings(0, 30).next(r),
                Gen.strings(0, 60).next(r),
                Gen.anyLong().next(r),
                Gen.ints(1, 5).next(r)),
        Shrinker.of(
            p -> {
              List<TailPair> out = new ArrayList<>();
              for (String u : Shrinker.string(0).shrink(p.uuid())) {
                out.add(new TailPair(u, p.text(), p.seed(), p.matched()));
              }
              for (String x : Shrinker.string(0).shrink(p.text())) {
                out.add(new TailPair(p.uuid(), x, p.seed(), p.matched()));
              }
              for (long seed : Shrinker.toward(0).shrink(p.seed())) {
                out.add(new TailPair(p.uuid(), p.text(), seed, p.matched()));
              }
              return out;
            }),
        p -> {
          BalancingPlan plan = BalancingPlan.of(counts, 100, p.seed());
          int[] ids = Arrays.copyOf(tailIds, p.matched());
          Arrays.sort(ids);
          assertTrue(
              plan.keep(p.uuid(), p.text(), ids),
              "tail pair dropped: seed " + p.seed() + " ids " + Arrays.toString(ids) + "; " + p);
        });
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
