package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * Retries change nothing: with {@code faults.failFirstAttempt = count:*,balance:*} every task of
 * passes 2 and 3 fails once on {@code local[2,4]}, and the outputs and statistics equal a clean
 * run's. Runs on the bundled samples.
 */
@Tag("spark")
class RetryTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static CurationConfig config(Path out, String faults) {
    CurationConfig.Builder b =
        CurationConfig.builder()
            .confFile(ROOT.resolve("conf/local.json"))
            .set("input.paths", ROOT.resolve("samples/wat").toString(), "test")
            .set(
                "metadata.path",
                ROOT.resolve("samples/vocab/wordnet31-synsets.json").toString(),
                "test")
            .set("output.dir", out.toString(), "test")
            .set("spark.master", "local[2,4]", "test")
            .set("balance.t", "3,6", "test");
    if (!faults.isEmpty()) {
      b.set("faults.failFirstAttempt", faults, "test");
    }
    return b.build();
  }

  @Test
  void everyCountAndBalanceTaskFailingOnceChangesNoOutputAndNoFigure(@TempDir Path work)
      throws Exception {
    Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();
    CurationConfig clean = config(work.resolve("clean"), "");
    SparkSession spark = SparkSessions.create(clean, "test");
    try {
      spark
          .sparkContext()
          .addSparkListener(
              new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                  if (end.reason() instanceof ExceptionFailure f
                      && f.description().contains("injected fault")) {
                    String pass = f.description().contains("count task") ? "count" : "balance";
                    injected.computeIfAbsent(pass, k -> new AtomicInteger()).incrementAndGet();
                  }
                }
              });
      CurateJob.CurateResult a = CurateJob.run(spark, clean);
      CurationConfig faulty = config(work.resolve("faulty"), "count:*,balance:*");
      CurateJob.CurateResult b = CurateJob.run(spark, faulty);
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertTrue(
          injected.getOrDefault("count", new AtomicInteger()).get() >= 3,
          "faults injected in every count stage: " + injected);
      assertTrue(
          injected.getOrDefault("balance", new AtomicInteger()).get() >= 1,
          "faults injected in balance: " + injected);
      assertEquals(a.count(), b.count(), "pass 2 statistics");
      assertEquals(a.balances().size(), b.balances().size());
      for (int i = 0; i < a.balances().size(); i++) {
        BalanceJob.BalanceResult x = a.balances().get(i);
        BalanceJob.BalanceResult y = b.balances().get(i);
        assertEquals(x.curatedPairs(), y.curatedPairs(), "curated pairs at t=" + x.t());
        assertEquals(x.headEntries(), y.headEntries());
        assertEquals(x.minHeadKeptOverT(), y.minHeadKeptOverT());
        assertEquals(x.medianHeadKeptOverT(), y.medianHeadKeptOverT());
        assertEquals(x.maxHeadKeptOverT(), y.maxHeadKeptOverT());
      }
      assertEquals(
          PassOutputs.read(spark, work.resolve("clean")),
          PassOutputs.read(spark, work.resolve("faulty")),
          "outputs of passes 2 and 3");
    } finally {
      spark.stop();
    }
  }
}
