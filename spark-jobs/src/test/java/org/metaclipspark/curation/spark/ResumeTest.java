package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.cli.Summaries;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * Passes 2 and 3 commit as a whole: {@code kill -9} of a {@code curate} process inside pass 2 or 3,
 * then the same command again, gives the outputs of an uninterrupted run row for row; a committed
 * pass with the same inputs is skipped, one with other inputs stops with the difference. Runs on
 * the bundled samples.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  @TempDir static Path work;
  private SparkSession spark;
  private Map<String, List<String>> reference;

  private List<String> curate(Path out) {
    return List.of(
        "curate",
        "--conf",
        ROOT.resolve("conf/local.json").toString(),
        "--input",
        ROOT.resolve("samples/wat").toString(),
        "--vocab",
        ROOT.resolve("samples/vocab/wordnet31-synsets.json").toString(),
        "--out",
        out.toString(),
        "--master",
        "local[2]",
        "--t",
        "3,5");
  }

  private CurationConfig config(Path out, boolean overwrite) {
    return CurationConfig.builder()
        .confFile(ROOT.resolve("conf/local.json"))
        .set("input.paths", ROOT.resolve("samples/wat").toString(), "test")
        .set(
            "metadata.path",
            ROOT.resolve("samples/vocab/wordnet31-synsets.json").toString(),
            "test")
        .set("output.dir", out.toString(), "test")
        .set("output.overwrite", Boolean.toString(overwrite), "test")
        .set("spark.master", "local[2]", "test")
        .set("balance.t", "3,5", "test")
        .build();
  }

  @BeforeAll
  void uninterruptedRun() throws Exception {
    Path out = work.resolve("reference");
    spark = SparkSessions.create(config(out, false), "test");
    CurateJob.run(spark, config(out, false));
    reference = PassOutputs.read(spark, out);
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  /** A {@code java Main curate ...} process with this JVM's class path and module flags. */
  private Process start(Path out, Path log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-D")) {
        command.add(arg);
      }
    }
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.metaclipspark.curation.cli.Main");
    command.addAll(curate(out));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Starts curate, kills it with SIGKILL when {@code when} holds, then runs it again to the end.
   */
  private String killAndRerun(String name, Predicate<Path> when, String what) throws Exception {
    Path out = work.resolve(name);
    Path log = work.resolve(name + ".log");
    Process first = start(out, log);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (!when.test(out) && first.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(first.isAlive(), name + ": the run ended before " + what + ":\n" + read(log));
    first.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
    first.waitFor();
    Path log2 = work.resolve(name + ".rerun.log");
    Process second = start(out, log2);
    assertTrue(second.waitFor(5, TimeUnit.MINUTES), name + ": rerun timed out");
    String output = read(log2);
    assertEquals(0, second.exitValue(), name + ": rerun failed:\n" + output);
    assertEquals(
        reference, PassOutputs.read(spark, out), name + ": outputs differ from a clean run");
    return output;
  }

  private static String read(Path log) throws Exception {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static boolean logSays(Path out, String text) {
    try {
      Path log = out.resolveSibling(out.getFileName() + ".log");
      return Files.exists(log) && Files.readString(log).contains(text);
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void killedWhenPassTwoStartsTheRerunSkipsPassOneAndRedoesPassTwo() throws Exception {
    String rerun =
        killAndRerun("at-count-start", out -> logSays(out, "count: dedup"), "pass 2 started");
    assertTrue(rerun.contains("resumed: 3 of 3 shards were already committed"), rerun);
    assertFalse(rerun.contains("count: committed by an earlier run"), rerun);
  }

  @Test
  void killedWhileDistinctPairsAreWrittenTheRerunRedoesPassTwo() throws Exception {
    String rerun =
        killAndRerun(
            "at-distinct-write",
            out -> Files.isDirectory(out.resolve("distinct_pairs.tmp")),
            "distinct_pairs.tmp appeared");
    assertFalse(rerun.contains("count: committed by an earlier run"), rerun);
  }

  @Test
  void killedInPassThreeTheRerunSkipsPassesOneAndTwo() throws Exception {
    String rerun =
        killAndRerun("at-balance", out -> logSays(out, "balance: t=3"), "pass 3 started");
    assertTrue(rerun.contains("count: committed by an earlier run"), rerun);
  }

  @Test
  void aCommittedRunIsSkippedAndOtherInputsStopWithTheDifference() throws Exception {
    Path out = work.resolve("reference");
    CurateJob.CurateResult again = CurateJob.run(spark, config(out, false));
    assertTrue(again.matchReused() && again.count().reused(), "passes 1 and 2 were skipped");
    assertTrue(again.balances().stream().allMatch(BalanceJob.BalanceResult::reused));
    assertTrue(Summaries.curate(again, 1).contains("count: committed by an earlier run"));
    assertEquals(reference, PassOutputs.read(spark, out));

    // Pass 1 again on one shard fewer: count must not reuse counts of the old matches.
    Path shards = Files.createDirectories(work.resolve("fewer"));
    try (var files = Files.list(ROOT.resolve("samples/wat"))) {
      files.sorted().skip(1).forEach(f -> copy(f, shards.resolve(f.getFileName())));
    }
    CurationConfig fewer =
        CurationConfig.builder()
            .confFile(ROOT.resolve("conf/local.json"))
            .set("input.paths", shards.toString(), "test")
            .set(
                "metadata.path",
                ROOT.resolve("samples/vocab/wordnet31-synsets.json").toString(),
                "test")
            .set("output.dir", out.toString(), "test")
            .set("output.overwrite", "true", "test")
            .set("spark.master", "local[2]", "test")
            .build();
    MatchJob.run(spark, fewer);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> CountJob.run(spark, config(out, false)));
    assertTrue(e.getMessage().contains("was committed from other inputs"), e.getMessage());
    assertTrue(e.getMessage().contains("matches/"), e.getMessage());
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static {
    // The subprocess reads the same shared settings as this JVM.
    assertTrue(new File(System.getProperty("java.home")).isDirectory());
  }
}
