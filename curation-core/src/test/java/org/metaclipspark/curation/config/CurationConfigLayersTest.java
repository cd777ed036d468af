package org.metaclipspark.curation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated conf files, {@code --set spark.conf.KEY}, sources per Spark setting, effective(). */
class CurationConfigLayersTest {
  @TempDir Path dir;

  private Path conf(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json);
  }

  @Test
  void laterConfFilesWinAndTheirSparkSettingsMerge() throws IOException {
    Path first =
        conf(
            "first.json",
            "{\"balance\": {\"t\": 10, \"seed\": 1},"
                + " \"spark\": {\"conf\": {\"spark.a\": \"1\", \"spark.b\": \"1\"}}}");
    Path second =
        conf(
            "second.json",
            "{\"balance\": {\"t\": 20}, \"spark\": {\"conf\": {\"spark.b\": \"2\"}}}");
    CurationConfig config = CurationConfig.builder().confFile(first).confFile(second).build();
    assertEquals(20L, config.t().orElseThrow());
    assertEquals(second.toString(), config.source(ConfigKeys.BALANCE_T));
    assertEquals(1L, config.seed());
    assertEquals(first.toString(), config.source(ConfigKeys.BALANCE_SEED));
    assertEquals(Map.of("spark.a", "1", "spark.b", "2"), config.sparkConf());
    assertEquals(first.toString(), config.source("spark.conf.spark.a"));
    assertEquals(second.toString(), config.source("spark.conf.spark.b"));
  }

  @Test
  void setSparkConfKeySetsOneSparkSettingAndAnEmptyValueRemovesIt() throws IOException {
    Path file = conf("c.json", "{\"spark\": {\"conf\": {\"spark.ui.enabled\": \"false\"}}}");
    CurationConfig config =
        CurationConfig.builder()
            .confFile(file)
            .set("spark.conf.spark.executor.memory=8g", "--set")
            .set("spark.conf.spark.ui.enabled=", "--set")
            .build();
    assertEquals(Map.of("spark.executor.memory", "8g"), config.sparkConf());
    assertEquals("--set", config.source("spark.conf.spark.executor.memory"));
    assertEquals("unset", config.source("spark.conf.spark.ui.enabled"));
  }

  @Test
  void theWholeSparkConfMapCannotBeSetAsTextAndTheErrorSaysHow() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> CurationConfig.builder().set("spark.conf={\"a\": \"b\"}", "--set"));
    assertTrue(e.getMessage().contains("--set spark.conf.KEY=VALUE"), e.getMessage());
  }

  @Test
  void effectiveListsEveryKeyWithItsSourceAndRedactsCredentials() {
    CurationConfig config =
        CurationConfig.builder()
            .set("balance.t", "7", "--t")
            .set("spark.conf.spark.hadoop.fs.s3a.secret.key=abc", "--set")
            .set("spark.conf.spark.executor.cores=2", "--set")
            .build();
    Map<String, CurationConfig.Effective> byKey =
        config.effective().stream()
            .collect(Collectors.toMap(CurationConfig.Effective::key, e -> e));
    for (String key : ConfigKeys.all().keySet()) {
      if (!key.equals(ConfigKeys.SPARK_CONF.name())) {
        assertTrue(byKey.containsKey(key), "effective() lacks " + key);
      }
    }
    assertEquals(
        java.util.List.of(7L), byKey.get("balance.t").value(), "balance.t is a list of caps");
    assertEquals("--t", byKey.get("balance.t").source());
    assertEquals("default", byKey.get("balance.seed").source());
    assertNull(byKey.get("balance.p").value());
    assertEquals("unset", byKey.get("balance.p").source());
    assertEquals("2", byKey.get("spark.conf.spark.executor.cores").value());
    assertEquals(
        "*** redacted ***", byKey.get("spark.conf.spark.hadoop.fs.s3a.secret.key").value());
    assertEquals(
        List.of("spark.conf.spark.executor.cores", "spark.conf.spark.hadoop.fs.s3a.secret.key"),
        config.effective().stream()
            .map(CurationConfig.Effective::key)
            .filter(k -> k.startsWith("spark.conf"))
            .toList());
  }

  @Test
  void recordLimitOutsideTheReadersRangeIsAConfigErrorNamingTheKey() {
    for (String bad : List.of("10", "3000000000")) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () ->
                  CurationConfig.builder()
                      .set("input.maxRecordBytes", bad, "--max-record-bytes")
                      .build()
                      .validateFor(CurationConfig.Pass.EXTRACT));
      assertTrue(
          e.getMessage()
              .startsWith("'input.maxRecordBytes' = " + bad + " (from --max-record-bytes)"),
          e.getMessage());
    }
  }

  @Test
  void extractNeedsNoOutputButPassesDo() {
    CurationConfig config = CurationConfig.builder().build();
    config.validateFor(CurationConfig.Pass.EXTRACT);
    ConfigException e =
        assertThrows(ConfigException.class, () -> config.validateFor(CurationConfig.Pass.REPORT));
    assertTrue(e.getMessage().contains("--out DIR"), e.getMessage());
  }

  @Test
  void negativeProgressIntervalIsRejected() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                CurationConfig.builder()
                    .set("output.dir", "out", "test")
                    .set("progress.intervalSeconds", "-1", "--set")
                    .build()
                    .validateFor(CurationConfig.Pass.COUNT));
    assertTrue(e.getMessage().contains("'progress.intervalSeconds' = -1.0 (from --set)"));
  }
}
