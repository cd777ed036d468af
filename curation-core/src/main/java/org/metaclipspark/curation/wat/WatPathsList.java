package org.metaclipspark.curation.wat;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A Common Crawl path manifest ({@code wat.paths} or {@code wat.paths.gz}: one shard path per line,
 * relative to the bucket) turned into shard URIs by prepending a prefix such as {@code
 * s3a://commoncrawl/} or {@code https://data.commoncrawl.org/}.
 *
 * <p>Blank lines and lines starting with {@code #} are skipped; a line that already holds a URI
 * ({@code scheme://...}) is kept as it is. Immutable and thread-safe.
 */
public final class WatPathsList {

  private final String source;
  private final List<String> shardUris;

  private WatPathsList(String source, List<String> shardUris) {
    this.source = source;
    this.shardUris = Collections.unmodifiableList(shardUris);
  }

  /**
   * Reads a manifest, gzip-compressed or not (detected by its magic bytes), and closes the stream.
   *
   * @param in the manifest bytes
   * @param source where the manifest came from, for error messages
   * @param prefix prepended to each relative path; a missing '/' between them is added
   * @throws IllegalArgumentException if a line is not a single path (it holds whitespace), the
   *     manifest is not UTF-8, or it lists no shard, naming the source and line
   * @throws IOException if the stream cannot be read
   */
  public static WatPathsList read(InputStream in, String source, String prefix) throws IOException {
    List<String> uris = new ArrayList<>();
    try (BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16)) {
      buffered.mark(2);
      boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
      buffered.reset();
      InputStream text = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
      BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(
                  text,
                  StandardCharsets.UTF_8
                      .newDecoder()
                      .onMalformedInput(CodingErrorAction.REPORT)
                      .onUnmappableCharacter(CodingErrorAction.REPORT)));
      int lineNumber = 0;
      String line;
      try {
        while ((line = reader.readLine()) != null) {
          lineNumber++;
          String path = line.strip();
          if (path.isEmpty() || path.startsWith("#")) {
            continue;
          }
          if (path.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                "line "
                    + lineNumber
                    + " of shard manifest "
                    + source
                    + " is \""
                    + path
                    + "\", which holds whitespace; expected one shard path per line, as in"
                    + " Common Crawl's wat.paths.gz");
          }
          uris.add(join(prefix, path));
        }
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException(
            "shard manifest "
                + source
                + " is not UTF-8 text after line "
                + lineNumber
                + "; pass a wat.paths or wat.paths.gz file",
            e);
      }
    }
    if (uris.isEmpty()) {
      throw new IllegalArgumentException(
          "shard manifest " + source + " lists no shard; is it the right file?");
    }
    return new WatPathsList(source, uris);
  }

  private static String join(String prefix, String path) {
    if (prefix.isEmpty() || path.contains("://")) {
      return path;
    }
    boolean slashInPrefix = prefix.endsWith("/");
    boolean slashInPath = path.startsWith("/");
    if (slashInPrefix && slashInPath) {
      return prefix + path.substring(1);
    }
    return slashInPrefix || slashInPath ? prefix + path : prefix + "/" + path;
  }

  /** Where the manifest was read from. */
  public String source() {
    return source;
  }

  /** The shard URIs, in manifest order. */
  public List<String> shardUris() {
    return shardUris;
  }
}
