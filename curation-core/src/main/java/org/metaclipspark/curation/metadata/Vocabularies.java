package org.metaclipspark.curation.metadata;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vocabularies of worldwide mode (spec §8.1): one {@link Metadata} per language key, such as
 * {@code en}, {@code zh} or {@code other}. An entry id is the pair (key, position). A key without a
 * vocabulary has an empty one.
 *
 * <p>Immutable, thread-safe and serializable; keys are kept in their natural (sorted) order, so
 * nothing depends on a hash order.
 */
public final class Vocabularies implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final Metadata EMPTY = Metadata.of(List.of());

  private final Map<String, Metadata> byKey;

  private Vocabularies(Map<String, Metadata> byKey) {
    this.byKey = Collections.unmodifiableMap(new TreeMap<>(byKey));
  }

  /** The vocabularies of the given keys. */
  public static Vocabularies of(Map<String, Metadata> byKey) {
    for (String key : byKey.keySet()) {
      if (key.isEmpty() || !key.equals(key.strip())) {
        throw new IllegalArgumentException("'" + key + "' is not a language key");
      }
    }
    return new Vocabularies(byKey);
  }

  /** The keys that have a vocabulary, sorted. */
  public List<String> keys() {
    return List.copyOf(byKey.keySet());
  }

  /** Whether {@code key} has a vocabulary. */
  public boolean has(String key) {
    return byKey.containsKey(key);
  }

  /** The vocabulary of {@code key}; empty when the key has none. */
  public Metadata get(String key) {
    return byKey.getOrDefault(key, EMPTY);
  }

  /**
   * The SHA-256 of the vocabularies as a whole: over the lines {@code key<TAB>sha256} of every key,
   * in key order, so that it changes when any file changes and not with the directory's listing.
   */
  public String sha256() {
    StringBuilder lines = new StringBuilder();
    byKey.forEach((key, m) -> lines.append(key).append('\t').append(m.sha256()).append('\n'));
    return Sha256.hex(lines.toString());
  }

  /** The duplicate entries over all keys. */
  public long duplicateCount() {
    long total = 0;
    for (Metadata m : byKey.values()) {
      total += m.duplicateCount();
    }
    return total;
  }

  /** The empty entries over all keys. */
  public long emptyCount() {
    long total = 0;
    for (Metadata m : byKey.values()) {
      total += m.emptyCount();
    }
    return total;
  }

  /** The number of entries over all keys. */
  public long totalEntries() {
    long total = 0;
    for (Metadata m : byKey.values()) {
      total += m.size();
    }
    return total;
  }
}
