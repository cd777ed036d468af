package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.Gen;
import org.metaclipspark.curation.testsupport.Properties;

/**
 * {@link DrawBuckets}: monotone, exact below 16, at most 1/8 wide above. Checked once to fail on
 * broken main code ({@code & 7} made {@code & 3}): the width check failed at the first try.
 */
class DrawBucketsTest {

  @Test
  void thresholdsBelowSixteenHaveBucketsOfTheirOwn() {
    for (long t = 1; t < 16; t++) {
      assertEquals(t, DrawBuckets.of(t));
    }
    assertEquals(DrawBuckets.MAX_BUCKET, DrawBuckets.of(KeepThreshold.NEVER));
  }

  @Test
  void bucketsAreMonotoneAndNarrow() {
    Properties.check(
        20261203L,
        2000,
        r -> Gen.longs(1, Long.MAX_VALUE - 1).next(r) >>> r.nextInt(63),
        t -> {
          long a = Math.max(1, t);
          int b = DrawBuckets.of(a);
          assertTrue(DrawBuckets.of(a + 1) - b <= 1 && DrawBuckets.of(a + 1) >= b, "at " + a);
          assertTrue(b >= 1 && b <= DrawBuckets.MAX_BUCKET, "bucket " + b);
          // The lowest threshold of a's bucket, found by bisection, is within 1/8 of a.
          long lo = 1;
          long hi = a;
          while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (DrawBuckets.of(mid) == b) {
              hi = mid;
            } else {
              lo = mid + 1;
            }
          }
          assertTrue(a - lo <= Math.max(0, lo / 8), "bucket " + b + " spans " + lo + ".." + a);
        });
  }
}
