package org.metaclipspark.curation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void helpWorksOnEverySubcommand() {
    for (String sub : new CommandLine(new Main()).getSubcommands().keySet()) {
      if (sub.equals("help")) {
        continue;
      }
      Run r = run(sub, "--help");
      assertEquals(0, r.exit(), sub + " --help: " + r.err());
      assertTrue(r.out().startsWith("Usage: metaclip-spark " + sub), sub + ": " + r.out());
    }
  }

  @Test
  void curateListsTheContractFlags() {
    String help = run("curate", "--help").out();
    for (String flag :
        new String[] {
          "--conf",
          "--set",
          "--master",
          "--input",
          "--vocab",
          "--out",
          "--t",
          "--p",
          "--seed",
          "--format"
        }) {
      assertTrue(help.contains(flag), "curate --help lacks " + flag);
    }
  }

  @Test
  void configErrorsExitWithTwoBeforeSparkStarts(@TempDir Path dir) {
    Run zero = run("balance", "--out", dir.toString(), "--t", "0");
    assertEquals(Main.EXIT_CONFIG, zero.exit());
    assertTrue(zero.err().contains("'balance.t' = 0 (from --t)"), zero.err());
    Run missing =
        run(
            "curate",
            "--out",
            dir.toString(),
            "--input",
            dir.toString(),
            "--vocab",
            dir.resolve("nope.json").toString(),
            "--t",
            "5");
    assertEquals(Main.EXIT_CONFIG, missing.exit());
    assertTrue(
        missing.err().contains("nope.json") && missing.err().contains("--vocab"), missing.err());
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Run r = run("curat");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("curat"), r.err());
  }
}
