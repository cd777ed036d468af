package org.metaclipspark.curation.spark;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** One-line progress messages on stderr, so long runs say what they are doing. */
public final class Progress {
  /**
   * The time stamp of every line, always eight characters: {@link LocalTime#toString} drops the
   * seconds on the minute ({@code [22:29]} next to {@code [22:28:52]}).
   */
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss");

  private Progress() {}

  /** Prints {@code [HH:mm:ss] message} to stderr. */
  public static void say(String format, Object... args) {
    ConsoleProgress.clearLine(System.err);
    System.err.println(line(LocalTime.now(), String.format(format, args)));
  }

  /** {@code [HH:mm:ss] message}, the line {@link #say} prints at {@code time}. */
  static String line(LocalTime time, String message) {
    return "[" + STAMP.format(time) + "] " + message;
  }
}
