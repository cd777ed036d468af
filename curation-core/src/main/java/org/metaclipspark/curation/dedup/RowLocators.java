package org.metaclipspark.curation.dedup;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The locators of pass 2's dedup: every row of pass 1's output numbered once, the data files of
 * {@code matches/} sorted by name (shard order), rows in file order. The locator of row {@code r}
 * of file {@code f} is {@code firstRow(f) + r}, where {@code firstRow} is the prefix sum of the
 * files' row counts; so the smallest locator of a key is the pair pass 1 wrote first, the winner
 * ({@link PairFingerprint}).
 *
 * <p>Layout: {@code firstRow[f]} is the locator of file {@code f}'s first row and {@code
 * firstRow[files]} the number of rows; an empty file shares its first row with the next file.
 *
 * <p>Immutable and thread-safe; {@link Serializable} so Spark can broadcast it. Memory: one {@code
 * long} per file. {@link #fileOf} is O(log files).
 */
public final class RowLocators implements Serializable {
  private static final long serialVersionUID = 1L;

  /** firstRow[f]: the locator of file f's first row; firstRow[files] is the number of rows. */
  private final long[] firstRow;

  private RowLocators(long[] firstRow) {
    this.firstRow = firstRow;
  }

  /**
   * The locators of files with these row counts, in locator order.
   *
   * @throws IllegalArgumentException if a count is negative, or the rows exceed the {@value
   *     PairFingerprint#LOCATOR_BITS}-bit locators
   */
  public static RowLocators of(long[] rowsPerFile) {
    long[] first = new long[rowsPerFile.length + 1];
    for (int f = 0; f < rowsPerFile.length; f++) {
      if (rowsPerFile[f] < 0) {
        throw new IllegalArgumentException(
            "file " + f + " has a negative row count: " + rowsPerFile[f]);
      }
      first[f + 1] = first[f] + rowsPerFile[f];
    }
    long rows = first[rowsPerFile.length];
    if (rows - 1 > PairFingerprint.MAX_LOCATOR) {
      throw new IllegalArgumentException(
          rows + " matched pairs exceed the 2^40 locators of pass 2's dedup");
    }
    return new RowLocators(first);
  }

  /** The number of files. */
  public int files() {
    return firstRow.length - 1;
  }

  /** The number of rows in all files: one more than the largest locator. */
  public long rows() {
    return firstRow[firstRow.length - 1];
  }

  /** The locator of file {@code file}'s first row. */
  public long firstRow(int file) {
    return firstRow[file];
  }

  /** The number of rows of file {@code file}. */
  public long rowsIn(int file) {
    return firstRow[file + 1] - firstRow[file];
  }

  /** The index of the file holding {@code locator}: the last file whose first row is at most it. */
  public int fileOf(long locator) {
    int i = Arrays.binarySearch(firstRow, 0, firstRow.length - 1, locator);
    if (i < 0) {
      return -i - 2;
    }
    // Empty files share their first row with the next one; the row is in the last of them.
    while (i + 1 < firstRow.length - 1 && firstRow[i + 1] == locator) {
      i++;
    }
    return i;
  }
}
