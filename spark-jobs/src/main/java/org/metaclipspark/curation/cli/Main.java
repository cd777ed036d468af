package org.metaclipspark.curation.cli;

import java.util.Map;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.spark.OutputConflictException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code scripts/metaclip-spark} and of the application jar for spark-submit. */
@Command(
    name = "metaclip-spark",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "MetaCLIP curation of Common Crawl WAT or WARC shards on Apache Spark.",
    subcommands = {
      CurateCommand.class,
      MatchCommand.class,
      CountCommand.class,
      BalanceCommand.class,
      ReportCommand.class,
      ConfigCommand.class,
      SizesCommand.class,
      MatchTextCommand.class,
      LidTextCommand.class,
      ExtractCommand.class,
      MetadataCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  /** Exit code for a usage or config error, or an output the command may not reuse or replace. */
  static final int EXIT_CONFIG = 2;

  /** Exit code for a run that failed. */
  static final int EXIT_FAILED = 1;

  /**
   * The one table of exit codes, by failure family, the same in every pass: a failure of none of
   * these families is a failed run, {@link #EXIT_FAILED}. Both families here are fixed in the
   * command (a key, a flag, {@code --overwrite} or another {@code --out}), so their message is the
   * whole story and no stack trace is offered.
   */
  private static final Map<Class<? extends RuntimeException>, Integer> EXIT_CODES =
      Map.of(ConfigException.class, EXIT_CONFIG, OutputConflictException.class, EXIT_CONFIG);

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The command line with its error handling: {@link #exitCode} of each failure. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          int exit = exitCode(e);
          if (exit != EXIT_FAILED) {
            commandLine.getErr().println("error: " + e.getMessage());
            return exit;
          }
          commandLine.getErr().println("error: " + describe(e));
          if (System.getenv("METACLIP_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          } else {
            commandLine.getErr().println("(set METACLIP_DEBUG=1 for the stack trace)");
          }
          return EXIT_FAILED;
        });
    return cli;
  }

  /** The exit code of a command that failed with {@code e}, from {@link #EXIT_CODES}. */
  static int exitCode(Throwable e) {
    for (Map.Entry<Class<? extends RuntimeException>, Integer> family : EXIT_CODES.entrySet()) {
      if (family.getKey().isInstance(e)) {
        return family.getValue();
      }
    }
    return EXIT_FAILED;
  }

  private static String describe(Throwable e) {
    StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
      if (c.getMessage() != null && !s.toString().contains(c.getMessage())) {
        s.append("\n  caused by: ").append(c.getMessage());
      }
    }
    return s.toString();
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"metaclip-spark " + (v == null ? "(development build)" : v)};
    }
  }
}
