package org.metaclipspark.curation.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.testsupport.SharedData;

class MetadataTest {

  private static Metadata load(String content, String name) throws IOException {
    return Metadata.load(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), name);
  }

  @Test
  void jsonArrayKeepsEntriesExactlyWithTheirPositions() throws IOException {
    Metadata m = load("[\"cat\", \"black cat\", \" Cat \", \"\\u00e9t\\u00e9\", \"\"]", "v.json");
    assertEquals(5, m.size());
    assertEquals("cat", m.entry(0));
    assertEquals(" Cat ", m.entry(2));
    assertEquals("été", m.entry(3));
    assertEquals("", m.entry(4));
    assertEquals("v.json", m.source());
  }

  @Test
  void linesFormatSplitsOnAnyLineEndAndIgnoresTheFinalOne() throws IOException {
    Metadata m = load("\uFEFFcat\r\nblack cat\n\n dog \n", "v.txt");
    assertEquals(
        List.of("cat", "black cat", "", " dog "),
        List.of(m.entry(0), m.entry(1), m.entry(2), m.entry(3)));
    assertEquals(4, m.size());
    assertEquals(1, m.emptyCount());
  }

  @Test
  void leadingWhitespaceBeforeTheArrayStillMeansJson() throws IOException {
    assertEquals(2, load(" \n\t[\"a\", \"b\"]", "v.json").size());
  }

  @Test
  void duplicatesAndEmptyEntriesAreCountedAndKeepTheirIds() throws IOException {
    Metadata m = load("[\"cat\", \"dog\", \"cat\", \"\", \"cat\", \"\"]", "v.json");
    assertEquals(6, m.size());
    assertEquals(
        3, m.duplicateCount(), "the second cat, the third cat and the second empty entry repeat");
    assertEquals(2, m.emptyCount());
    assertEquals("cat", m.entry(4));
  }

  @Test
  void sha256IsTheSameForJsonAndLinesAndEqualsSha256OfTheLinesFile() throws Exception {
    Metadata json = load("[\"cat\", \"black cat\", \"\", \"日本\"]", "a.json");
    Metadata lines = load("cat\r\nblack cat\n\n日本", "a.txt");
    assertEquals(json.sha256(), lines.sha256());
    byte[] canonical = "cat\nblack cat\n\n日本\n".getBytes(StandardCharsets.UTF_8);
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    assertEquals(expected, json.sha256());
  }

  @Test
  void sha256DependsOnOrder() throws IOException {
    assertTrue(!load("[\"a\",\"b\"]", "x").sha256().equals(load("[\"b\",\"a\"]", "x").sha256()));
  }

  @Test
  void invalidJsonNamesTheSourceLineAndColumnAndTheFix() {
    MetadataFormatException e =
        assertThrows(
            MetadataFormatException.class,
            () -> load("[\"cat\",\n \"dog\",\n \"bird\" \"fish\"]", "bad.json"));
    assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("after 3 entries"), e.getMessage());
    assertTrue(e.getMessage().contains("JSON array of strings"), e.getMessage());
    assertEquals(3, e.line());
    assertEquals("bad.json", e.source());
  }

  @Test
  void nonStringElementIsRejectedWithItsIndexAndPosition() {
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> load("[\"cat\", 42]", "nums.json"));
    assertTrue(e.getMessage().contains("element 1 is VALUE_NUMBER_INT"), e.getMessage());
    assertTrue(e.getMessage().contains("line 1, column 9"), e.getMessage());
  }

  @Test
  void truncatedJsonArrayIsReported() {
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> load("[\"cat\", \"dog\"", "cut.json"));
    assertTrue(e.getMessage().contains("cut.json"), e.getMessage());
  }

  @Test
  void contentAfterTheArrayIsRejected() {
    MetadataFormatException e =
        assertThrows(MetadataFormatException.class, () -> load("[\"a\"] [\"b\"]", "two.json"));
    assertTrue(e.getMessage().contains("after the closing ']'"), e.getMessage());
  }

  @Test
  void invalidUtf8InLinesFormatNamesTheLine() {
    byte[] bytes = {'c', 'a', 't', '\n', 'd', (byte) 0xC3, 'g', '\n'};
    MetadataFormatException e =
        assertThrows(
            MetadataFormatException.class,
            () -> Metadata.load(new ByteArrayInputStream(bytes), "latin1.txt"));
    assertTrue(e.getMessage().contains("latin1.txt at line 2"), e.getMessage());
    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }

  @Test
  void ofRejectsNullEntriesByPosition() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> Metadata.of(java.util.Arrays.asList("a", null)));
    assertTrue(e.getMessage().contains("entry 1"), e.getMessage());
  }

  @Test
  void entryOutOfRangeNamesTheRange() {
    IndexOutOfBoundsException e =
        assertThrows(IndexOutOfBoundsException.class, () -> Metadata.of(List.of("a")).entry(1));
    assertTrue(e.getMessage().contains("[0, 1)"), e.getMessage());
  }

  @Test
  void loadFromPathUsesThePathAsSource(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("entries.txt");
    Files.writeString(file, "cat\ndog\n");
    Metadata m = Metadata.load(file);
    assertEquals(2, m.size());
    assertEquals(file.toString(), m.source());
  }

  @Test
  void javaSerializationRoundTripKeepsEverything() throws Exception {
    Metadata m = Metadata.of(List.of("cat", "", "cat", "日本"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(m);
    }
    Metadata copy =
        (Metadata)
            new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertEquals(m.toString(), copy.toString());
    assertEquals("日本", copy.entry(3));
  }

  @Test
  void sharedVocabularyLoadsWithItsDocumentedShape() throws IOException {
    Path vocab = SharedData.vocabulary();
    Metadata m = Metadata.load(vocab);
    assertEquals(500_000, m.size());
    assertEquals(1, m.emptyCount());
    assertEquals("able", m.entry(0));
  }
}
