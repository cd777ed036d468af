package org.metaclipspark.curation.lid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.SharedData;

/** The model's edge cases, its serialized form and its errors on damaged files. */
class LanguageIdModelTest {
  private static byte[] file;
  private static LanguageIdModel model;

  @BeforeAll
  static void load() throws IOException {
    if (!SharedData.present()) {
      return;
    }
    file = Files.readAllBytes(SharedData.file("lid/lid.176.ftz"));
    model = LanguageIdModel.read(new ByteArrayInputStream(file), "lid.176.ftz");
  }

  /** The top-3 predictions as comparable text: labels and the exact float bits. */
  private static String top3(String text) {
    LidBuffer buffer = LidBuffer.create();
    int n = model.predict(text, 3, buffer);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(buffer.label(i)).append(' ').append(Float.floatToIntBits(buffer.probability(i)));
      s.append(';');
    }
    return s.toString();
  }

  @Test
  void theModelHasFastTextsLabels() {
    SharedData.dataDir();
    assertEquals(176, model.labelCount());
    assertEquals("en", model.label(0));
    assertEquals(175, model.labelIndex("tyv"));
    assertEquals(-1, model.labelIndex("__label__en"));
  }

  @Test
  void anEmptyTextIsTheEndOfLineTokenAlone() {
    SharedData.dataDir();
    LidBuffer buffer = LidBuffer.create();
    assertEquals(1, model.predict("", 1, buffer));
    // fastText 0.9.2 on an empty line: "__label__en 0.124504" (shared/data/lid/README.md)
    assertEquals("en", buffer.label(0));
    assertEquals(0.124504, buffer.probability(0), 1e-6);
    assertEquals(top3(""), top3(" "));
    assertEquals(top3(""), top3(" \t\u000B\f\u0000 "));
  }

  @Test
  void fastTextsSeparatorsSplitTokensAndNothingElseDoes() {
    SharedData.dataDir();
    String reference = top3("red car");
    for (char separator : new char[] {' ', '\t', '\u000B', '\f', '\u0000', '\r', '\n'}) {
      assertEquals(reference, top3("red" + separator + "car"), "separator U+" + (int) separator);
      assertEquals(reference, top3(separator + "red  car" + separator), "U+" + (int) separator);
    }
    for (char other : new char[] {'\u00A0', '\u3000', '\u2009', '\u200B', '\u0085', '\u2028'}) {
      assertNotEquals(reference, top3("red" + other + "car"), "U+" + Integer.toHexString(other));
    }
  }

  @Test
  void anUnpairedSurrogateIsTheReplacementCharacter() {
    SharedData.dataDir();
    for (String lone : new String[] {"\uD800", "\uDBFF", "\uDC00", "\uDFFF"}) {
      assertEquals(top3("caf\uFFFD au lait"), top3("caf" + lone + " au lait"), lone);
      assertEquals(top3("\uFFFD"), top3(lone));
      assertEquals(top3("x \uFFFD"), top3("x " + lone));
    }
    // a low surrogate before a high one is two unpaired surrogates
    assertEquals(top3("\uFFFD\uFFFD"), top3("\uDC00\uD800"));
    // in the UTF-8 form, where Java's own encoder would have written '?'
    LidBuffer buffer = LidBuffer.create();
    int length = LanguageIdModel.encode("caf\uD800", buffer);
    assertArrayEquals(
        new byte[] {'c', 'a', 'f', (byte) 0xEF, (byte) 0xBF, (byte) 0xBD},
        Arrays.copyOf(buffer.utf8, length));
  }

  @Test
  void surrogatePairsAreOneCodePointOfFourBytes() {
    SharedData.dataDir();
    LidBuffer buffer = LidBuffer.create();
    String text = "\uD842\uDFB7\u91CE\u5BB6 \uD83D\uDC4D";
    int length = LanguageIdModel.encode(text, buffer);
    assertArrayEquals(
        text.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(buffer.utf8, length), "UTF-8 form");
    assertEquals(1, model.predict(text, 1, buffer));
  }

  @Test
  void theUtf8FormOfValidTextIsJavasOwn() {
    Random random = new Random(21);
    LidBuffer buffer = LidBuffer.create();
    for (int round = 0; round < 2_000; round++) {
      StringBuilder s = new StringBuilder();
      int n = random.nextInt(40);
      while (s.length() < n) {
        int cp = random.nextInt(0x110000);
        if (cp < 0xD800 || cp > 0xDFFF) {
          s.appendCodePoint(cp);
        }
      }
      String text = s.toString();
      int length = LanguageIdModel.encode(text, buffer);
      assertArrayEquals(
          text.getBytes(StandardCharsets.UTF_8),
          Arrays.copyOf(buffer.utf8, length),
          "seed 21 round " + round);
    }
  }

  @Test
  void aLongTextIsOneLine() {
    SharedData.dataDir();
    String word = "Sprachidentifikation ";
    String text = word.repeat(100_000 / word.length() + 1).substring(0, 100_000);
    LidBuffer buffer = LidBuffer.create();
    assertEquals(3, model.predict(text, 3, buffer));
    assertEquals("de", buffer.label(0));
    String token = "\u0E20\u0E32\u0E29\u0E32".repeat(25_000);
    assertEquals(1, model.predict(token, 1, buffer));
    assertEquals("th", buffer.label(0));
  }

  @Test
  void theEndOfLineTokenInsideATextEndsTheLine() {
    SharedData.dataDir();
    assertEquals(top3("Guten Morgen"), top3("Guten Morgen </s> good morning everyone"));
    assertEquals(top3(""), top3("</s> good morning everyone"));
    // only the whole token: "</s>x" is a word like any other
    assertNotEquals(top3("Guten Morgen"), top3("Guten Morgen </s>x"));
  }

  @Test
  void labelTokensAddNothing() {
    SharedData.dataDir();
    assertEquals(top3("bonjour"), top3("__label__en bonjour __label__"));
    assertEquals(top3("bonjour"), top3("bonjour __label__xyz"));
    assertNotEquals(top3("bonjour"), top3("bonjour x__label__"));
  }

  @Test
  void predictionsAreBestFirstAndAtMostK() {
    SharedData.dataDir();
    LidBuffer buffer = LidBuffer.create();
    int n = model.predict("a b c", 176, buffer);
    assertTrue(n > 3 && n <= 176, "n = " + n);
    for (int i = 1; i < n; i++) {
      assertTrue(buffer.probability(i - 1) >= buffer.probability(i), "order at " + i);
    }
    assertEquals(n, model.predict("a b c", 1_000_000, buffer));
    assertThrows(IllegalArgumentException.class, () -> model.predict("x", 0, buffer));
    assertThrows(IndexOutOfBoundsException.class, () -> buffer.label(n));
  }

  @Test
  void theSerializedModelIsTheFileAndPredictsTheSame() throws Exception {
    SharedData.dataDir();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    assertTrue(bytes.size() < file.length + 1_000, "serialized " + bytes.size() + " bytes");
    LanguageIdModel copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (LanguageIdModel) in.readObject();
    }
    for (String text :
        new String[] {"", "red car", "Guten Morgen", "\u3053\u3093\u306B\u3061\u306F"}) {
      LidBuffer a = LidBuffer.create();
      LidBuffer b = LidBuffer.create();
      int n = model.predict(text, 3, a);
      assertEquals(n, copy.predict(text, 3, b));
      for (int i = 0; i < n; i++) {
        assertEquals(a.label(i), b.label(i));
        assertEquals(a.probability(i), b.probability(i));
      }
    }
  }

  @Test
  void aDamagedModelIsAFormatErrorWithItsOffset() {
    SharedData.dataDir();
    byte[] wrongMagic = file.clone();
    wrongMagic[0] ^= 1;
    LidModelFormatException magic =
        assertThrows(LidModelFormatException.class, () -> parse(wrongMagic));
    assertTrue(magic.getMessage().contains("not a fastText model"), magic.getMessage());
    assertEquals(0, magic.offset());

    Random random = new Random(7);
    int[] cuts = new int[300];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i < 120 ? i : random.nextInt(file.length);
    }
    for (int cut : cuts) {
      LidModelFormatException e =
          assertThrows(
              LidModelFormatException.class,
              () -> parse(Arrays.copyOf(file, cut)),
              "model cut at byte " + cut);
      assertTrue(e.offset() <= cut, "offset " + e.offset() + " past the cut " + cut);
      assertTrue(e.getMessage().startsWith("lid.176.ftz at byte "), e.getMessage());
    }
    byte[] longer = Arrays.copyOf(file, file.length + 3);
    assertTrue(
        assertThrows(LidModelFormatException.class, () -> parse(longer))
            .getMessage()
            .contains("3 bytes after the output matrix"));
  }

  @Test
  void theBucketOfAHashIsItsUnsignedRemainder() {
    SharedData.dataDir();
    Random random = new Random(2_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      int h = i < 1_000 ? Integer.MIN_VALUE + i - 500 : random.nextInt();
      assertEquals(Integer.remainderUnsigned(h, 2_000_000), model.bucketOf(h), "hash " + h);
    }
    assertEquals(Integer.remainderUnsigned(-1, 2_000_000), model.bucketOf(-1));
    assertEquals(0, model.bucketOf(0));
  }

  private static LanguageIdModel parse(byte[] bytes) throws IOException {
    return LanguageIdModel.read(new ByteArrayInputStream(bytes), "lid.176.ftz");
  }
}
