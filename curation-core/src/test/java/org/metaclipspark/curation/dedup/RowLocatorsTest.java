package org.metaclipspark.curation.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.Gen;
import org.metaclipspark.curation.testsupport.Properties;

/** {@link RowLocators}: the prefix sums and {@code fileOf} against a linear scan of the files. */
class RowLocatorsTest {
  @Test
  void everyLocatorIsInTheOneFileWhoseRowsHoldIt() {
    Properties.check(
        20261208L,
        300,
        Gen.longArrays(Gen.of(0L, 0L, 1L, 2L, 3L, 64L, 65L, 130L), 1, 12),
        rows -> {
          RowLocators locators = RowLocators.of(rows);
          String where = Arrays.toString(rows);
          assertEquals(rows.length, locators.files(), where);
          assertEquals(Arrays.stream(rows).sum(), locators.rows(), where);
          long first = 0;
          for (int f = 0; f < rows.length; f++) {
            assertEquals(first, locators.firstRow(f), where);
            assertEquals(rows[f], locators.rowsIn(f), where);
            for (long r = 0; r < rows[f]; r++) {
              assertEquals(
                  f, locators.fileOf(first + r), "locator " + (first + r) + " in " + where);
            }
            first += rows[f];
          }
        });
  }

  @Test
  void negativeCountsAndMoreRowsThanLocatorsAreRejected() {
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> RowLocators.of(new long[] {3, -1}));
    assertTrue(negative.getMessage().contains("file 1"), negative.getMessage());
    RowLocators.of(new long[] {PairFingerprint.MAX_LOCATOR, 1});
    IllegalArgumentException many =
        assertThrows(
            IllegalArgumentException.class,
            () -> RowLocators.of(new long[] {PairFingerprint.MAX_LOCATOR, 2}));
    assertTrue(many.getMessage().contains("exceed the 2^40 locators"), many.getMessage());
  }
}
