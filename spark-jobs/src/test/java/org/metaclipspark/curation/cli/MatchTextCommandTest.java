package org.metaclipspark.curation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.testsupport.SharedData;
import picocli.CommandLine;

class MatchTextCommandTest {

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new MatchTextCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void printsMatchedEntryIdsPerLineLikePythonJsonDumps() throws IOException {
    Path vocab = write("vocab.json", "[\"cat\", \"black cat\", \"cat.\", \"dog\"]");
    Path input = write("captions.jsonl", "\"A black cat.\"\n\"dog\\tcat\"\n\"nothing here\"\n");
    Run r = run("--vocab", vocab.toString(), "--input", input.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("[0, 1]\n[0, 3]\n[]\n", r.out());
    assertTrue(r.err().contains("4 entries"), r.err());
  }

  @Test
  void showEntriesPrintsIdEntryPairsWithJsonEscaping() throws IOException {
    Path vocab = write("vocab.txt", "cat\nsay \"hi\"\n");
    Path input = write("captions.jsonl", "\"cat: say \\\"hi\\\"\"\n");
    Run r = run("--vocab", vocab.toString(), "--input", input.toString(), "--show-entries");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("[[0, \"cat\"], [1, \"say \\\"hi\\\"\"]]\n", r.out());
  }

  @Test
  void badInputLineStopsWithItsLineNumberAfterPrintingEarlierLines() throws IOException {
    Path vocab = write("vocab.json", "[\"cat\"]");
    Path input = write("captions.jsonl", "\"cat\"\ncat without quotes\n\"cat\"\n");
    Run r = run("--vocab", vocab.toString(), "--input", input.toString());
    assertEquals(1, r.exitCode());
    assertEquals("[0]\n", r.out());
    assertTrue(r.err().contains("line 2 of " + input), r.err());
    assertTrue(r.err().contains("'cat without quotes'"), r.err());
  }

  @Test
  void jsonValuesOtherThanOneStringAreRejected() throws IOException {
    Path vocab = write("vocab.json", "[\"cat\"]");
    for (String line : List.of("42", "[\"cat\"]", "\"cat\" \"dog\"", "")) {
      Path input = write("captions.jsonl", line + "\n");
      Run r = run("--vocab", vocab.toString(), "--input", input.toString());
      assertEquals(1, r.exitCode(), "line " + line);
      assertTrue(r.err().contains("line 1"), r.err());
    }
  }

  @Test
  void missingVocabularyFileIsReportedWithTheFix() {
    Run r = run("--vocab", dir.resolve("absent.json").toString(), "--input", "-");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("absent.json does not exist"), r.err());
    assertTrue(r.err().contains("--vocab"), r.err());
  }

  @Test
  void malformedVocabularyReportsThePosition() throws IOException {
    Path vocab = write("vocab.json", "[\"cat\",\n 7]");
    Run r = run("--vocab", vocab.toString(), "--input", "-");
    assertEquals(1, r.exitCode());
    assertTrue(r.err().contains("line 2"), r.err());
  }

  @Test
  void vocabularyAndInputMayComeFromTheConf() throws IOException {
    Path vocab = write("vocab.json", "[\"cat\", \"dog\"]");
    Path input = write("captions.jsonl", "\"a dog\"\n");
    Path conf = write("c.json", "{\"metadata\": {\"path\": \"" + vocab + "\"}}");
    Run r = run("--conf", conf.toString(), "--input", input.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertEquals("[1]\n", r.out());
    Run set = run("--set", "metadata.path=" + vocab, "--input", input.toString());
    assertEquals("[1]\n", set.out());
  }

  @Test
  void vocabIsRequired() {
    Run r = run("--input", "-");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--vocab"), r.err());
  }

  @Test
  void first3000SharedCaptionsMatchTheExpectedIds() throws IOException {
    Path vocab = SharedData.vocabulary();
    Path captions = SharedData.captions();
    Path expected = SharedData.captionsExpected();
    List<String> firstCaptions;
    try (BufferedReader in = Files.newBufferedReader(captions)) {
      firstCaptions = in.lines().limit(3000).toList();
    }
    Path input = Files.write(dir.resolve("first3000.jsonl"), firstCaptions, StandardCharsets.UTF_8);
    Run r = run("--vocab", vocab.toString(), "--input", input.toString());
    assertEquals(0, r.exitCode(), r.err());
    List<String> got = Arrays.asList(r.out().split("\n"));
    ObjectMapper json = new ObjectMapper();
    List<String> want = new ArrayList<>();
    // The expected file follows spec §3: the empty entry is never listed.
    try (BufferedReader in = Files.newBufferedReader(expected)) {
      for (String line : in.lines().limit(3000).toList()) {
        want.add(Arrays.toString(json.readValue(line, int[].class)));
      }
    }
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i), got.get(i), "caption line " + (i + 1));
    }
    assertEquals(want.size(), got.size());
  }

  @Test
  void aVocabularyDirectoryPrintsLabelKeyAndPositionsOfEverySharedWorldwideCaption()
      throws IOException {
    Path vocabDir = SharedData.file("worldwide/captions.jsonl").resolveSibling("vocab");
    Run r =
        run(
            "--vocab",
            vocabDir.toString(),
            "--set",
            "lid.model=" + SharedData.file("lid/lid.176.ftz"),
            "--input",
            SharedData.file("worldwide/captions.jsonl").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.err().contains("33 keys"), r.err());
    List<String> expected =
        Files.readAllLines(
            SharedData.file("worldwide/captions.expected.jsonl"), StandardCharsets.UTF_8);
    assertEquals(expected, List.of(r.out().split("\n")));
  }

  @Test
  void aVocabularyDirectoryWithoutTheModelNamesTheKeyAndTheScript() throws IOException {
    Path vocabDir = Files.createDirectory(dir.resolve("vocab"));
    Files.writeString(vocabDir.resolve("en.json"), "[\"cat\"]");
    Run r =
        run(
            "--vocab",
            vocabDir.toString(),
            "--set",
            "lid.model=" + dir.resolve("absent.ftz"),
            "--input",
            write("c.jsonl", "\"cat\"\n").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("run scripts/fetch-lid-model.sh"), r.err());
  }

  @Test
  void anEmptyVocabularyDirectoryIsAConfigError() throws IOException {
    Path vocabDir = Files.createDirectory(dir.resolve("empty"));
    Run r = run("--vocab", vocabDir.toString(), "--input", "-");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("has no <key>.json or <key>.txt file"), r.err());
  }
}
