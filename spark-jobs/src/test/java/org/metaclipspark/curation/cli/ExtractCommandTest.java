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
  void failsWithAClearMessageForAMissingFileAndGoesOnWithTheOthers(
      @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
    Path empty = Files.write(tmp.resolve("empty.wat"), new byte[0]);
    Run run = run(tmp.resolve("missing.warc.wat.gz").toString(), empty.toString());
    assertEquals(1, run.exit());
    assertTrue(
        run.err().contains("cannot read shard " + tmp.resolve("missing.warc.wat.gz")), run.err());
    assertTrue(run.err().contains("\"shard\":\"empty.wat\""), run.err());
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
}
