package org.metaclipspark.curation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.metaclipspark.curation.testsupport.SharedData;
import picocli.CommandLine;

class ExtractCommandTest {

  /** Exit code, stdout bytes and stderr text of one run. */
  record Run(int exit, byte[] out, String err) {
    String outText() {
      return new String(out, StandardCharsets.UTF_8);
    }
  }

  private static synchronized Run run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      CommandLine cmd = new CommandLine(new ExtractCommand());
      cmd.setErr(new PrintWriter(err, true));
      int exit = cmd.execute(args);
      System.out.flush();
      return new Run(exit, out.toByteArray(), err.toString());
    } finally {
      System.setOut(original);
    }
  }

  private static Path sharedShard() {
    return SharedData.file("wat/CC-SAMPLE-2024-22-0001.warc.wat.gz");
  }

  @Test
  @Timeout(60)
  void printsExactlyTheReferencePairsOfAShard() throws IOException {
    Path shard = sharedShard();
    Run run = run(shard.toString());
    assertEquals(0, run.exit(), run.err());
    Path expected = shard.resolveSibling("expected").resolve("CC-SAMPLE-2024-22-0001.pairs.jsonl");
    List<String> expectedLines = Files.readAllLines(expected, StandardCharsets.UTF_8);
    List<String> actualLines = run.outText().lines().toList();
    ObjectMapper mapper = new ObjectMapper();
    assertEquals(expectedLines.size(), actualLines.size());
    for (int i = 0; i < expectedLines.size(); i++) {
      assertEquals(
          mapper.readTree(expectedLines.get(i)),
          mapper.readTree(actualLines.get(i)),
          "line " + (i + 1));
    }
    // the writer follows json.dumps(ensure_ascii=False), so even the bytes agree
    assertEquals(expectedLines, actualLines);
    assertTrue(run.err().contains("\"pairs\":" + expectedLines.size()), run.err());
    assertTrue(run.err().contains("\"shard\":\"CC-SAMPLE-2024-22-0001.warc.wat.gz\""), run.err());
  }

  @Test
  void aMissingShardIsAUsageErrorFoundBeforeAnyOutput(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Path empty = Files.write(tmp.resolve("empty.wat"), new byte[0]);
    Run run = run(empty.toString(), tmp.resolve("missing.warc.wat.gz").toString());
    assertEquals(2, run.exit());
    assertTrue(
        run.err().contains("input '" + tmp.resolve("missing.warc.wat.gz") + "' does not exist"),
        run.err());
    assertEquals(0, run.out().length);
  }

  @Test
  void shardsComeFromInputPathsOfTheConfAndDirectoriesExpand(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Path samples = Path.of("..", "samples", "wat").toAbsolutePath().normalize();
    Path conf =
        Files.writeString(
            tmp.resolve("extract.json"), "{\"input\": {\"paths\": [\"" + samples + "\"]}}");
    Run run = run("--conf", conf.toString());
    assertEquals(0, run.exit(), run.err());
    List<String> shardLines = run.err().lines().filter(l -> l.startsWith("{")).toList();
    assertEquals(3, shardLines.size(), run.err());
    assertTrue(shardLines.get(0).contains("\"shard\":\"CC-SAMPLE-LOCAL-0001.warc.wat.gz\""));
    assertTrue(run.outText().lines().count() > 100, "the sample shards hold over 100 pairs");
    Run empty = run("--set", "input.paths=" + Files.write(tmp.resolve("e.wat"), new byte[0]));
    assertEquals(0, empty.exit(), empty.err());
    assertTrue(empty.err().contains("\"shard\":\"e.wat\""), empty.err());
  }

  @Test
  void printsUsageWithHelp() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new ExtractCommand());
    cmd.setOut(new PrintWriter(out));
    assertEquals(0, cmd.execute("--help"));
    assertTrue(out.toString().contains("Usage: extract"), out.toString());
    assertTrue(out.toString().contains("SHARD..."), out.toString());
  }

  @Test
  @Timeout(60)
  void printsExactlyTheReferencePairsOfAWarcShardInFileOrder() throws IOException {
    Path shard = SharedData.file("warc/CC-SAMPLE-2025-47-0002.warc.gz");
    Run run = run(shard.toString());
    assertEquals(0, run.exit(), run.err());
    List<String> expected =
        Files.readAllLines(
            shard.resolveSibling("expected").resolve("CC-SAMPLE-2025-47-0002.pairs.jsonl"),
            StandardCharsets.UTF_8);
    assertEquals(expected, run.outText().lines().toList());
    assertTrue(run.err().contains("\"input_kind\":\"warc\""), run.err());
    assertTrue(run.err().contains("\"pairs\":" + expected.size()), run.err());
  }

  @Test
  @Timeout(60)
  void aWarcPathsListAndAWatShardMixInOneRun(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Path warc = SharedData.file("warc/jwarc-cc.warc.gz");
    Path list = Files.writeString(tmp.resolve("warc.paths"), warc.getFileName() + "\n");
    Run run =
        run(
            "--set",
            "input.prefix=" + warc.getParent().toUri(),
            list.toString(),
            sharedShard().toString());
    assertEquals(0, run.exit(), run.err());
    List<String> stats = run.err().lines().filter(l -> l.startsWith("{")).toList();
    assertEquals(2, stats.size(), run.err());
    assertTrue(stats.stream().anyMatch(l -> l.contains("\"input_kind\":\"warc\"")), run.err());
    assertTrue(stats.stream().anyMatch(l -> l.contains("\"input_kind\":\"wat\"")), run.err());
    long expected =
        Files.readAllLines(warc.resolveSibling("expected").resolve("jwarc-cc.pairs.jsonl")).size()
            + Files.readAllLines(
                    sharedShard()
                        .resolveSibling("expected")
                        .resolve("CC-SAMPLE-2024-22-0001.pairs.jsonl"))
                .size();
    assertEquals(expected, run.outText().lines().count());
  }
}
