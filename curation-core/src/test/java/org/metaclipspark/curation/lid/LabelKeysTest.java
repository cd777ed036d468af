package org.metaclipspark.curation.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.SharedData;

/** The label-to-key table of spec §8.2. */
class LabelKeysTest {

  @Test
  void theDefaultMapsCantoneseToChineseAndEveryOtherLabelToItself() {
    LabelKeys keys = LabelKeys.defaults();
    assertEquals("zh", keys.key("yue"));
    assertEquals("zh", keys.key("zh"));
    assertEquals("en", keys.key("en"));
    assertEquals("xx", keys.key("xx"), "a label the table does not name is its own key");
    assertEquals(176, keys.entries().size());
    long moved =
        keys.entries().entrySet().stream().filter(e -> !e.getKey().equals(e.getValue())).count();
    assertEquals(1, moved, "only yue maps to another key");
  }

  @Test
  void theDefaultNamesEveryLabelOfTheModelInItsOrder() throws IOException {
    LanguageIdModel model = LanguageIdModel.load(SharedData.file("lid/lid.176.ftz"));
    String[] labels = LabelKeys.defaults().entries().keySet().toArray(String[]::new);
    for (int i = 0; i < model.labelCount(); i++) {
      assertEquals(model.label(i), labels[i], "label " + i);
    }
  }

  @Test
  void aKeyWithoutVocabularyIsOther() throws IOException {
    LanguageIdModel model = LanguageIdModel.load(SharedData.file("lid/lid.176.ftz"));
    String[] resolved = LabelKeys.defaults().resolve(model, Set.of("en", "zh", "ja"));
    assertEquals("en", resolved[model.labelIndex("en")]);
    assertEquals("zh", resolved[model.labelIndex("yue")]);
    assertEquals("ja", resolved[model.labelIndex("ja")]);
    assertEquals(LabelKeys.OTHER, resolved[model.labelIndex("de")]);
  }

  @Test
  void aUsersTableReplacesTheDefault() throws IOException {
    LabelKeys keys =
        LabelKeys.parse(new StringReader("# mine\n\nnb\tno\nnn\tno\n"), "conf/keys.tsv");
    assertEquals("no", keys.key("nb"));
    assertEquals("no", keys.key("nn"));
    assertEquals("yue", keys.key("yue"));
    assertEquals("conf/keys.tsv", keys.source());
  }

  @Test
  void aBadLineIsNamed() {
    IOException bad =
        assertThrows(
            IOException.class,
            () -> LabelKeys.parse(new StringReader("en\ten\nde de\n"), "keys.tsv"));
    assertTrue(bad.getMessage().startsWith("keys.tsv line 2: 'de de' is not"), bad.getMessage());
    IOException twice =
        assertThrows(
            IOException.class, () -> LabelKeys.parse(new StringReader("en\ta\nen\tb\n"), "k"));
    assertTrue(twice.getMessage().contains("label 'en' occurs twice"), twice.getMessage());
  }
}
