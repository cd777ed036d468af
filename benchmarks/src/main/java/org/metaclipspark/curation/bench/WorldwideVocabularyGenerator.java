package org.metaclipspark.curation.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.metaclipspark.curation.metadata.Metadata;

/**
 * Synthetic vocabularies of MetaCLIP 2's sizes (spec §9b): per key up to 251,465 unigrams, 100,646
 * bigrams and 61,235 titles, 413,346 entries in all for a large wiki; fewer for small ones. The
 * strings are not real, but their scripts, lengths and shapes are: words of 3 to 12 letters in
 * alphabetic scripts, of 1 to 4 characters in Han and of 2 to 6 in Thai, bigrams joined by a space
 * (without one in scripts written without spaces), titles of 2 to 4 words. Seeded: the same key,
 * size and seed give the same entries.
 */
final class WorldwideVocabularyGenerator {
  /** The entries of a large key: MetaCLIP 2's caps on unigrams, bigrams and titles. */
  static final int LARGE = 251_465 + 100_646 + 61_235;

  /** A script: the code point range its letters come from, and whether it writes spaces. */
  enum Script {
    LATIN(0x61, 0x7A, true, 3, 12),
    CYRILLIC(0x430, 0x44F, true, 3, 12),
    ARABIC(0x627, 0x64A, true, 3, 10),
    DEVANAGARI(0x915, 0x939, true, 2, 8),
    HAN(0x4E00, 0x9FFF, false, 1, 4),
    THAI(0xE01, 0xE2E, false, 2, 6),
    HANGUL(0xAC00, 0xD7A3, true, 1, 4);

    final int first;
    final int last;
    final boolean spaces;
    final int minWord;
    final int maxWord;

    Script(int first, int last, boolean spaces, int minWord, int maxWord) {
      this.first = first;
      this.last = last;
      this.spaces = spaces;
      this.minWord = minWord;
      this.maxWord = maxWord;
    }
  }

  private WorldwideVocabularyGenerator() {}

  /** {@code size} distinct entries in {@code script}, in the shares of MetaCLIP 2's sources. */
  static Metadata generate(Script script, int size, long seed) {
    Random random = new Random(seed);
    Set<String> entries = new LinkedHashSet<>();
    // Letters drawn with a skew, so that words share prefixes as real ones do.
    while (entries.size() < size) {
      double shape = random.nextDouble();
      int words = shape < 0.61 ? 1 : shape < 0.85 ? 2 : 2 + random.nextInt(3);
      StringBuilder s = new StringBuilder();
      for (int w = 0; w < words; w++) {
        if (w > 0 && script.spaces) {
          s.append(' ');
        }
        int length = script.minWord + random.nextInt(script.maxWord - script.minWord + 1);
        for (int i = 0; i < length; i++) {
          int span = script.last - script.first + 1;
          int r = (int) (span * Math.pow(random.nextDouble(), 2.5));
          s.appendCodePoint(script.first + r);
        }
      }
      entries.add(s.toString());
    }
    return Metadata.of(new ArrayList<>(entries));
  }

  /** Texts in {@code script} that contain some of the entries, for a first match. */
  static List<String> texts(Metadata vocabulary, Script script, int count, long seed) {
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String a = vocabulary.entry(random.nextInt(vocabulary.size()));
      String b = vocabulary.entry(random.nextInt(vocabulary.size()));
      texts.add(script.spaces ? "a photo of " + a + " and " + b : a + "的" + b);
    }
    return texts;
  }
}
