package org.metaclipspark.curation.metadata.wordnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
