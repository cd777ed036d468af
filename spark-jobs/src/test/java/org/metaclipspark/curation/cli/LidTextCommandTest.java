package org.metaclipspark.curation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.testsupport.SharedData;
import picocli.CommandLine;

/** {@code lid-text} on the shared texts against fastText's own output, and its errors. */
class LidTextCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new LidTextCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** The shared texts as JSON strings, one per line, split on "\n" only as fastText reads them. */
  private Path sharedTextsAsJson() throws IOException {
    byte[] bytes = Files.readAllBytes(SharedData.file("lid/texts.txt"));
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(
            JSON.writeValueAsString(new String(bytes, start, i - start, StandardCharsets.UTF_8)));
        start = i + 1;
      }
    }
    return Files.write(dir.resolve("texts.jsonl"), lines, StandardCharsets.UTF_8);
  }

  @Test
  void printsFastTextsTopLabelAndTopThreeForEverySharedText() throws IOException {
    Path model = SharedData.file("lid/lid.176.ftz");
    Path input = sharedTextsAsJson();
    List<String> top1 = Files.readAllLines(SharedData.file("lid/texts.expected.tsv"));
    List<String> top3 = Files.readAllLines(SharedData.file("lid/texts.top3.tsv"));

    Run one = run("--model", model.toString(), "--input", input.toString());
    assertEquals(0, one.exitCode(), one.err());
    assertTrue(one.err().contains("176 labels, sha256 8f3472cf"), one.err());
    assertTrue(one.err().contains("(lid.176.ftz)"), one.err());
    String[] lines = one.out().split("\n", -1);
    assertEquals(top1.size() + 1, lines.length);
    for (int i = 0; i < top1.size(); i++) {
      List<?> pair = JSON.readValue(lines[i], List.class);
      assertSame(top1.get(i), new Object[] {pair}, "line " + (i + 1));
    }

    Run three = run("--model", model.toString(), "--input", input.toString(), "--top", "3");
    assertEquals(0, three.exitCode(), three.err());
    lines = three.out().split("\n", -1);
    for (int i = 0; i < top3.size(); i++) {
      Object[] pairs = JSON.readValue(lines[i], Object[].class);
      assertSame(top3.get(i), pairs, "line " + (i + 1));
    }
  }

  /** Whether the JSON pairs equal fastText's {@code label<TAB>prob...} line (within 1e-5). */
  private static void assertSame(String expected, Object[] pairs, String where) {
    String[] cells = expected.isEmpty() ? new String[0] : expected.split("\t");
    assertEquals(cells.length / 2, pairs.length, where + ": " + expected);
    for (int j = 0; j < pairs.length; j++) {
      List<?> pair = (List<?>) pairs[j];
      assertEquals(2, pair.size(), where);
      assertEquals(cells[2 * j], pair.get(0), where + ": " + expected);
      double probability = ((Number) pair.get(1)).doubleValue();
      assertEquals(Double.parseDouble(cells[2 * j + 1]), probability, 1e-5, where);
    }
  }

  @Test
  void newlinesInATextAreSpaces() throws IOException {
    Path model = SharedData.file("lid/lid.176.ftz");
    Path input =
        Files.writeString(
            dir.resolve("in.jsonl"), "\"Guten Morgen, Welt\"\n\"Guten\\nMorgen,\\r\\nWelt\"\n");
    Run r = run("--model", model.toString(), "--input", input.toString());
    assertEquals(0, r.exitCode(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals(2, lines.length, r.out());
    assertEquals(lines[0], lines[1]);
    assertTrue(lines[0].startsWith("[\"de\", 0."), lines[0]);
  }

  @Test
  void aMissingModelNamesTheKeyAndTheScript() throws IOException {
    Path input = Files.writeString(dir.resolve("in.jsonl"), "\"x\"\n");
    Run r = run("--model", dir.resolve("absent.ftz").toString(), "--input", input.toString());
    assertEquals(Main.EXIT_CONFIG, r.exitCode());
    assertTrue(r.err().contains("absent.ftz (config key lid.model, from --model)"), r.err());
    assertTrue(r.err().contains("does not exist; run scripts/fetch-lid-model.sh"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void aFileThatIsNoModelIsAConfigError() throws IOException {
    Path notModel = Files.writeString(dir.resolve("lid.176.ftz"), "<html>not found</html>");
    Path input = Files.writeString(dir.resolve("in.jsonl"), "\"x\"\n");
    Run r = run("--set", "lid.model=" + notModel, "--input", input.toString());
    assertEquals(Main.EXIT_CONFIG, r.exitCode());
    assertTrue(r.err().contains("(config key lid.model, from --set)"), r.err());
    assertTrue(r.err().contains("not a fastText model"), r.err());
    assertTrue(r.err().contains("run scripts/fetch-lid-model.sh"), r.err());
  }

  @Test
  void aBadLineStopsWithItsNumberAfterTheLinesBeforeIt() throws IOException {
    Path model = SharedData.file("lid/lid.176.ftz");
    Path input = Files.writeString(dir.resolve("in.jsonl"), "\"bonjour\"\nbonjour\n\"x\"\n");
    Run r = run("--model", model.toString(), "--input", input.toString());
    assertEquals(Main.EXIT_FAILED, r.exitCode());
    assertEquals(1, r.out().split("\n").length, r.out());
    assertTrue(r.err().contains("line 2 of " + input + " is not one JSON string"), r.err());
  }

  @Test
  void topMustBePositive() {
    Run r = run("--top", "0", "--input", "-");
    assertEquals(Main.EXIT_CONFIG, r.exitCode());
    assertTrue(r.err().contains("--top 0: K must be at least 1"), r.err());
  }
}
