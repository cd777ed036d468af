package org.metaclipspark.curation.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.balance.EntryCounts;

/** The pure figures of the three passes, on inputs small enough to count by hand. */
class FiguresTest {
  private record Shard(
      long records,
      long imageLinks,
      long pairs,
      long pairsMatched,
      Map<String, Long> skipped,
      List<String> problems)
      implements MatchFigures.Shard {}

  @Test
  void matchFiguresSumTheShardsAndCountWholeRecordSkipsOnly() {
    MatchFigures f =
        MatchFigures.of(
            List.of(
                new Shard(
                    10, 7, 5, 3, Map.of("record.truncated", 1L, "link.data_url", 2L), List.of("a")),
                new Shard(0, 0, 0, 0, Map.of("shard.unreadable", 1L), List.of("b", "c")),
                new Shard(4, 2, 2, 2, Map.of("link.data_url", 1L, "json.bad", 1L), List.of())));
    assertEquals(3, f.shards());
    assertEquals(14, f.records());
    assertEquals(2, f.recordsSkipped(), "record.* and shard.* skips; json.* and link.* are parts");
    assertEquals(9, f.imageLinks());
    assertEquals(7, f.pairs());
    assertEquals(5, f.pairsMatched());
    assertEquals(
        Map.of("record.truncated", 1L, "link.data_url", 3L, "shard.unreadable", 1L, "json.bad", 1L),
        f.skipped());
    assertEquals(
        List.of("json.bad", "link.data_url", "record.truncated", "shard.unreadable"),
        List.copyOf(f.skipped().keySet()),
        "sorted by reason");
    assertEquals(List.of("a", "b", "c"), f.problems());
  }

  @Test
  void matchFiguresKeepTheFirstProblemsOnly() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 70; i++) {
      many.add("p" + i);
    }
    Shard shard = new Shard(1, 0, 0, 0, Map.of(), many);
    MatchFigures f = MatchFigures.of(List.of(shard, shard));
    assertEquals(MatchFigures.MAX_PROBLEMS, f.problems().size());
    assertEquals(
        "p0", f.problems().get(70), "the second shard's first problem follows the first's");
    assertEquals("p29", f.problems().get(99));
  }

  @Test
  void countFiguresGiveHeadEntriesAndPOfTOnlyForAT() {
    long[] counts = {0, 3, 5, 5, 12};
    CountFigures none = CountFigures.of(20, EntryCounts.of(counts), null);
    assertEquals(new CountFigures(20, 25, 4, null, null, null), none);
    CountFigures atFive = CountFigures.of(20, EntryCounts.of(counts), 5L);
    assertEquals(25, atFive.totalMatches());
    assertEquals(4, atFive.entriesMatched());
    assertEquals(3, atFive.headEntries(), "5, 5 and 12 are at least t=5");
    assertEquals(3.0 / 25, atFive.pOfT(), 1e-15);
    assertEquals(0, CountFigures.of(20, EntryCounts.of(counts), 13L).headEntries());
    assertEquals(1.0, CountFigures.of(20, EntryCounts.of(counts), 13L).pOfT());
  }

  @Test
  void balanceFiguresRateEachHeadEntrysKeptPairsAgainstT() {
    long[] counts = {3, 10, 20, 40, 9};
    long[] kept = {3, 10, 9, 12, 9};
    BalanceFigures f = BalanceFigures.of(10, 7, EntryCounts.of(counts), kept, 30);
    assertEquals(10, f.t());
    assertEquals(7, f.seed());
    assertEquals(30, f.curatedPairs());
    assertEquals(3, f.headEntries());
    assertEquals(0.9, f.minHeadKeptOverT(), 1e-15);
    assertEquals(1.0, f.medianHeadKeptOverT(), 1e-15);
    assertEquals(1.2, f.maxHeadKeptOverT(), 1e-15);
    // an even number of head entries: the upper median
    BalanceFigures even =
        BalanceFigures.of(20, 0, EntryCounts.of(counts), new long[] {0, 0, 18, 22, 0}, 40);
    assertEquals(2, even.headEntries());
    assertEquals(1.1, even.medianHeadKeptOverT(), 1e-15);
  }

  @Test
  void balanceFiguresWithoutHeadEntriesHaveNoRatios() {
    BalanceFigures f =
        BalanceFigures.of(100, 0, EntryCounts.of(new long[] {3, 99}), new long[] {3, 99}, 102);
    assertEquals(0, f.headEntries());
    assertTrue(Double.isNaN(f.minHeadKeptOverT()));
    assertTrue(Double.isNaN(f.medianHeadKeptOverT()));
    assertTrue(Double.isNaN(f.maxHeadKeptOverT()));
    assertNull(CountFigures.of(0, EntryCounts.of(new long[0]), null).headEntries());
  }
}
