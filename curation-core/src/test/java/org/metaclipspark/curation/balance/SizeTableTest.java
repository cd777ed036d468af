package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SizeTableTest {
  @Test
  void expectedSizeOfTwoPairsByHand() {
    // entry 0: count 4, entry 1: count 1, entry 2: count 8. With t = 2:
    // pair {0}: 2/4 = 0.5; pair {0, 2}: 1 - (1 - 0.5)(1 - 0.25) = 0.625; pair {1, 2}: tail, 1.
    long[] counts = {4, 1, 8};
    SizeTable table = SizeTable.of(EntryCounts.of(counts), new long[] {2});
    SizeTable.Sums sums =
        table.newSums().add(new int[] {0}).add(new int[] {0, 2}).add(new int[] {1, 2});
    SizeTable.Row row = table.rows(sums).get(0);
    assertEquals(2, row.t());
    assertEquals(2.125, row.expectedCuratedPairs(), 1e-12);
    assertEquals(2, row.headEntries(), "entries 0 and 2 have count >= 2");
    assertEquals(1.0 / 13.0, row.pOfT(), 1e-12, "counts below 2: entry 1 only, 1 of 13");
    assertEquals(3, row.distinctPairs());
  }

  @Test
  void matchesANaiveRecomputationForManyCapsAndDoesNotDependOnMergeOrder() {
    Random random = new Random(20261201L);
    int entries = 300;
    long[] counts = new long[entries];
    for (int e = 0; e < entries; e++) {
      counts[e] = random.nextInt(5) == 0 ? 0 : (long) Math.pow(10, random.nextDouble() * 4);
    }
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      int k = 1 + random.nextInt(4);
      int[] ids = random.ints(k, 0, entries).sorted().distinct().toArray();
      pairs.add(ids);
    }
    long[] ts = {1, 3, 10, 100, 1000, 20_000};
    SizeTable table =
        SizeTable.of(EntryCounts.of(counts), new long[] {1000, 1, 20_000, 3, 100, 10, 100});

    SizeTable.Sums whole = table.newSums();
    pairs.forEach(whole::add);
    List<SizeTable.Row> rows = table.rows(whole);
    assertEquals(ts.length, rows.size());
    for (int i = 0; i < ts.length; i++) {
      long t = ts[i];
      double naive = 0;
      for (int[] ids : pairs) {
        double drop = 1;
        for (int e : ids) {
          double p = counts[e] < t ? 1.0 : (double) t / counts[e];
          drop *= 1 - p;
        }
        naive += 1 - drop;
      }
      int head = 0;
      for (long c : counts) {
        head += c >= t ? 1 : 0;
      }
      SizeTable.Row row = rows.get(i);
      assertEquals(t, row.t());
      assertEquals(naive, row.expectedCuratedPairs(), 1e-6 * Math.max(1, naive), "t=" + t);
      assertEquals(head, row.headEntries(), "t=" + t);
      assertEquals(EntryCounts.of(counts).pOfT(t), row.pOfT(), "t=" + t);
    }

    // The same pairs split into 7 partial scans, merged in a shuffled order: bit-identical.
    Collections.shuffle(pairs, new Random(7));
    List<SizeTable.Sums> parts = new ArrayList<>();
    for (int p = 0; p < 7; p++) {
      parts.add(table.newSums());
    }
    for (int i = 0; i < pairs.size(); i++) {
      parts.get(i % 7).add(pairs.get(i));
    }
    Collections.shuffle(parts, new Random(11));
    SizeTable.Sums merged = table.newSums();
    parts.forEach(merged::merge);
    assertEquals(rows, table.rows(merged));
  }

  @Test
  void capsMustBeGivenAndPositive() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SizeTable.of(EntryCounts.of(new long[] {1}), new long[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> SizeTable.of(EntryCounts.of(new long[] {1}), new long[] {5, 0}));
  }
}
