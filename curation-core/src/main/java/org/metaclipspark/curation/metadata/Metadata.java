package org.metaclipspark.curation.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The metadata of MetaCLIP curation: an immutable list of entries, where an entry's {@code entryId}
 * is its 0-based position ({@code docs/SEMANTICS.md}, "Vocabulary").
 *
 * <p>Entries are kept exactly as given: no trimming, case folding or Unicode normalization.
 * Duplicates keep their own ids and empty entries keep their position (they never match); both are
 * counted so callers can report them.
 *
 * <p>{@link #load(Path)} accepts two formats and picks one from the first non-whitespace byte
 * (after an optional UTF-8 byte order mark): {@code [} means a JSON array of strings (MetaCLIP's
 * {@code metadata.json}), anything else means UTF-8 text with one entry per line ({@code \n},
 * {@code \r\n} or {@code \r} line ends; a final line end does not add an empty entry). A lines file
 * whose first entry starts with {@code [} must therefore be converted to a JSON array. Both formats
 * are read in one streaming pass.
 *
 * <p>Instances are immutable and thread-safe. Loading is linear in the input size; {@link
 * #entry(int)} is constant time.
 */
public final class Metadata implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  private final String[] entries;
  private final int duplicateCount;
  private final int emptyCount;
  private final String sha256;
  private final String source;

  private Metadata(String[] entries, String source) {
    this.entries = entries;
    this.source = source;
    Set<String> seen = new HashSet<>(entries.length * 2);
    int duplicates = 0;
    int empties = 0;
    for (String entry : entries) {
      if (!seen.add(entry)) {
        duplicates++;
      }
      if (entry.isEmpty()) {
        empties++;
      }
    }
    this.duplicateCount = duplicates;
    this.emptyCount = empties;
    this.sha256 = fingerprint(entries);
  }

  /**
   * Loads metadata from a file in either format (see the class documentation).
   *
   * @param path a JSON array of strings or a UTF-8 file with one entry per line
   * @return the metadata, with {@link #source()} set to {@code path}
   * @throws MetadataFormatException if the file is not valid in the detected format; the message
   *     names the file, the line and column, and the fix
   * @throws IOException if the file cannot be read
   */
  public static Metadata load(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return load(in, path.toString());
    }
  }

  /**
   * Loads metadata from a stream in either format (see the class documentation). The stream is read
   * to its end but not closed.
   *
   * @param in the bytes of a JSON array of strings or of UTF-8 lines
   * @param sourceName the path or name used in messages and returned by {@link #source()}
   * @return the metadata
   * @throws MetadataFormatException if the input is not valid in the detected format
   * @throws IOException if the stream cannot be read
   */
  public static Metadata load(InputStream in, String sourceName) throws IOException {
    Objects.requireNonNull(sourceName, "sourceName");
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    List<String> entries =
        isJsonArray(buffered) ? readJson(buffered, sourceName) : readLines(buffered, sourceName);
    return new Metadata(entries.toArray(new String[0]), sourceName);
  }

  /**
   * Returns metadata holding {@code entries} in order; {@link #source()} is {@code "<list>"}.
   *
   * @throws NullPointerException naming the position of the first null entry
   */
  public static Metadata of(List<String> entries) {
    String[] copy = new String[entries.size()];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = entries.get(i);
      if (copy[i] == null) {
        throw new NullPointerException("metadata entry " + i + " is null; entries must be strings");
      }
    }
    return new Metadata(copy, "<list>");
  }

  /** Returns the number of entries, empty and duplicate entries included. */
  public int size() {
    return entries.length;
  }

  /**
   * Returns the entry with the given id.
   *
   * @throws IndexOutOfBoundsException if {@code entryId} is not in {@code [0, size())}
   */
  public String entry(int entryId) {
    if (entryId < 0 || entryId >= entries.length) {
      throw new IndexOutOfBoundsException(
          "entryId "
              + entryId
              + " is out of range [0, "
              + entries.length
              + ") of metadata "
              + source);
    }
    return entries[entryId];
  }

  /** Returns the number of entries equal to an entry with a smaller id. */
  public int duplicateCount() {
    return duplicateCount;
  }

  /** Returns the number of empty entries; they keep their id but never match. */
  public int emptyCount() {
    return emptyCount;
  }

  /**
   * Returns the lower-case hex SHA-256 of the entries in order, each encoded as its UTF-8 bytes
   * followed by one {@code 0x0A} byte.
   *
   * <p>The value therefore equals {@code sha256sum} of the one-entry-per-line file with {@code \n}
   * line ends, and does not depend on the format the entries were loaded from. Unpaired surrogates
   * (possible only through JSON escapes) are encoded as {@code ?}, as Java's UTF-8 encoder does.
   */
  public String sha256() {
    return sha256;
  }

  /**
   * Returns where the entries came from: the path or name given to {@code load}, or {@code
   * "<list>"}.
   */
  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "Metadata[source="
        + source
        + ", size="
        + entries.length
        + ", duplicates="
        + duplicateCount
        + ", empty="
        + emptyCount
        + ", sha256="
        + sha256
        + "]";
  }

  private static boolean isJsonArray(BufferedInputStream in) throws IOException {
    in.mark(1 << 15);
    try {
      int b = in.read();
      if (b == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
        b = in.read();
      }
      for (int skipped = 0; b == ' ' || b == '\t' || b == '\n' || b == '\r'; skipped++) {
        if (skipped > (1 << 14)) {
          return false;
        }
        b = in.read();
      }
      return b == '[';
    } finally {
      in.reset();
    }
  }

  private static List<String> readJson(InputStream in, String source) throws IOException {
    List<String> entries = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(in)) {
      parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw formatError(
            source, parser.currentTokenLocation(), "expected a JSON array of strings", null);
      }
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw formatError(
              source,
              parser.currentLocation(),
              "the JSON array ends early, after " + entries.size() + " entries (truncated file?)",
              null);
        }
        if (token != JsonToken.VALUE_STRING) {
          throw formatError(
              source,
              parser.currentTokenLocation(),
              "element " + entries.size() + " is " + token + ", but every element must be a string",
              null);
        }
        entries.add(parser.getText());
      }
      if (parser.nextToken() != null) {
        throw formatError(
            source,
            parser.currentTokenLocation(),
            "unexpected content after the closing ']' of the array",
            null);
      }
    } catch (JsonProcessingException e) {
      throw formatError(
          source,
          e.getLocation(),
          "invalid JSON after " + entries.size() + " entries: " + e.getOriginalMessage(),
          e);
    }
    return entries;
  }

  private static MetadataFormatException formatError(
      String source, JsonLocation location, String what, Throwable cause) {
    long line = location == null ? -1 : location.getLineNr();
    long column = location == null ? -1 : location.getColumnNr();
    long offset = location == null ? -1 : location.getCharOffset();
    String where =
        location == null
            ? ""
            : " at line "
                + line
                + ", column "
                + column
                + (offset >= 0 ? " (char offset " + offset + ")" : "");
    return new MetadataFormatException(
        source,
        line,
        column,
        "cannot read metadata "
            + source
            + where
            + ": "
            + what
            + ". Fix the file so it is a JSON array of strings like [\"cat\", \"black cat\"],"
            + " or give one entry per line in UTF-8 (the first entry must then not start with '[').",
        cause);
  }

  private static List<String> readLines(InputStream in, String source) throws IOException {
    List<String> entries = new ArrayList<>();
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    byte[] line = new byte[256];
    int length = 0;
    boolean afterCr = false;
    long lineStartOffset = 0;
    long offset = 0;
    byte[] chunk = new byte[1 << 16];
    for (int read; (read = in.read(chunk)) > 0; ) {
      for (int k = 0; k < read; k++, offset++) {
        byte b = chunk[k];
        if (b == '\n' && afterCr) {
          afterCr = false;
          lineStartOffset = offset + 1;
          continue;
        }
        afterCr = b == '\r';
        if (b == '\n' || b == '\r') {
          entries.add(decodeLine(decoder, line, length, entries.size(), lineStartOffset, source));
          length = 0;
          lineStartOffset = offset + 1;
        } else {
          if (length == line.length) {
            line = Arrays.copyOf(line, length * 2);
          }
          line[length++] = b;
        }
      }
    }
    if (length > 0) {
      entries.add(decodeLine(decoder, line, length, entries.size(), lineStartOffset, source));
    }
    return entries;
  }

  private static String decodeLine(
      CharsetDecoder decoder, byte[] bytes, int length, int index, long byteOffset, String source)
      throws MetadataFormatException {
    int from =
        index == 0
                && length >= 3
                && bytes[0] == (byte) 0xEF
                && bytes[1] == (byte) 0xBB
                && bytes[2] == (byte) 0xBF
            ? 3
            : 0;
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, from, length - from)).toString();
    } catch (CharacterCodingException e) {
      long line = index + 1L;
      throw new MetadataFormatException(
          source,
          line,
          -1,
          "cannot read metadata "
              + source
              + " at line "
              + line
              + " (byte offset "
              + byteOffset
              + "): the bytes are not valid UTF-8 ("
              + e
              + "). Re-encode the file as UTF-8 with one entry per"
              + " line, or give a JSON array of strings.",
          e);
    }
  }

  private static String fingerprint(String[] entries) {
    MessageDigest digest = Sha256.newDigest();
    for (String entry : entries) {
      digest.update(entry.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) '\n');
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
