package org.metaclipspark.curation.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurationConfigTest {
  @TempDir Path dir;

  private Path conf(String json) throws IOException {
    Path file = dir.resolve("test.json");
    Files.writeString(file, json);
    return file;
  }

  @Test
  void defaultsApplyWhenNothingElseIsGiven() {
    CurationConfig config = CurationConfig.builder().build();
    assertEquals(0L, config.seed());
    assertEquals(CurationConfig.OutputFormat.PARQUET, config.outputFormat());
    assertEquals("default", config.source(ConfigKeys.BALANCE_SEED));
  }

  @Test
  void confFileOverridesDefaults() throws IOException {
    Path file =
        conf("{\"balance\": {\"seed\": 5, \"t\": 100}, \"output\": {\"format\": \"jsonl\"}}");
    CurationConfig config = CurationConfig.builder().confFile(file).build();
    assertEquals(5L, config.seed());
    assertEquals(100L, config.t().orElseThrow());
    assertEquals(CurationConfig.OutputFormat.JSONL, config.outputFormat());
    assertEquals(file.toString(), config.source(ConfigKeys.BALANCE_T));
  }

  @Test
  void setOverridesConfFileAndFlagsOverrideSet() throws IOException {
    Path file = conf("{\"balance\": {\"t\": 100}}");
    CurationConfig config =
        CurationConfig.builder()
            .confFile(file)
            .set("balance.t=200", "--set")
            .set(ConfigKeys.BALANCE_T, "300", "--t")
            .build();
    assertEquals(300L, config.t().orElseThrow());
    assertEquals("--t", config.source(ConfigKeys.BALANCE_T));
  }

  @Test
  void emptySetValueUnsetsAKeySoPCanReplaceAConfiguredT() throws IOException {
    CurationConfig config =
        CurationConfig.builder()
            .confFile(conf("{\"balance\": {\"t\": 100}, \"output\": {\"dir\": \"out\"}}"))
            .set("balance.t=", "--set")
            .set(ConfigKeys.BALANCE_P, "0.2", "--p")
            .build()
            .validateFor(CurationConfig.Pass.BALANCE);
    assertTrue(config.t().isEmpty());
    assertEquals(0.2, config.p().orElseThrow());
  }

  @Test
  void unknownKeyInConfFileNamesKeyFileAndKnownKeys() throws IOException {
    Path file = conf("{\"balance\": {\"tt\": 100}}");
    ConfigException e =
        assertThrows(ConfigException.class, () -> CurationConfig.builder().confFile(file));
    assertTrue(e.getMessage().contains("'balance.tt'"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("balance.t,"), e.getMessage());
  }

  @Test
  void wrongTypeNamesValueAndSource() throws IOException {
    Path file = conf("{\"balance\": {\"t\": \"many\"}}");
    ConfigException e =
        assertThrows(ConfigException.class, () -> CurationConfig.builder().confFile(file));
    assertTrue(e.getMessage().contains("'balance.t' = \"many\""), e.getMessage());
    assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    ConfigException set =
        assertThrows(
            ConfigException.class, () -> CurationConfig.builder().set("balance.seed=x1", "--set"));
    assertTrue(set.getMessage().contains("'balance.seed' = 'x1' (from --set)"), set.getMessage());
  }

  @Test
  void brokenJsonNamesLineAndFile() throws IOException {
    Path file = conf("{\n \"balance\": {\"t\": 1,,}\n}");
    ConfigException e =
        assertThrows(ConfigException.class, () -> CurationConfig.builder().confFile(file));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
  }

  @Test
  void balanceNeedsExactlyOneOfTAndP() {
    ConfigException neither =
        assertThrows(
            ConfigException.class,
            () ->
                CurationConfig.builder()
                    .set("output.dir=o", "--out")
                    .build()
                    .validateFor(CurationConfig.Pass.BALANCE));
    assertTrue(neither.getMessage().contains("--t N"), neither.getMessage());
    ConfigException both =
        assertThrows(
            ConfigException.class,
            () ->
                CurationConfig.builder()
                    .set("output.dir=o", "--out")
                    .set("balance.t=5", "--t")
                    .set("balance.p=0.5", "--p")
                    .build()
                    .validateFor(CurationConfig.Pass.BALANCE));
    assertTrue(
        both.getMessage().contains("(from --t)") && both.getMessage().contains("(from --p)"),
        both.getMessage());
  }

  @Test
  void outOfRangeValuesAreRejectedBeforeSparkStarts() {
    ConfigException t =
        assertThrows(
            ConfigException.class,
            () ->
                CurationConfig.builder()
                    .set("output.dir=o", "--out")
                    .set("balance.t=0", "--t")
                    .build()
                    .validateFor(CurationConfig.Pass.BALANCE));
    assertTrue(t.getMessage().contains("'balance.t' = 0 (from --t)"), t.getMessage());
    ConfigException p =
        assertThrows(
            ConfigException.class,
            () ->
                CurationConfig.builder()
                    .set("output.dir=o", "--out")
                    .set("balance.p=1.5", "--p")
                    .build()
                    .validateFor(CurationConfig.Pass.BALANCE));
    assertTrue(p.getMessage().contains("(0, 1]"), p.getMessage());
    ConfigException format =
        assertThrows(
            ConfigException.class,
            () ->
                CurationConfig.builder()
                    .set("output.dir=o", "--out")
                    .set("balance.t=3", "--t")
                    .set("output.format=csv", "--format")
                    .build()
                    .validateFor(CurationConfig.Pass.BALANCE));
    assertTrue(format.getMessage().contains("parquet or jsonl"), format.getMessage());
  }

  @Test
  void matchNeedsAnExistingVocabularyFile() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                CurationConfig.builder()
                    .set("output.dir=o", "--out")
                    .set("input.paths=x", "--input")
                    .set("metadata.path=" + dir.resolve("missing.json"), "--vocab")
                    .build()
                    .validateFor(CurationConfig.Pass.MATCH));
    assertTrue(
        e.getMessage().contains("missing.json") && e.getMessage().contains("--vocab"),
        e.getMessage());
  }

  @Test
  void balanceTAndPTakeANumberOrAListFromFilesAndFromSet() throws IOException {
    CurationConfig one =
        CurationConfig.builder().confFile(conf("{\"balance\": {\"t\": 100}}")).build();
    assertEquals(List.of(100L), one.ts());
    CurationConfig many =
        CurationConfig.builder()
            .confFile(conf("{\"balance\": {\"t\": [1000, 20000], \"p\": [0.1, 0.2]}}"))
            .build();
    assertEquals(List.of(1000L, 20000L), many.ts());
    assertEquals(List.of(0.1, 0.2), many.ps());
    assertEquals(1000L, many.t().orElseThrow());
    CurationConfig set = CurationConfig.builder().set("balance.t=5,50,500", "--set").build();
    assertEquals(List.of(5L, 50L, 500L), set.ts());
    ConfigException wrong =
        assertThrows(
            ConfigException.class,
            () -> CurationConfig.builder().confFile(conf("{\"balance\": {\"t\": [10, \"x\"]}}")));
    assertTrue(wrong.getMessage().contains("must be a whole number"), wrong.getMessage());
    ConfigException zero =
        assertThrows(
            ConfigException.class,
            () ->
                CurationConfig.builder()
                    .set("output.dir=o", "--out")
                    .set("balance.t=10,0", "--t")
                    .build()
                    .validateFor(CurationConfig.Pass.BALANCE));
    assertTrue(zero.getMessage().contains("'balance.t' = 0 (from --t)"), zero.getMessage());
  }

  @Test
  void inputPathsAcceptAStringOrAList() throws IOException {
    assertEquals(
        List.of("a", "b"),
        CurationConfig.builder()
            .confFile(conf("{\"input\": {\"paths\": [\"a\", \"b\"]}}"))
            .build()
            .inputPaths());
    assertEquals(
        List.of("a"),
        CurationConfig.builder()
            .confFile(conf("{\"input\": {\"paths\": \"a\"}}"))
            .build()
            .inputPaths());
  }

  @Test
  void credentialsInSparkConfAreRedactedInTheManifestView() throws IOException {
    CurationConfig config =
        CurationConfig.builder()
            .confFile(
                conf(
                    "{\"spark\": {\"conf\": {\"spark.hadoop.fs.s3a.secret.key\": \"hunter2\","
                        + " \"spark.executor.memory\": \"4g\"}}}"))
            .build();
    @SuppressWarnings("unchecked")
    Map<String, String> shown =
        (Map<String, String>) config.toMap().get(ConfigKeys.SPARK_CONF.name());
    assertEquals("4g", shown.get("spark.executor.memory"));
    assertTrue(!shown.toString().contains("hunter2"), shown.toString());
  }

  @Test
  void shippedConfFilesAreValid() {
    for (String name : List.of("local.json", "cluster.json")) {
      Path file = Path.of("..", "conf", name);
      CurationConfig.builder().confFile(file).build();
    }
  }
}
