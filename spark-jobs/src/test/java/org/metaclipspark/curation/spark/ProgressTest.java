package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** {@link Progress}: every line carries an eight-character time stamp. */
class ProgressTest {
  /** {@code LocalTime.toString} printed {@code [22:29]} here, next to {@code [22:28:52]}. */
  @Test
  void onTheMinuteTheStampKeepsItsSeconds() {
    assertEquals("[22:29:00] count: done", Progress.line(LocalTime.of(22, 29), "count: done"));
  }

  @Test
  void fractionsOfASecondAreDroppedAndHoursArePadded() {
    assertEquals(
        "[07:05:09] balance: t=3",
        Progress.line(LocalTime.of(7, 5, 9, 999_999_999), "balance: t=3"));
    assertEquals("[00:00:00] x", Progress.line(LocalTime.MIDNIGHT, "x"));
  }
}
