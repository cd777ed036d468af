package org.metaclipspark.curation.dedup;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.PrimitiveIterator;

/**
 * The winners of pass 2's dedup for one data file of {@code matches/}, as a bitmap of its rows:
 * what the fetch reads to keep exactly the winning rows.
 *
 * <p>Layout: {@code words(rows)} longs; row {@code r} is bit {@code r & 63} of word {@code r >>>
 * 6}. Stored as the words in order, each big-endian ({@link DataOutput#writeLong}), so a file of
 * {@code n} rows takes {@code 8 * ceil(n / 64)} bytes.
 *
 * <p>Immutable and thread-safe once built; {@link #group} builds them from the winners' locators.
 */
public final class WinnerBitmap {
  /** A file without winners: no row is set. */
  public static final WinnerBitmap NONE = new WinnerBitmap(-1, new long[0], 0);

  private final int file;
  private final long[] words;
  private final int winners;

  private WinnerBitmap(int file, long[] words, int winners) {
    this.file = file;
    this.words = words;
    this.winners = winners;
  }

  /** The number of words of a file with {@code rows} rows. */
  public static int words(long rows) {
    return Math.toIntExact((rows + 63) / 64);
  }

  /** The index of the file, in locator order. */
  public int file() {
    return file;
  }

  /** The number of winning rows. */
  public int winners() {
    return winners;
  }

  /** Whether row {@code row} of the file is a winner; false past the bitmap's end. */
  public boolean isWinner(long row) {
    int word = (int) (row >>> 6);
    return word < words.length && (words[word] & (1L << row)) != 0;
  }

  /** Writes the words in the stored layout. */
  public void writeTo(DataOutput out) throws IOException {
    for (long word : words) {
      out.writeLong(word);
    }
  }

  /** Reads the bitmap of file {@code file} of {@code locators}, with its winners, as stored. */
  public static WinnerBitmap readFrom(DataInput in, RowLocators locators, int file, int winners)
      throws IOException {
    long[] words = new long[words(locators.rowsIn(file))];
    for (int i = 0; i < words.length; i++) {
      words[i] = in.readLong();
    }
    return new WinnerBitmap(file, words, winners);
  }

  /** Receives each file's bitmap from {@link #group}. */
  @FunctionalInterface
  public interface Sink {
    void accept(WinnerBitmap bitmap) throws IOException;
  }

  /**
   * Groups winners' locators, ascending, by file, and hands each file that has winners its bitmap,
   * in file order.
   *
   * @throws IllegalArgumentException if the locators are not ascending or one is out of range
   */
  public static void group(RowLocators locators, PrimitiveIterator.OfLong ascending, Sink sink)
      throws IOException {
    int file = -1;
    long[] bits = null;
    int winners = 0;
    long previous = -1;
    while (ascending.hasNext()) {
      long locator = ascending.nextLong();
      if (locator <= previous || locator >= locators.rows()) {
        throw new IllegalArgumentException(
            "winner locator "
                + locator
                + " after "
                + previous
                + ": the locators must ascend within [0, "
                + locators.rows()
                + ")");
      }
      previous = locator;
      int f = locators.fileOf(locator);
      if (f != file) {
        if (bits != null) {
          sink.accept(new WinnerBitmap(file, bits, winners));
        }
        file = f;
        bits = new long[words(locators.rowsIn(f))];
        winners = 0;
      }
      long row = locator - locators.firstRow(f);
      bits[(int) (row >>> 6)] |= 1L << row;
      winners++;
    }
    if (bits != null) {
      sink.accept(new WinnerBitmap(file, bits, winners));
    }
  }
}
