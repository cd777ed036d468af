package org.metaclipspark.curation.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.Properties;

/**
 * {@link FirstOfEachKey} against the rule written out: group the records by their 88-bit key and
 * take each key's smallest locator.
 */
class FirstOfEachKeyTest {
  /** A shuffle record. */
  record Record(long high, long low) {
    @Override
    public String toString() {
      return Long.toHexString(high) + ":" + Long.toHexString(low);
    }
  }

  /**
   * Few distinct keys, so most records share one; keys differ in {@code high}, in the key bits of
   * {@code low}, or in the sign bit of either, which the signed sort must not split. Checked once
   * to fail on a rule that compared whole {@code low}s, locators included: "property failed (seed
   * 20261209, try 1 of 300 ...) ==> expected: <[29, 55, 46, 18, 9, 2, 59, 35]> but was: <[29, 55,
   * 46, 68, 18, 21, 9, 2, 59, 35]>".
   */
  @Test
  void theSmallestLocatorOfEachKeyWinsInKeyOrder() {
    long[] highs = {0, 1, -1, Long.MIN_VALUE, 42};
    long[] keyBits = {0, 1L << 40, -1L << 40, Long.MIN_VALUE};
    Properties.check(
        20261209L,
        300,
        r -> {
          List<Record> records = new ArrayList<>();
          int n = r.nextInt(40);
          List<Long> locators = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            locators.add((long) i * 7 + r.nextInt(7));
          }
          java.util.Collections.shuffle(locators, r);
          for (long locator : locators) {
            long high = highs[r.nextInt(highs.length)];
            long key = keyBits[r.nextInt(keyBits.length)];
            records.add(new Record(high, key | locator));
          }
          return records;
        },
        records -> {
          Map<List<Long>, Long> smallest =
              new TreeMap<>(
                  Comparator.<List<Long>, Long>comparing(k -> k.get(0))
                      .thenComparing(k -> k.get(1)));
          for (Record rec : records) {
            List<Long> key = List.of(rec.high(), rec.low() & ~PairFingerprint.LOCATOR_MASK);
            smallest.merge(key, PairFingerprint.locator(rec.low()), Math::min);
          }
          List<Record> sorted = new ArrayList<>(records);
          sorted.sort(Comparator.comparingLong(Record::high).thenComparingLong(Record::low));
          List<Long> winners = new ArrayList<>();
          FirstOfEachKey.of(sorted.iterator(), Record::high, Record::low)
              .forEachRemaining((long l) -> winners.add(l));
          assertEquals(new ArrayList<>(smallest.values()), winners, records.toString());
        });
  }
}
