package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Cap#resolve}: the order of a run's caps, and which p a cap keeps. */
class CapTest {
  // sorted 1,2,3,4,10; cumulative shares .05 .15 .30 .50 1.0
  private static final EntryCounts COUNTS = EntryCounts.of(new long[] {10, 0, 3, 1, 4, 2});

  @Test
  void givenCapsComeFirstInTheirOrderThenEachPAsItsT() {
    assertEquals(
        List.of(new Cap(40, null), new Cap(3, null), new Cap(4, 0.45), new Cap(10, 0.9)),
        Cap.resolve(List.of(40L, 3L, 40L), List.of(0.45, 0.9), COUNTS));
  }

  /** As pass 3 has always recorded it: the first p of a cap given as t too is its p. */
  @Test
  void aCapKeepsItsPlaceAndTheFirstPThatGivesIt() {
    assertEquals(
        List.of(new Cap(3, 0.3), new Cap(4, 0.45)),
        Cap.resolve(List.of(3L), List.of(0.3, 0.45, 0.46, 0.29), COUNTS));
  }

  @Test
  void noCapsGiveNone() {
    assertEquals(List.of(), Cap.resolve(List.of(), List.of(), COUNTS));
  }
}
