package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadEntriesTest {
  private static final long[] COUNTS = {0, 1, 4, 5, 6, 100};

  @Test
  void anEntryCountedExactlyTIsAHeadEntry() {
    assertTrue(HeadEntries.isHead(5, 5));
    assertTrue(HeadEntries.isHead(6, 5));
    assertFalse(HeadEntries.isHead(4, 5));
    assertFalse(HeadEntries.isHead(0, 1));
    assertEquals(3, EntryCounts.of(COUNTS).headEntries(5));
    assertEquals(5, EntryCounts.of(COUNTS).headEntries(1));
    assertEquals(0, EntryCounts.of(COUNTS).headEntries(101));
  }

  @Test
  void thePlanTheSizeTableAndTheTailProportionCountTheSameHeadEntries() {
    for (long t : List.of(1L, 4L, 5L, 6L, 100L, 101L)) {
      int head = EntryCounts.of(COUNTS).headEntries(t);
      assertEquals(head, BalancingPlan.of(COUNTS, t, 0).headEntries(), "plan at t=" + t);
      SizeTable table = SizeTable.of(EntryCounts.of(COUNTS), new long[] {t});
      assertEquals(head, table.rows(table.newSums()).get(0).headEntries(), "size table at t=" + t);
      long tail = 0;
      for (long c : COUNTS) {
        tail += HeadEntries.isHead(c, t) ? 0 : c;
      }
      assertEquals(tail / 116.0, EntryCounts.of(COUNTS).pOfT(t), 1e-15, "p(t) at t=" + t);
    }
  }
}
