package org.metaclipspark.curation.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The thinned curves keep the shape: first and last rank, ascending ranks, the sorted values. */
class ReportChartsTest {
  @Test
  void thinnedRanksStartAtOneEndAtNAndAscend() {
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + random.nextInt(trial < 100 ? 5000 : 2_000_000);
      int[] ranks = ReportCharts.thinnedRanks(n);
      assertEquals(1, ranks[0], "n=" + n);
      assertEquals(n, ranks[ranks.length - 1], "n=" + n);
      assertTrue(ranks.length <= 4001, "n=" + n + ": " + ranks.length + " points");
      for (int i = 1; i < ranks.length; i++) {
        assertTrue(ranks[i] > ranks[i - 1], "n=" + n + " at " + i);
      }
      if (n <= 4000) {
        assertEquals(n, ranks.length, "every rank is kept when few");
      }
    }
  }

  @Test
  void sortedCurveIsTheNaiveDescendingSortOfTheNonZeroValuesAtTheThinnedRanks() {
    Random random = new Random(11);
    for (int trial = 0; trial < 50; trial++) {
      long[] values = new long[random.nextInt(20_000) + 1];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(100_000);
      }
      long[] naive =
          Arrays.stream(values)
              .filter(v -> v > 0)
              .boxed()
              .sorted((a, b) -> Long.compare(b, a))
              .mapToLong(Long::longValue)
              .toArray();
      double[][] curve = ReportCharts.sortedCurve(values);
      if (naive.length == 0) {
        continue;
      }
      int[] ranks = ReportCharts.thinnedRanks(naive.length);
      double[] x = Arrays.stream(ranks).asDoubleStream().toArray();
      double[] y = Arrays.stream(ranks).mapToDouble(r -> naive[r - 1]).toArray();
      assertArrayEquals(x, curve[0], "trial " + trial);
      assertArrayEquals(y, curve[1], "trial " + trial);
    }
  }

  @Test
  void chartsArePngImages() throws Exception {
    long[] counts = {50, 20, 7, 3, 1, 0};
    byte[] png = ReportCharts.entryCounts(counts, new long[] {10, 10, 7, 3, 1, 0}, 10L);
    assertArrayEquals(
        new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG signature");
  }
}
