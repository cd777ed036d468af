package org.metaclipspark.curation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.spark.MatchOutputs;
import picocli.CommandLine;

/**
 * Resume of pass 1 through the command line (spec §7): {@code kill -9} of a {@code java} process
 * running {@code Main match} at several points, then the same command again, gives the rows and
 * accounting of an uninterrupted run; a rerun with another input list, vocabulary or setting stops
 * naming the difference; {@code --overwrite} starts over.
 *
 * <p>The kill points are made deterministic with a named pipe: the shard at position k is replaced
 * by a FIFO, so the run commits shards 0..k-1, opens shard k and reads the first half of its bytes
 * (its rows go to an uncommitted attempt file), and blocks there until it is killed.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MatchResumeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir static Path work;
  private Path shards;
  private Path vocab;
  private Path conf;
  private List<Path> shardFiles;

  @BeforeAll
  void copyTheSamples() throws IOException {
    shards = Files.createDirectories(work.resolve("shards"));
    try (Stream<Path> files = Files.list(ROOT.resolve("samples/wat"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".wat.gz")).sorted().toList()) {
        Files.copy(f, shards.resolve(f.getFileName()));
      }
    }
    try (Stream<Path> files = Files.list(shards)) {
      shardFiles = files.sorted().toList();
    }
    vocab =
        Files.copy(ROOT.resolve("samples/vocab/wordnet31-synsets.json"), work.resolve("v.json"));
    conf =
        Files.writeString(
            work.resolve("test.json"),
            "{\"spark\": {\"conf\": {\"spark.ui.enabled\": \"false\","
                + " \"spark.ui.showConsoleProgress\": \"false\"}}}");
  }

  private List<String> matchArgs(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "match",
                "--conf",
                conf.toString(),
                "--master",
                "local[1]",
                "--input",
                shards.toString(),
                "--vocab",
                vocab.toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return args;
  }

  /** A java process running Main with the test class path, as the launcher script does. */
  private static ProcessBuilder javaMain(List<String> args, Path log) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")) {
        cmd.add(a);
      }
    }
    cmd.add("-Dlog4j2.configurationFile=" + ROOT.resolve("conf/log4j2.properties"));
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(Main.class.getName());
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb;
  }

  private record Finished(int exit, String output) {}

  private Finished runToEnd(List<String> args, String name) throws Exception {
    Path log = work.resolve(name + ".log");
    Process p = javaMain(args, log).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), name + " did not finish in 300 s");
    return new Finished(p.exitValue(), Files.readString(log));
  }

  @Test
  @Timeout(1200)
  void killNineAtEachShardThenTheSameCommandGivesTheUninterruptedRowsAndAccounting()
      throws Exception {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/mkfifo")), "needs mkfifo for the kill points");
    Path reference = work.resolve("reference");
    Finished clean = runToEnd(matchArgs(reference), "reference");
    assertEquals(0, clean.exit(), clean.output());
    assertFalse(clean.output().contains("resumed:"), clean.output());
    Map<String, List<String>> expectedRows = MatchOutputs.rows(reference);
    assertEquals(shardFiles.size(), expectedRows.size(), "one file per shard");
    JsonNode expectedAccounting = MatchOutputs.accounting(reference);

    // One output directory, killed once at each point: every rerun is the same command and
    // resumes what the runs before it committed.
    Path out = work.resolve("killed");
    Path matches = out.resolve("matches");
    for (int k = 0; k < shardFiles.size(); k++) {
      Path blocked = shardFiles.get(k);
      byte[] bytes = Files.readAllBytes(blocked);
      Files.delete(blocked);
      Process mkfifo = new ProcessBuilder("mkfifo", blocked.toString()).inheritIO().start();
      assertEquals(0, mkfifo.waitFor());
      Path log = work.resolve("killed-" + k + ".log");
      Process p = javaMain(matchArgs(out), log).start();
      CountDownLatch fed = new CountDownLatch(1);
      Thread feeder =
          new Thread(
              () -> {
                try (OutputStream fifo = new FileOutputStream(blocked.toFile())) {
                  fifo.write(bytes, 0, bytes.length / 2);
                  fifo.flush();
                  fed.countDown();
                  Thread.sleep(Long.MAX_VALUE);
                } catch (IOException | InterruptedException e) {
                  // the reader was killed: the pipe is broken
                }
              });
      feeder.setDaemon(true);
      feeder.start();
      assertTrue(
          fed.await(300, TimeUnit.SECONDS), "the run never opened shard " + k + ": " + read(log));
      Thread.sleep(300); // let the task turn the bytes it read into rows of its attempt file
      assertTrue(p.isAlive(), "the run ended before it could be killed: " + read(log));
      p.destroyForcibly(); // SIGKILL
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      feeder.interrupt();
      feeder.join();
      Files.delete(blocked);
      Files.write(blocked, bytes);

      Map<String, List<String>> committed = MatchOutputs.rows(out);
      assertEquals(
          new ArrayList<>(expectedRows.keySet()).subList(0, k),
          new ArrayList<>(committed.keySet()),
          "files committed before the kill at point " + k);
      for (Map.Entry<String, List<String>> file : committed.entrySet()) {
        assertEquals(expectedRows.get(file.getKey()), file.getValue(), file.getKey() + " at " + k);
      }
      assertFalse(Files.exists(matches.resolve("_manifest.json")), "no manifest before the end");
      try (Stream<Path> attempts = Files.list(matches.resolve("_attempts"))) {
        assertTrue(attempts.count() > 0, "the kill hit shard " + k + " while it was written");
      }
    }
    Finished again = runToEnd(matchArgs(out), "resumed");
    assertEquals(0, again.exit(), again.output());
    int n = shardFiles.size();
    assertTrue(
        again
            .output()
            .contains("resumed: " + (n - 1) + " of " + n + " shards were already committed"),
        again.output());
    assertEquals(expectedRows, MatchOutputs.rows(out), "rows after the kills");
    assertEquals(expectedAccounting, MatchOutputs.accounting(out), "accounting after the kills");
    assertFalse(Files.exists(matches.resolve("_attempts")), "attempts are cleaned up");
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "(no output)";
  }

  private record Run(int exit, String out, String err) {}

  private static Run cli(List<String> args) {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    java.io.PrintStream stdout = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int exit = cli.execute(args.toArray(String[]::new));
      return new Run(exit, captured.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(stdout);
    }
  }

  @Test
  @Timeout(600)
  void aRerunWithAnotherInputListVocabularyOrSettingStopsNamingItAndOverwriteStartsOver()
      throws IOException {
    Path out = work.resolve("changed");
    Run first = cli(matchArgs(out));
    assertEquals(0, first.exit(), first.err());
    Map<String, List<String>> rows = MatchOutputs.rows(out);

    Run same = cli(matchArgs(out));
    assertEquals(0, same.exit(), same.err());
    assertTrue(same.out().contains("resumed: 3 of 3 shards were already committed"), same.out());
    assertEquals(rows, MatchOutputs.rows(out));

    List<String> fewer = matchArgs(out);
    fewer.set(fewer.indexOf(shards.toString()), shardFiles.get(0).toString());
    Run input = cli(fewer);
    assertEquals(Main.EXIT_CONFIG, input.exit(), input.err());
    assertTrue(
        input.err().contains("the input list differs: 1 shards now, 3 committed, missing 2")
            && input.err().contains("--overwrite"),
        input.err());

    Path otherVocab = work.resolve("other.json");
    Files.writeString(otherVocab, "[\"garden\", \"rose\", \"red\"]");
    List<String> vocabChanged = matchArgs(out);
    vocabChanged.set(vocabChanged.indexOf(vocab.toString()), otherVocab.toString());
    Run vocabulary = cli(vocabChanged);
    assertEquals(Main.EXIT_CONFIG, vocabulary.exit(), vocabulary.err());
    assertTrue(
        vocabulary.err().contains("the vocabulary differs: " + otherVocab)
            && vocabulary.err().contains(vocab.toString()),
        vocabulary.err());

    Run setting = cli(matchArgs(out, "--set", "input.maxRecordBytes=4096"));
    assertEquals(Main.EXIT_CONFIG, setting.exit(), setting.err());
    assertTrue(
        setting
            .err()
            .contains("'input.maxRecordBytes' is 4096, the committed output used 67108864"),
        setting.err());
    assertEquals(rows, MatchOutputs.rows(out), "a refused rerun changes nothing");

    List<String> overwrite = new ArrayList<>(vocabChanged);
    overwrite.add("--overwrite");
    Run over = cli(overwrite);
    assertEquals(0, over.exit(), over.err());
    assertFalse(over.out().contains("resumed:"), over.out());
    JsonNode manifest = JSON.readTree(out.resolve("matches/_manifest.json").toFile());
    assertEquals(3, manifest.get("vocabulary").get("entries").asInt());
    assertNotEquals(rows, MatchOutputs.rows(out), "the new vocabulary matches other pairs");
    assertEquals(3, MatchOutputs.rows(out).size());
  }
}
