package org.metaclipspark.curation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line behaves the same in every subcommand: {@code --help} lists {@code --conf} and
 * {@code --set}, a usage or config error exits 2 with a message that names keys and flags (never
 * Java), a failed run exits 1, and {@code config} shows where each value came from.
 */
class CliContractTest {
  @TempDir Path dir;

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

  private static final Set<String> SUBCOMMANDS =
      Set.of(
          "curate",
          "match",
          "count",
          "balance",
          "report",
          "config",
          "sizes",
          "match-text",
          "lid-text",
          "extract",
          "metadata",
          "help");

  @Test
  void everySubcommandIsListedAndTakesConfAndSet() {
    assertEquals(SUBCOMMANDS, new CommandLine(new Main()).getSubcommands().keySet());
    String top = run("--help").out();
    for (String sub : SUBCOMMANDS) {
      assertTrue(top.contains("  " + sub), "metaclip-spark --help lacks " + sub + ":\n" + top);
      if (sub.equals("help")) {
        continue;
      }
      // metadata is a group: its four subcommands are the ones that read the config.
      List<String[]> commands =
          sub.equals("metadata")
              ? List.of(
                  new String[] {sub, "wordnet"},
                  new String[] {sub, "ngrams"},
                  new String[] {sub, "titles"},
                  new String[] {sub, "build"})
              : List.<String[]>of(new String[] {sub});
      for (String[] command : commands) {
        String name = String.join(" ", command);
        if (name.equals("metadata wordnet")) {
          continue; // reads a dict directory only; it starts no Spark and reads no config
        }
        String[] args = java.util.Arrays.copyOf(command, command.length + 1);
        args[command.length] = "--help";
        Run r = run(args);
        assertEquals(0, r.exit(), name + " --help: " + r.err());
        assertTrue(r.out().startsWith("Usage: metaclip-spark " + name), r.out());
        assertTrue(
            r.out().contains("--conf=FILE") && r.out().contains("--set=KEY=VALUE"),
            name + " --help lacks --conf or --set:\n" + r.out());
        assertTrue(
            r.out().replaceAll("\\s+", " ").contains("repeatable, later files win"), r.out());
      }
    }
  }

  @Test
  void oneErrorOfEverySubcommandExitsTwoAndNamesWhatToFix() throws IOException {
    String d = dir.toString();
    Path vocab = Files.writeString(dir.resolve("vocab.json"), "[\"cat\"]");
    Path badConf = Files.writeString(dir.resolve("bad.json"), "{\"balance\": ");
    Map<List<String>, String> cases = new LinkedHashMap<>();
    cases.put(
        List.of("curate", "--out", d, "--input", d, "--vocab", d + "/nope.json", "--t", "5"),
        "'metadata.path' = '"
            + d
            + "/nope.json' (from --vocab) is not a readable file or directory");
    cases.put(
        List.of("match", "--out", d, "--vocab", vocab.toString()),
        "'input.paths' is not set; pass --input PATH");
    cases.put(List.of("count"), "'output.dir' is not set; pass --out DIR");
    cases.put(List.of("balance", "--out", d, "--t", "0"), "'balance.t' = 0 (from --t)");
    cases.put(List.of("report", "--conf", badConf.toString()), "conf file " + badConf);
    cases.put(
        List.of("config", "--set", "balance.tt=3"), "unknown config key 'balance.tt' (from --set)");
    cases.put(
        List.of("extract", d + "/missing.warc.wat.gz"),
        "input '" + d + "/missing.warc.wat.gz' does not exist");
    cases.put(
        List.of("extract", "--max-record-bytes", "10", d),
        "'input.maxRecordBytes' = 10 (from --max-record-bytes)");
    cases.put(List.of("match-text", "--input", "-"), "no vocabulary: pass --vocab FILE");
    cases.put(
        List.of("match-text", "--vocab", d + "/absent.json"),
        "the metadata " + d + "/absent.json does not exist; pass the vocabulary with --vocab");
    cases.put(
        List.of("lid-text", "--model", d + "/absent.ftz"),
        "the language-ID model "
            + d
            + "/absent.ftz (config key lid.model, from --model) does not"
            + " exist; run scripts/fetch-lid-model.sh");
    cases.put(List.of("help", "nope"), "nope");
    cases.put(List.of("balance", "--out", d, "--t", "many"), "'many' is not a long");
    for (Map.Entry<List<String>, String> c : cases.entrySet()) {
      Run r = run(c.getKey().toArray(String[]::new));
      String what = String.join(" ", c.getKey()) + ":\n" + r.err();
      assertEquals(Main.EXIT_CONFIG, r.exit(), what);
      assertTrue(r.err().contains(c.getValue()), what);
      assertFalse(
          r.err().matches("(?s).*(Exception|java\\.|\\bwith[A-Z]\\w*|\\w+\\.\\w+\\().*"),
          "a Java name in the message of " + what);
    }
  }

  @Test
  void aFailedRunExitsOne() throws IOException {
    Path vocab = Files.writeString(dir.resolve("vocab.json"), "[\"cat\"]");
    Path input = Files.writeString(dir.resolve("captions.jsonl"), "\"a cat\"\nnot json\n");
    Run r = run("match-text", "--vocab", vocab.toString(), "--input", input.toString());
    assertEquals(Main.EXIT_FAILED, r.exit(), r.err());
    assertTrue(r.err().contains("line 2 of " + input), r.err());
  }

  @Test
  void configPrintsTheEffectiveValueAndSourceOfEveryKey() throws IOException {
    Path first =
        Files.writeString(
            dir.resolve("first.json"),
            "{\"balance\": {\"t\": 10, \"seed\": 3}, \"spark\": {\"conf\": {\"spark.a\": \"x\"}}}");
    Path second = Files.writeString(dir.resolve("second.json"), "{\"balance\": {\"t\": 20}}");
    Run r =
        run(
            "config",
            "--conf",
            first.toString(),
            "--conf",
            second.toString(),
            "--set",
            "spark.conf.spark.executor.memory=8g",
            "--set",
            "output.format=jsonl",
            "--out",
            "/data/out");
    assertEquals(0, r.exit(), r.err());
    Map<String, List<String>> rows = new LinkedHashMap<>();
    assertTrue(r.out().startsWith("key "), r.out());
    for (String line : r.out().lines().skip(1).toList()) {
      String[] cells = line.split("\\s{2,}");
      assertEquals(3, cells.length, line);
      rows.put(cells[0], List.of(cells[1], cells[2]));
    }
    assertEquals(List.of("[20]", second.toString()), rows.get("balance.t"));
    assertEquals(List.of("3", first.toString()), rows.get("balance.seed"));
    assertEquals(List.of("\"jsonl\"", "--set"), rows.get("output.format"));
    assertEquals(List.of("\"/data/out\"", "--out"), rows.get("output.dir"));
    assertEquals(List.of("\"x\"", first.toString()), rows.get("spark.conf.spark.a"));
    assertEquals(List.of("\"8g\"", "--set"), rows.get("spark.conf.spark.executor.memory"));
    assertEquals(List.of("(unset)", "-"), rows.get("balance.p"));
    assertEquals(List.of("0", "default"), rows.get("spark.shufflePartitions"));
  }
}
