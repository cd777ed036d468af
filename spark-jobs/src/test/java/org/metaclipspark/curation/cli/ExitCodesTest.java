package org.metaclipspark.curation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.spark.OutputConflictException;

/**
 * The same failure exits with the same code in every pass: {@link Main}'s one table, exercised
 * through the command line of {@code match}, {@code count} and {@code balance} on the bundled
 * samples.
 */
@Tag("spark")
class ExitCodesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private record Run(int exit, String err) {}

  private static Run cli(List<String> args) {
    StringWriter err = new StringWriter();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      picocli.CommandLine cli = Main.commandLine();
      cli.setErr(new PrintWriter(err));
      return new Run(cli.execute(args.toArray(String[]::new)), err.toString());
    } finally {
      System.setOut(stdout);
    }
  }

  private static List<String> args(String pass, Path out, Path shards, String... more)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                pass,
                "--conf",
                ROOT.resolve("conf/local.json").toString(),
                "--master",
                "local[2]",
                "--out",
                out.toString(),
                "--set",
                "output.report=false"));
    if (pass.equals("match") || pass.equals("curate")) {
      args.addAll(
          List.of(
              "--input",
              shards.toString(),
              "--vocab",
              ROOT.resolve("samples/vocab/wordnet31-synsets.json").toString()));
    }
    if (pass.equals("balance") || pass.equals("curate")) {
      args.addAll(List.of("--t", "3"));
    }
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void theTableMapsEachFamilyAndEverythingElseFailsTheRun() {
    assertEquals(Main.EXIT_CONFIG, Main.exitCode(new ConfigException("bad key")));
    assertEquals(Main.EXIT_CONFIG, Main.exitCode(new OutputConflictException("other inputs")));
    assertEquals(Main.EXIT_FAILED, Main.exitCode(new IllegalStateException("a task failed")));
    assertEquals(
        Main.EXIT_FAILED, Main.exitCode(new java.io.UncheckedIOException(new IOException())));
  }

  @Test
  @Timeout(600)
  void configErrorsAndOutputConflictsExitWithTwoInEveryPass(@TempDir Path work) throws IOException {
    Path shards = Files.createDirectories(work.resolve("shards"));
    try (Stream<Path> files = Files.list(ROOT.resolve("samples/wat"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".wat.gz")).toList()) {
        Files.copy(f, shards.resolve(f.getFileName()));
      }
    }
    Path out = work.resolve("out");
    Run curate = cli(args("curate", out, shards));
    assertEquals(0, curate.exit(), curate.err());

    for (String pass : List.of("match", "count", "balance")) {
      Run unknown = cli(args(pass, out, shards, "--set", "balance.nosuchKey=1"));
      assertEquals(Main.EXIT_CONFIG, unknown.exit(), pass + ": " + unknown.err());
      assertTrue(unknown.err().contains("balance.nosuchKey"), pass + ": " + unknown.err());
    }

    // Each pass finds its committed output made from other inputs or settings.
    Run match = cli(args("match", out, shards, "--set", "input.maxRecordBytes=4096"));
    Run balance = cli(args("balance", out, shards, "--set", "balance.oneTextPerImage=true"));
    try (Stream<Path> files = Files.list(shards)) {
      Files.delete(files.sorted().findFirst().orElseThrow());
    }
    Run rematch = cli(args("match", out, shards, "--overwrite"));
    assertEquals(0, rematch.exit(), rematch.err());
    Run count = cli(args("count", out, shards));
    for (Run conflict : List.of(match, count, balance)) {
      assertEquals(Main.EXIT_CONFIG, conflict.exit(), conflict.err());
      assertTrue(conflict.err().contains("--overwrite"), conflict.err());
      assertTrue(!conflict.err().contains("METACLIP_DEBUG"), conflict.err());
    }
  }
}
