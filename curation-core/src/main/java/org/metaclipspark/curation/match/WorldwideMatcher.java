package org.metaclipspark.curation.match;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.metaclipspark.curation.lid.LabelKeys;
import org.metaclipspark.curation.lid.LanguageIdModel;
import org.metaclipspark.curation.lid.LidBuffer;
import org.metaclipspark.curation.metadata.Sha256;
import org.metaclipspark.curation.metadata.Vocabularies;

/**
 * Worldwide matching (spec §8.2, §8.3): the language of a text by {@link LanguageIdModel}, its
 * vocabulary key by {@link LabelKeys}, and the text's {@code matchedEntryIds} within that key's
 * vocabulary only, by the key's {@link PaddedMatcher}.
 *
 * <p>Immutable, thread-safe and serializable; each thread brings a {@link LidBuffer} and a {@link
 * MatchBuffer}.
 */
public final class WorldwideMatcher implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LanguageIdModel model;

  /** The keys, sorted: those with a vocabulary, and {@link LabelKeys#OTHER}. */
  private final String[] keys;

  /** The key index of each of the model's labels, by label index. */
  private final int[] keyOfLabel;

  /** The matcher of each key, by key index. */
  private final PaddedMatcher[] matchers;

  /** What the matches depend on: the vocabularies, the model and the label-key table. */
  private final String sha256;

  private WorldwideMatcher(
      LanguageIdModel model,
      String[] keys,
      int[] keyOfLabel,
      PaddedMatcher[] matchers,
      String sha256) {
    this.model = model;
    this.keys = keys;
    this.keyOfLabel = keyOfLabel;
    this.matchers = matchers;
    this.sha256 = sha256;
  }

  /** Compiles one matcher per key of {@code vocabularies}, {@code other} included. */
  public static WorldwideMatcher compile(
      Vocabularies vocabularies, LanguageIdModel model, LabelKeys labelKeys) {
    HashSet<String> keySet = new HashSet<>(vocabularies.keys());
    keySet.add(LabelKeys.OTHER);
    String[] keys = keySet.stream().sorted().toArray(String[]::new);
    List<String> keyList = List.of(keys);
    String[] resolved = labelKeys.resolve(model, new HashSet<>(vocabularies.keys()));
    int[] keyOfLabel = new int[resolved.length];
    for (int i = 0; i < resolved.length; i++) {
      keyOfLabel[i] = keyList.indexOf(resolved[i]);
    }
    PaddedMatcher[] matchers = new PaddedMatcher[keys.length];
    for (int k = 0; k < keys.length; k++) {
      matchers[k] = PaddedMatcher.compile(vocabularies.get(keys[k]));
    }
    StringBuilder identity =
        new StringBuilder("vocabularies ")
            .append(vocabularies.sha256())
            .append("\nlid ")
            .append(model.sha256())
            .append('\n');
    for (int i = 0; i < resolved.length; i++) {
      identity.append(model.label(i)).append('\t').append(resolved[i]).append('\n');
    }
    return new WorldwideMatcher(model, keys, keyOfLabel, matchers, Sha256.hex(identity.toString()));
  }

  /**
   * The SHA-256 of what the matches depend on: the vocabularies ({@link Vocabularies#sha256()}),
   * the model file, and the key each label maps to.
   */
  public String sha256() {
    return sha256;
  }

  /** The keys, sorted; key indexes point into it. */
  public List<String> keys() {
    return List.of(keys);
  }

  /** Key {@code k}. */
  public String key(int k) {
    return keys[k];
  }

  /** The language-ID model. */
  public LanguageIdModel model() {
    return model;
  }

  /** The key index of the model's label {@code labelIndex}. */
  public int keyOfLabel(int labelIndex) {
    return keyOfLabel[labelIndex];
  }

  /**
   * Labels {@code text} into {@code lid} (its top-1 prediction), matches it against its key's
   * vocabulary into {@code ids}, and returns the key index.
   */
  public int match(CharSequence text, LidBuffer lid, MatchBuffer ids) {
    // fastText returns no label only for a text with no rows at all, which lid.176's end-of-line
    // token rules out; such a text would go to other.
    int key =
        model.predict(text, 1, lid) == 0
            ? Arrays.binarySearch(keys, LabelKeys.OTHER)
            : keyOfLabel[lid.labelIndex(0)];
    matchers[key].matchEntryIds(text, ids);
    return key;
  }

  /** An estimate of the heap the matchers hold, in bytes. */
  public long ramBytesUsed() {
    long total = 0;
    for (PaddedMatcher m : matchers) {
      total += m.ramBytesUsed();
    }
    return total;
  }
}
