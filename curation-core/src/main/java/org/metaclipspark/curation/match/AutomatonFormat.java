package org.metaclipspark.curation.match;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.metaclipspark.curation.text.Spacing;

/**
 * The versioned binary form of an {@link Automaton}, and its validation on load.
 *
 * <p>Layout: the magic {@code "MCSM"} (MetaClip Substring Matcher), the format version, the three
 * ints {@code entryCount}, {@code wordCount}, {@code maxWordLength}, then the arrays {@code
 * wordChars}, {@code punctuationWordId}, {@code states} and {@code outputEntryIds}, each as its
 * length (a big-endian int) and its elements little-endian. Only the stored form is written; the
 * scan tables are rebuilt on load. Loading checks every index the scan will follow, so a corrupt or
 * foreign input fails here with a message instead of misbehaving later. Changing the layout means a
 * new {@link #FORMAT_VERSION}.
 */
final class AutomatonFormat {

  /** First bytes of the binary form: "MCSM" (MetaClip Substring Matcher). */
  static final int MAGIC = 0x4D43534D;

  static final int FORMAT_VERSION = 1;

  private AutomatonFormat() {}

  /** Writes {@code a}; the stream is flushed, not closed. */
  static void write(Automaton a, OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(FORMAT_VERSION);
    data.writeInt(a.entryCount());
    data.writeInt(a.wordCount());
    data.writeInt(a.maxWordLength());
    byte[] chunk = new byte[1 << 16];
    writeChars(data, a.wordChars(), chunk);
    for (int[] array : new int[][] {a.punctuationWordId(), a.states(), a.outputEntryIds()}) {
      writeInts(data, array, chunk);
    }
    data.flush();
  }

  /**
   * Reads an automaton written by {@link #write}, exactly its bytes; the stream is not closed.
   *
   * @throws IOException if the input is not of this format version, is truncated, or is
   *     inconsistent
   */
  static Automaton read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int magic = data.readInt();
    if (magic != MAGIC) {
      throw new IOException(
          String.format(
              "not a serialized SubstringMatcher: the first 4 bytes are 0x%08X, expected 0x%08X (\"MCSM\");"
                  + " pass a stream written by SubstringMatcher.writeTo",
              magic, MAGIC));
    }
    int version = data.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException(
          "serialized SubstringMatcher has format version "
              + version
              + ", this build reads version "
              + FORMAT_VERSION
              + "; recompile the matcher from the metadata");
    }
    try {
      int entryCount = data.readInt();
      int wordCount = data.readInt();
      int maxWordLength = data.readInt();
      byte[] chunk = new byte[1 << 16];
      char[] wordChars = readChars(data, chunk);
      int[] punctuationWordId = readInts(data, chunk);
      int[] states = readInts(data, chunk);
      int[] outputEntryIds = readInts(data, chunk);
      checkStructure(
          entryCount,
          wordCount,
          maxWordLength,
          wordChars,
          punctuationWordId,
          states,
          outputEntryIds);
      return new Automaton(
          entryCount,
          wordCount,
          maxWordLength,
          wordChars,
          punctuationWordId,
          states,
          outputEntryIds);
    } catch (EOFException e) {
      throw new IOException("serialized SubstringMatcher is truncated; rewrite it with writeTo", e);
    }
  }

  private static void checkStructure(
      int entryCount,
      int wordCount,
      int maxWordLength,
      char[] wordChars,
      int[] punctuationWordId,
      int[] states,
      int[] outputEntryIds)
      throws IOException {
    require(
        entryCount >= 0
            && wordCount >= 0
            && maxWordLength >= 0
            && maxWordLength <= Character.MAX_VALUE,
        "sizes out of range");
    require(punctuationWordId.length == Spacing.PUNCTUATION.length(), "punctuation table size");
    for (int w : punctuationWordId) {
      require(w >= -1 && w < wordCount, "punctuation word id out of range");
    }
    require(
        states.length % Automaton.STATE_RECORD == 0 && states.length >= 2 * Automaton.STATE_RECORD,
        "state table size");
    int stateCount = states.length / Automaton.STATE_RECORD - 1;
    require(stateCount >= wordCount + 1, "fewer states than words");
    require(
        states[0] == 1
            && states[Automaton.STATE_RECORD] == wordCount + 1
            && states[stateCount * Automaton.STATE_RECORD] == stateCount,
        "root children are not states 1.." + wordCount);
    require(states[1] == 0 && states[2] == 0 && states[3] == -1, "root state");
    require(
        states[stateCount * Automaton.STATE_RECORD + 1] == outputEntryIds.length, "output count");
    for (int s = 0; s < stateCount; s++) {
      int r = s * Automaton.STATE_RECORD;
      require(
          states[r + 1] <= states[r + Automaton.STATE_RECORD + 1],
          "output offsets are not ascending");
      if (s == 0) {
        continue;
      }
      require(
          states[r] <= states[r + Automaton.STATE_RECORD] && states[r] > s,
          "child ranges not ascending");
      if (s <= wordCount) {
        int from = states[r + 2];
        int length = states[r + 3];
        require(
            from >= 0
                && length >= 0
                && length <= maxWordLength
                && from <= wordChars.length - length,
            "word characters out of range");
      } else {
        require(states[r + 3] >= 0 && states[r + 3] < wordCount, "edge label out of range");
        require(
            states[r + 2] >= 0 && states[r + 2] < s,
            "failure link does not point to an earlier state");
      }
    }
    for (int id : outputEntryIds) {
      require(id >= 0 && id < entryCount, "output entryId out of range");
    }
  }

  private static void require(boolean condition, String what) throws IOException {
    if (!condition) {
      throw new IOException(
          "serialized SubstringMatcher is inconsistent ("
              + what
              + "); the data is corrupt or was not written by SubstringMatcher.writeTo; recompile it");
    }
  }

  private static void writeInts(DataOutputStream out, int[] array, byte[] chunk)
      throws IOException {
    out.writeInt(array.length);
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 4;
    for (int from = 0; from < array.length; from += perChunk) {
      int count = Math.min(perChunk, array.length - from);
      buffer.clear();
      buffer.asIntBuffer().put(array, from, count);
      out.write(chunk, 0, count * 4);
    }
  }

  private static void writeChars(DataOutputStream out, char[] array, byte[] chunk)
      throws IOException {
    out.writeInt(array.length);
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 2;
    for (int from = 0; from < array.length; from += perChunk) {
      int count = Math.min(perChunk, array.length - from);
      buffer.clear();
      buffer.asCharBuffer().put(array, from, count);
      out.write(chunk, 0, count * 2);
    }
  }

  private static int readLength(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException(
          "serialized SubstringMatcher has a negative array length "
              + length
              + "; the data is corrupt; recompile the matcher");
    }
    return length;
  }

  private static int[] readInts(DataInputStream in, byte[] chunk) throws IOException {
    int[] array = new int[readLength(in)];
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 4;
    for (int from = 0; from < array.length; from += perChunk) {
      int count = Math.min(perChunk, array.length - from);
      in.readFully(chunk, 0, count * 4);
      buffer.clear();
      buffer.asIntBuffer().get(array, from, count);
    }
    return array;
  }

  private static char[] readChars(DataInputStream in, byte[] chunk) throws IOException {
    char[] array = new char[readLength(in)];
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 2;
    for (int from = 0; from < array.length; from += perChunk) {
      int count = Math.min(perChunk, array.length - from);
      in.readFully(chunk, 0, count * 2);
      buffer.clear();
      buffer.asCharBuffer().get(array, from, count);
    }
    return array;
  }
}
