package org.metaclipspark.curation.match;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.testsupport.Properties;
import org.metaclipspark.curation.testsupport.Properties.Shrinker;
import org.metaclipspark.curation.text.Spacing;

/** Worldwide matching (spec §8.3) against its naive definition. */
class PaddedMatcherTest {

  /**
   * Spec §8.3's CJK-like code points, restated as ranges and strings apart from {@link CjkLike}.
   */
  private static final int[][] RANGES = {
    {0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0x20000, 0x2A6DF}, {0x2A700, 0x2EBEF}, {0xF900, 0xFAFF},
    {0x2E80, 0x2FDF}, {0x2FF0, 0x2FFF}, {0x0E00, 0x0E7F}, {0x0E80, 0x0EFF}, {0x1000, 0x109F},
    {0x1780, 0x17FF}, {0x0F00, 0x0FFF}
  };

  private static final String PUNCTUATION =
      "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" + "，。、；：？！“”‘’（）【】《》〈〉「」『』～—";

  private static boolean naiveCjkLike(int cp) {
    for (int[] r : RANGES) {
      if (cp >= r[0] && cp <= r[1]) {
        return true;
      }
    }
    return PUNCTUATION.codePoints().anyMatch(p -> p == cp);
  }

  /** The literal definition: every non-empty entry, padded, as a substring of the spaced text. */
  static int[] naive(List<String> entries, String text) {
    String spaced = Spacing.spaced(text);
    return IntStream.range(0, entries.size())
        .filter(
            i -> {
              String e = entries.get(i);
              if (e.isEmpty()) {
                return false;
              }
              String padded =
                  (naiveCjkLike(e.codePointAt(0)) ? "" : " ")
                      + e
                      + (naiveCjkLike(e.codePointBefore(e.length())) ? "" : " ");
              return spaced.contains(padded);
            })
        .toArray();
  }

  /** Pieces that mix scripts: Latin, Han (one outside the BMP), Thai, kana, Hangul, punctuation. */
  private static final String[] PIECES = {
    "a", "b", "ab", " ", " ", "\t", ".", ",", "(", ")", "+", "-", "\"", "猫", "国", "𠮷", "𩸽", "ก",
    "ไทย", "ລ", "ក", "မ", "ཀ", "ね", "こ", "고", "양", "。", "、", "（", "—", "\u200B", "\u00A0", "é",
    "e\u0301"
  };

  private record Case(List<String> entries, String text) {
    @Override
    public String toString() {
      return "entries=" + entries + " text=\"" + text + "\"";
    }
  }

  private static String pieces(Random random, int max) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return s.toString();
  }

  private static final Properties.Generator<Case> CASE =
      random -> {
        List<String> entries = new ArrayList<>();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
          entries.add(pieces(random, 3));
        }
        StringBuilder text = new StringBuilder();
        int parts = random.nextInt(8);
        for (int i = 0; i < parts; i++) {
          if (!entries.isEmpty() && random.nextBoolean()) {
            text.append(entries.get(random.nextInt(entries.size())));
          } else {
            text.append(pieces(random, 3));
          }
        }
        return new Case(entries, text.toString());
      };

  private static final Shrinker<Case> SHRINK =
      Shrinker.of(
          c -> {
            List<Case> out = new ArrayList<>();
            for (int i = 0; i < c.entries().size(); i++) {
              List<String> fewer = new ArrayList<>(c.entries());
              fewer.remove(i);
              out.add(new Case(fewer, c.text()));
            }
            for (int i = 0; i < c.text().length(); i++) {
              out.add(new Case(c.entries(), c.text().substring(0, i) + c.text().substring(i + 1)));
            }
            return out;
          });

  /** Checked once to fail with the output links left out of the character automaton's step. */
  @Test
  void matchEntryIdsEqualsTheNaiveDefinition() {
    Properties.check(
        20261207L,
        5_000,
        CASE,
        SHRINK,
        c -> {
          PaddedMatcher matcher = PaddedMatcher.compile(Metadata.of(c.entries()));
          assertArrayEquals(
              naive(c.entries(), c.text()), matcher.matchEntryIds(c.text()), c.toString());
        });
  }

  @Test
  void theSpecsExamples() {
    List<String> entries =
        List.of("C++", "(a)", "3.5", "cat", "猫", "𠮷", "𠮷野家", "ねこ", "東京", "", "cat", "แมว");
    PaddedMatcher matcher = PaddedMatcher.compile(Metadata.of(entries));
    assertArrayEquals(new int[] {0}, matcher.matchEntryIds("C++ programming language"));
    assertArrayEquals(new int[] {1, 3, 10}, matcher.matchEntryIds("figure x(a)y: cat face"));
    assertArrayEquals(new int[] {}, matcher.matchEntryIds("3.5 inch floppy disk"));
    assertArrayEquals(new int[] {5, 6}, matcher.matchEntryIds("𠮷野家の牛丼"));
    assertArrayEquals(new int[] {7}, matcher.matchEntryIds("かわいい ねこ"));
    assertArrayEquals(new int[] {}, matcher.matchEntryIds("かわいいねこ"));
    assertArrayEquals(new int[] {8}, matcher.matchEntryIds("東京タワー"));
    assertArrayEquals(new int[] {4, 11}, matcher.matchEntryIds("黑猫和แมวดำ"));
    assertArrayEquals(new int[] {}, matcher.matchEntryIds("  "), "the empty entry never matches");
  }

  @Test
  void cjkLikeEnds() {
    assertTrue(CjkLike.is("猫".codePointAt(0)));
    assertTrue(CjkLike.is(0x20BB7));
    assertTrue(CjkLike.is('+'));
    assertTrue(CjkLike.is('—'));
    assertFalse(CjkLike.is('ね'));
    assertFalse(CjkLike.is('고'));
    assertFalse(CjkLike.is('a'));
    assertFalse(CjkLike.is(0x200B));
    assertEquals(" C++", CjkLike.padded("C++"));
    assertEquals("(a)", CjkLike.padded("(a)"));
    assertEquals(" 3.5 ", CjkLike.padded("3.5"));
    assertEquals("東京 tower ", CjkLike.padded("東京 tower"));
    for (int cp = 0; cp < 0x30000; cp++) {
      assertEquals(naiveCjkLike(cp), CjkLike.is(cp), "U+" + Integer.toHexString(cp));
    }
  }
}
