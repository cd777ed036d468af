package org.metaclipspark.curation.spark;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** One-line progress messages on stderr, so long runs say what they are doing. */
public final class Progress {
  private Progress() {}

  /** Prints {@code [HH:MM:SS] message} to stderr. */
  public static void say(String format, Object... args) {
    ConsoleProgress.clearLine(System.err);
    System.err.println(
        "[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + String.format(format, args));
  }
}
