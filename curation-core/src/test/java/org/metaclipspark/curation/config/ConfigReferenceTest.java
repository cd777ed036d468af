package org.metaclipspark.curation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's config reference against the keys, and the typed keys themselves. */
class ConfigReferenceTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String TABLE_HEADER = "| key | default | meaning |";

  /** The rows of the README's config table: key name to its default cell, in table order. */
  private static Map<String, String> readmeTable() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int header = lines.indexOf(TABLE_HEADER);
    assertTrue(header >= 0, "README.md has no config table starting with " + TABLE_HEADER);
    Map<String, String> rows = new LinkedHashMap<>();
    for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      String[] cells = lines.get(i).split("\\|", 4);
      String key = cells[1].trim();
      assertTrue(
          key.startsWith("`") && key.endsWith("`"), "README row " + (i + 1) + ": key not in `..`");
      String previous = rows.put(key.substring(1, key.length() - 1), cells[2].trim());
      assertNull(previous, "README lists " + key + " twice");
    }
    return rows;
  }

  @Test
  void readmeTableListsEveryKeyInOrderAndNothingElse() throws IOException {
    assertEquals(
        new ArrayList<>(ConfigKeys.all().keySet()),
        new ArrayList<>(readmeTable().keySet()),
        "README.md's config table must list the keys of ConfigKeys, in the same order");
  }

  @Test
  void readmeTableGivesEachKeysDefault() throws IOException {
    for (Map.Entry<String, String> row : readmeTable().entrySet()) {
      Key<?> key = ConfigKeys.all().get(row.getKey());
      assertEquals(
          key.defaultValue(),
          readmeDefault(key, row.getValue()),
          "README.md's default of " + key.name() + " (" + row.getValue() + ")");
    }
  }

  /** A default cell read with the key's own parser: "–" is unset, else JSON or the text form. */
  private static Object readmeDefault(Key<?> key, String cell) {
    String text = cell.replace("`", "");
    if (text.equals("–")) {
      return null;
    }
    try {
      return key.fromJson(new ObjectMapper().readTree(text), "README.md");
    } catch (JsonProcessingException notJson) {
      return key.fromText(text, "README.md");
    }
  }

  @Test
  void everyKeyHasADescriptionAndADefaultOfItsType() {
    for (Key<?> key : ConfigKeys.all().values()) {
      assertFalse(key.description().isBlank(), key.name() + " has no description");
      assertEquals(key.name(), key.toString());
      assertFalse(key.typeDescription().isBlank(), key.name());
    }
    assertEquals(4L, CurationConfig.builder().build().get(ConfigKeys.INPUT_RETRIES));
    assertEquals(
        List.of(), CurationConfig.builder().build().get(ConfigKeys.FAULTS_FAIL_FIRST_ATTEMPT));
  }

  @Test
  void anEmptyTextResetsAKeyToItsDefault() {
    CurationConfig config =
        CurationConfig.builder()
            .set("input.retries=9", "conf")
            .set("input.retries=", "--set")
            .set("faults.failFirstAttempt=match:0", "conf")
            .set("faults.failFirstAttempt=", "--set")
            .set("balance.t=5", "conf")
            .set("balance.t=", "--set")
            .set("input.prefix=", "--set")
            .set("spark.conf.spark.executor.cores=2", "conf")
            .set("spark.conf=", "--set")
            .build();
    assertEquals(4, config.inputRetries());
    assertEquals("default", config.source(ConfigKeys.INPUT_RETRIES));
    assertEquals(List.of(), config.failFirstAttempt());
    assertFalse(config.isSet(ConfigKeys.BALANCE_T));
    assertEquals(List.of(), config.ts());
    // a string key takes the empty text as its value
    assertEquals("", config.inputPrefix());
    assertEquals("--set", config.source(ConfigKeys.INPUT_PREFIX));
    assertEquals(Map.of(), config.sparkConf());
    assertEquals("unset", config.source("spark.conf.spark.executor.cores"));
  }

  @Test
  void aKeyThatIsNotInConfigKeysIsUnknown() {
    Key<Long> stray =
        Key.named("balance.seed").doc("a second key of that name").longConf().createWithDefault(1L);
    ConfigException e =
        assertThrows(ConfigException.class, () -> CurationConfig.builder().set(stray, "3", "code"));
    assertTrue(e.getMessage().startsWith("unknown config key 'balance.seed'"), e.getMessage());
  }

  @Test
  void aBadListElementIsNamedOnItsOwn() {
    ConfigException text =
        assertThrows(
            ConfigException.class,
            () -> CurationConfig.builder().set("balance.p=0.1,x,0.3", "--p"));
    assertEquals("'balance.p' = 'x' (from --p) must be a number", text.getMessage());
    ConfigException map =
        assertThrows(
            ConfigException.class, () -> CurationConfig.builder().set("spark.conf=a", "--set"));
    assertTrue(map.getMessage().startsWith("'spark.conf' = 'a' (from --set)"), map.getMessage());
    assertTrue(map.getMessage().contains("--set spark.conf.KEY=VALUE"), map.getMessage());
  }
}
