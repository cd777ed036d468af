package org.metaclipspark.curation.spark;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * The per-task counting pattern of passes 2 and 3: a task sums into an array of its own while it
 * reads its rows, and adds the array to a shared {@link EntryCountAccumulator} once, when it
 * completes. A failed or interrupted attempt adds nothing, and Spark merges a result task's
 * accumulator updates once per partition, so a retry counts nothing twice.
 *
 * <p>Held by a UDF; each task works on its own deserialized copy, so the sums are the task's. Not
 * thread-safe: one task reads its rows on one thread.
 */
final class TaskTally implements Serializable {
  private static final long serialVersionUID = 1L;
  private final EntryCountAccumulator total;
  private final int slots;
  private final String stage;

  /** The task whose sums {@link #sums} holds. */
  private transient TaskContext task;

  private transient long[] sums;

  /**
   * A tally of {@code slots} sums per task into {@code total}, for the stage named {@code stage} in
   * messages.
   */
  TaskTally(EntryCountAccumulator total, int slots, String stage) {
    this.total = total;
    this.slots = slots;
    this.stage = stage;
  }

  /** The current task's sums, zero at its first call, added to the total when it completes. */
  long[] sums() {
    TaskContext current = TaskContext.get();
    if (current != task) {
      start(current);
    }
    return sums;
  }

  private void start(TaskContext current) {
    if (current == null) {
      throw new IllegalStateException(stage + " runs only inside a Spark task");
    }
    task = current;
    long[] taskSums = new long[slots];
    sums = taskSums;
    current.addTaskCompletionListener(
        (TaskCompletionListener)
            context -> {
              if (!context.isFailed() && !context.isInterrupted()) {
                total.add(taskSums);
              }
            });
  }
}
