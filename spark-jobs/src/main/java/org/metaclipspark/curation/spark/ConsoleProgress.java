package org.metaclipspark.curation.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.sql.SparkSession;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Progress lines on the driver console, from a {@link SparkListener}, so it works on every master.
 * For pass 1's stage (the one whose tasks add to {@link ShardProgress}'s counters): shards done of
 * total, records, pairs, matched pairs, MB/s (compressed bytes read), pairs/s and an ETA from the
 * shards done so far. For any other stage that runs longer than one interval: tasks done of total
 * and an ETA. Finished tasks count through their accumulator updates, running ones through the
 * values in the executor heartbeats ({@code spark.executor.heartbeatInterval}); a failed attempt's
 * values are dropped. When pass 1's stage completes, a last line gives its totals, which equal the
 * pass's summary.
 *
 * <p>In a terminal the line is redrawn in place; otherwise (a log file, a pipe) one plain line per
 * interval. Thread-safe: listener events and the printer thread share state under this object's
 * lock.
 */
public final class ConsoleProgress extends SparkListener {
  /** Whether a terminal line is on screen without its newline, for {@link Progress#say}. */
  private static final AtomicBoolean PENDING = new AtomicBoolean();

  private final PrintStream out;
  private final boolean terminal;
  private final long intervalNanos;
  private final ScheduledExecutorService printer;
  private final Map<Integer, Stage> stages = new TreeMap<>();

  /** The state of one running stage. */
  private static final class Stage {
    final int id;
    final String name;
    final int tasks;
    final long startNanos = System.nanoTime();
    final Set<Long> running = new HashSet<>();
    final Map<String, Long> completed = new HashMap<>();
    final Map<Long, Map<String, Long>> inFlight = new HashMap<>();
    int done;
    boolean shards;

    Stage(StageInfo info) {
      id = info.stageId();
      name = info.name();
      tasks = info.numTasks();
    }

    long value(String name) {
      long v = completed.getOrDefault(name, 0L);
      for (Map<String, Long> task : inFlight.values()) {
        v += task.getOrDefault(name, 0L);
      }
      return v;
    }
  }

  private ConsoleProgress(double intervalSeconds, PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
    this.intervalNanos = (long) (intervalSeconds * 1e9);
    this.printer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "metaclip-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Prints progress of {@code spark}'s stages every {@code intervalSeconds} to {@code out}; {@code
   * terminal} redraws one line in place. Stops when the application ends.
   */
  public static ConsoleProgress install(
      SparkSession spark, double intervalSeconds, PrintStream out, boolean terminal) {
    ConsoleProgress progress = new ConsoleProgress(intervalSeconds, out, terminal);
    spark.sparkContext().addSparkListener(progress);
    long micros = Math.max(1, progress.intervalNanos / 1000);
    progress.printer.scheduleAtFixedRate(progress::tick, micros, micros, TimeUnit.MICROSECONDS);
    return progress;
  }

  /** Whether stderr looks like a terminal: the JVM has a console. */
  static boolean terminal() {
    return System.console() != null;
  }

  /** Clears a progress line that is on screen, so that another message starts on a clean line. */
  static void clearLine(PrintStream stream) {
    if (PENDING.getAndSet(false)) {
      stream.print("\r\033[K");
    }
  }

  @Override
  public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
    stages.put(event.stageInfo().stageId(), new Stage(event.stageInfo()));
  }

  @Override
  public synchronized void onTaskStart(SparkListenerTaskStart event) {
    Stage stage = stages.get(event.stageId());
    if (stage != null) {
      stage.running.add(event.taskInfo().taskId());
    }
  }

  @Override
  public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
    Stage stage = stages.get(event.stageId());
    if (stage == null) {
      return;
    }
    long task = event.taskInfo().taskId();
    stage.running.remove(task);
    stage.inFlight.remove(task);
    if (event.taskInfo().successful()) {
      stage.done++;
      for (AccumulableInfo info : CollectionConverters.asJava(event.taskInfo().accumulables())) {
        Long update = progressValue(info);
        if (update != null) {
          stage.completed.merge(info.name().get(), update, Long::sum);
          stage.shards = true;
        }
      }
    }
  }

  @Override
  public synchronized void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate event) {
    for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> update :
        CollectionConverters.asJava(event.accumUpdates())) {
      Stage stage = stages.get((Integer) update._2());
      long task = (Long) update._1();
      if (stage == null || !stage.running.contains(task)) {
        continue; // a heartbeat that arrived after its task ended
      }
      Map<String, Long> values = new HashMap<>();
      for (AccumulableInfo info : CollectionConverters.asJava(update._4())) {
        Long value = progressValue(info);
        if (value != null) {
          values.put(info.name().get(), value);
        }
      }
      if (!values.isEmpty()) {
        stage.inFlight.put(task, values);
        stage.shards = true;
      }
    }
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
    Stage stage = stages.remove(event.stageInfo().stageId());
    if (stage != null && stage.shards) {
      print(line(stage, true), true);
    }
  }

  @Override
  public void onApplicationEnd(SparkListenerApplicationEnd event) {
    printer.shutdownNow();
  }

  private static Long progressValue(AccumulableInfo info) {
    if (info.name().isDefined()
        && info.name().get().startsWith(ShardProgress.PREFIX)
        && info.update().isDefined()
        && info.update().get() instanceof Number n) {
      return n.longValue();
    }
    return null;
  }

  private synchronized void tick() {
    List<String> parts = new ArrayList<>();
    long now = System.nanoTime();
    for (Stage stage : stages.values()) {
      if (stage.shards || now - stage.startNanos >= intervalNanos) {
        parts.add(line(stage, false));
      }
    }
    if (!parts.isEmpty()) {
      print(String.join(" | ", parts), false);
    }
  }

  private void print(String line, boolean last) {
    if (terminal) {
      out.print("\r\033[K" + line + (last ? "\n" : ""));
      PENDING.set(!last);
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** One stage's progress line; the last one of pass 1 gives its totals. */
  static String line(
      int done,
      int total,
      boolean shards,
      String name,
      long bytes,
      long records,
      long pairs,
      long matched,
      double seconds,
      boolean last) {
    StringBuilder s = new StringBuilder();
    if (shards) {
      s.append(last ? "pass 1 done: " : "pass 1: ")
          .append(String.format(Locale.ROOT, "%,d/%,d shards", done, total))
          .append(String.format(Locale.ROOT, ", %,d records, %,d pairs", records, pairs))
          .append(String.format(Locale.ROOT, ", %,d matched", matched))
          .append(String.format(Locale.ROOT, ", %.1f MB/s", bytes / 1e6 / Math.max(seconds, 1e-3)))
          .append(String.format(Locale.ROOT, ", %,.0f pairs/s", pairs / Math.max(seconds, 1e-3)));
    } else {
      s.append(String.format(Locale.ROOT, "stage %s: %,d/%,d tasks", name, done, total));
    }
    if (last) {
      s.append(String.format(Locale.ROOT, ", in %.1f s", seconds));
    } else {
      s.append(", ETA ").append(eta(done, total, seconds));
    }
    return s.toString();
  }

  private static String line(Stage stage, boolean last) {
    return line(
        stage.done,
        stage.tasks,
        stage.shards,
        stage.id + " (" + stage.name + ")",
        stage.value(ShardProgress.BYTES),
        stage.value(ShardProgress.RECORDS),
        stage.value(ShardProgress.PAIRS),
        stage.value(ShardProgress.MATCHED),
        (System.nanoTime() - stage.startNanos) / 1e9,
        last);
  }

  /** The time left if the remaining tasks take as long as the finished ones did. */
  static String eta(int done, int total, double seconds) {
    if (done == 0) {
      return "unknown";
    }
    long left = Math.round(seconds * (total - done) / done);
    return left >= 3600
        ? String.format(Locale.ROOT, "%dh%02dm", left / 3600, left % 3600 / 60)
        : String.format(Locale.ROOT, "%dm%02ds", left / 60, left % 60);
  }
}
