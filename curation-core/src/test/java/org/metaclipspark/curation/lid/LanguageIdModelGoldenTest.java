package org.metaclipspark.curation.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * The shared 20,027 texts against Debian fastText 0.9.2's own top-1 and top-3 output ({@code
 * shared/data/lid/README.md}): every label equal, every probability within 1e-5.
 */
class LanguageIdModelGoldenTest {
  private static LanguageIdModel model;
  private static List<String> texts;

  @BeforeAll
  static void load() throws IOException {
    if (!SharedData.present()) {
      return;
    }
    model = LanguageIdModel.load(SharedData.file("lid/lid.176.ftz"));
    texts = Lines.split(Files.readAllBytes(SharedData.file("lid/texts.txt")));
  }

  @Test
  void topOneEqualsFastText() throws IOException {
    List<String> expected =
        Files.readAllLines(SharedData.file("lid/texts.expected.tsv"), StandardCharsets.UTF_8);
    assertEquals(expected.size(), texts.size());
    assertEquals(20_027, texts.size());
    compare(expected, 1);
  }

  @Test
  void topThreeEqualsFastText() throws IOException {
    List<String> expected =
        Files.readAllLines(SharedData.file("lid/texts.top3.tsv"), StandardCharsets.UTF_8);
    assertEquals(expected.size(), texts.size());
    compare(expected, 3);
  }

  private static void compare(List<String> expected, int k) {
    LidBuffer buffer = LidBuffer.create();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String want = expected.get(i);
      int n = model.predict(texts.get(i), k, buffer);
      String problem = FastTextOutput.difference(want, buffer, n);
      if (problem != null && failures.size() < 20) {
        failures.add("line " + (i + 1) + " " + abbreviate(texts.get(i)) + ": " + problem);
      } else if (problem != null) {
        failures.add("");
      }
    }
    assertTrue(
        failures.isEmpty(),
        failures.size() + " of " + texts.size() + " lines differ, first: " + failures);
  }

  static String abbreviate(String text) {
    return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 57) + "...'";
  }
}
