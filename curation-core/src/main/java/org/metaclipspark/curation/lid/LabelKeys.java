package org.metaclipspark.curation.lid;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The table from a language label to a vocabulary key (spec §8.2): a label that the table names
 * maps to the key it gives, any other label to itself; a key with no vocabulary then becomes
 * {@value #OTHER}. The default, {@code label-keys.tsv} beside this class, lists the 176 labels of
 * {@code lid.176.ftz} and maps {@code yue} to {@code zh}, as MetaCLIP 2 merges {@code zh_yue} into
 * {@code zh}.
 *
 * <p>The format: one {@code label<TAB>key} per line, UTF-8; {@code #} starts a comment line; blank
 * lines are skipped. Immutable and serializable.
 */
public final class LabelKeys implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The key of every text whose label has no vocabulary. */
  public static final String OTHER = "other";

  private static final String RESOURCE = "label-keys.tsv";

  private final Map<String, String> keys;
  private final String source;

  private LabelKeys(Map<String, String> keys, String source) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.source = source;
  }

  /** The default table: the resource {@code label-keys.tsv}. */
  public static LabelKeys defaults() {
    try (InputStream in = LabelKeys.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the resource " + RESOURCE + " is missing from the jar");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "the default " + RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the default " + RESOURCE, e);
    }
  }

  /**
   * Reads a table; {@code source} names it in errors.
   *
   * @throws IOException if it cannot be read, or a line is not {@code label<TAB>key} (the message
   *     names the source and the line), or a label occurs twice
   */
  public static LabelKeys parse(Reader reader, String source) throws IOException {
    Map<String, String> keys = new LinkedHashMap<>();
    BufferedReader lines = new BufferedReader(reader);
    int number = 0;
    for (String line; (line = lines.readLine()) != null; ) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length != 2 || cells[0].isBlank() || cells[1].isBlank()) {
        throw new IOException(
            source
                + " line "
                + number
                + ": '"
                + line
                + "' is not 'label<TAB>key'; write one label, a tab and its vocabulary key per line");
      }
      String label = cells[0].strip();
      if (keys.put(label, cells[1].strip()) != null) {
        throw new IOException(
            source + " line " + number + ": label '" + label + "' occurs twice; keep one line");
      }
    }
    return new LabelKeys(keys, source);
  }

  /** Where the table was read from. */
  public String source() {
    return source;
  }

  /** The key the table gives {@code label}, or the label itself when the table does not name it. */
  public String key(String label) {
    return keys.getOrDefault(label, label);
  }

  /**
   * The key of each of the model's labels, by label index: {@link #key(String)}, or {@value #OTHER}
   * when {@code vocabularyKeys} has no such key.
   */
  public String[] resolve(LanguageIdModel model, Set<String> vocabularyKeys) {
    String[] resolved = new String[model.labelCount()];
    for (int i = 0; i < resolved.length; i++) {
      String key = key(model.label(i));
      resolved[i] = vocabularyKeys.contains(key) ? key : OTHER;
    }
    return resolved;
  }

  /** The labels the table names, with their keys, in the table's order. */
  public Map<String, String> entries() {
    return keys;
  }
}
