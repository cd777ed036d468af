package org.metaclipspark.curation.metadata.wordnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.metadata.SharedData;

class WordNetSynsetNamesTest {
  @Test
  void synsetNameTakesTheFirstLemmaLowerCasedWithSpaces() {
    assertEquals(
        "physical entity",
        WordNetSynsetNames.synsetName(
            "00001930 03 n 01 physical_entity 0 007 @ 00001740 n 0000 | that which is perceived"));
    assertEquals(
        "new york",
        WordNetSynsetNames.synsetName("09119234 15 n 02 New_York 0 New_York_City 0 000 | city"));
  }

  @Test
  void synsetNameDropsAdjectiveMarkers() {
    assertEquals(
        "galore",
        WordNetSynsetNames.synsetName(
            "00014490 00 s 01 galore(ip) 0 001 & 00013887 a 0000 | abundant"));
  }

  @Test
  void licenseHeaderLinesAreNotSynsets() {
    assertNull(WordNetSynsetNames.synsetName("  1 This software and database is being provided"));
  }

  @Test
  void committedDefaultVocabularyIsExactlyTheGeneratedOne() throws IOException {
    List<String> names = WordNetSynsetNames.fromClasspath();
    assertEquals(names.size(), names.stream().distinct().count(), "names must be distinct");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WordNetSynsetNames.writeJson(names, out);
    Path committed = Path.of("..", "samples", "vocab", "wordnet31-synsets.json");
    assertArrayEquals(
        Files.readAllBytes(committed),
        out.toByteArray(),
        committed + " differs from the generated names; run scripts/make-samples.sh");
  }

  @Test
  void wordNet30GivesExactlyTheSpecNamesOfTheShared500kVocabulary() throws IOException {
    Path dict = SharedData.wordNet30();
    Path vocab = SharedData.file("vocab/metadata-500k.json");
    String[] entries = new ObjectMapper().readValue(vocab.toFile(), String[].class);
    Set<String> expected = new HashSet<>(Arrays.asList(entries).subList(0, 86_555));
    assertTrue(expected.remove(""), "the first 86,555 entries hold the empty name");

    WordNetSynsetNames.DictionaryNames result = WordNetSynsetNames.fromDictionary(dict);

    assertEquals(86_554, result.names().size());
    assertEquals(result.names().size(), new HashSet<>(result.names()).size(), "distinct");
    assertEquals(expected, new HashSet<>(result.names()));
    assertTrue(result.emptyNameDropped(), "'.22_caliber' and the like give the empty name");
    assertEquals(0, result.skippedLines(), result.problems().toString());
    assertEquals(117_659, result.synsets(), "WordNet 3.0 has 117,659 synsets");
  }

  @Test
  void dictionaryNamesCutAtTheFirstDotAndDropTheEmptyName(@TempDir Path dict) throws IOException {
    writeDict(
        dict,
        List.of(
            "  1 This software and database is being provided to you, the LICENSEE, by",
            "00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 | that which is perceived",
            "04543158 06 n 01 St._John's_wort 0 000 | a plant",
            "03026045 06 n 01 .22_caliber 0 000 | a gun"),
        List.of("00001740 29 v 04 breathe 0 take_a_breath 0 000 | draw air"),
        List.of("00001740 00 a 01 able(a) 0 000 | having the means"),
        List.of("00001740 02 r 01 O.K. 0 000 | all right"));
    WordNetSynsetNames.DictionaryNames result = WordNetSynsetNames.fromDictionary(dict);
    assertEquals(List.of("entity", "st", "breathe", "able", "o"), result.names());
    assertTrue(result.emptyNameDropped());
    assertEquals(6, result.synsets());
  }

  @Test
  void damagedLineIsSkippedCountedAndReportedWithFileLineAndOffset(@TempDir Path dict)
      throws IOException {
    String good = "00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 | that which is perceived";
    String damaged = "00001930 03 n 0"; // cut short
    writeDict(
        dict,
        List.of(good, damaged, "00002137 03 n 02 abstraction 0 abstract_entity 0 | a concept"),
        List.of(),
        List.of("garbage line without fields"),
        List.of());
    WordNetSynsetNames.DictionaryNames result = WordNetSynsetNames.fromDictionary(dict);
    assertEquals(List.of("entity", "abstraction"), result.names());
    assertEquals(2, result.skippedLines());
    String first = result.problems().get(0);
    assertTrue(first.contains(dict.resolve("data.noun").toString()), first);
    assertTrue(first.contains("line 2 (byte offset " + (good.length() + 1) + ")"), first);
    assertTrue(first.contains("'00001930 03 n 0'"), first);
    assertTrue(result.problems().get(1).contains("data.adj: line 1 (byte offset 0)"));
  }

  @Test
  void missingDataFileNamesTheFix(@TempDir Path dict) {
    IOException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IOException.class, () -> WordNetSynsetNames.fromDictionary(dict));
    assertTrue(e.getMessage().contains("wordnet-base"), e.getMessage());
  }

  private static void writeDict(
      Path dict, List<String> noun, List<String> verb, List<String> adj, List<String> adv)
      throws IOException {
    Files.write(dict.resolve("data.noun"), noun, StandardCharsets.ISO_8859_1);
    Files.write(dict.resolve("data.verb"), verb, StandardCharsets.ISO_8859_1);
    Files.write(dict.resolve("data.adj"), adj, StandardCharsets.ISO_8859_1);
    Files.write(dict.resolve("data.adv"), adv, StandardCharsets.ISO_8859_1);
  }
}
