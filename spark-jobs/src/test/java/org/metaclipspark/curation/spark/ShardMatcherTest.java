package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.testsupport.SharedData;
import org.metaclipspark.curation.wat.WatReaderOptions;

/**
 * Retries of pass 1 change nothing: with every match task failing on its first attempt after its
 * rows were written, the files and the accounting equal a clean run's. An I/O failure on the last
 * attempt is reported with what was read, not thrown.
 */
@Tag("spark")
class ShardMatcherTest {
  private static final Path ROOT = Path.of("..");
  private static final Path VOCAB = ROOT.resolve("samples/vocab/wordnet31-synsets.json");

  /**
   * The reader fills a 256 KiB input buffer before it decodes, so a read failure inside the first
   * fill loses the whole shard; the failure test needs a shard several fills long.
   */
  private static final long FAILURE_TEST_BYTES = 1 << 20;

  /** The shared Common Crawl-format shards if present, else the bundled samples. */
  private static Path shardDir() {
    return SharedData.present() ? SharedData.watDir() : ROOT.resolve("samples/wat");
  }

  /**
   * The first shard of {@link #shardDir()}, or, when it is shorter than {@link #FAILURE_TEST_BYTES}
   * (the bundled samples are 26 KB), that shard repeated into one shard in {@code dir} (gzip
   * members concatenate).
   */
  private static Path shardForFailureTest(Path dir) throws IOException {
    Path first;
    try (Stream<Path> files = Files.list(shardDir())) {
      first = files.filter(p -> p.toString().endsWith(".wat.gz")).sorted().findFirst().get();
    }
    long size = Files.size(first);
    if (size >= FAILURE_TEST_BYTES) {
      return first;
    }
    Path repeated = dir.resolve("repeated.warc.wat.gz");
    byte[] bytes = Files.readAllBytes(first);
    try (OutputStream out = Files.newOutputStream(repeated)) {
      for (long written = 0; written < FAILURE_TEST_BYTES; written += size) {
        out.write(bytes);
      }
    }
    return repeated;
  }

  private static CurationConfig config(Path out, String master, String faults) {
    CurationConfig.Builder b =
        CurationConfig.builder()
            .set("input.paths", shardDir().toString(), "test")
            .set("metadata.path", VOCAB.toString(), "test")
            .set("output.dir", out.toString(), "test")
            .set("spark.master", master, "test");
    if (faults != null) {
      b.set("faults.failFirstAttempt", faults, "test");
    }
    return b.build();
  }

  @Test
  @Timeout(600)
  void everyMatchTaskFailingOnItsFirstAttemptChangesNoRowAndNoCount(@TempDir Path dir)
      throws Exception {
    Path clean = dir.resolve("clean");
    Path retried = dir.resolve("retried");
    CurationConfig cleanConfig = config(clean, "local[2]", null);
    SparkSession spark = SparkSessions.create(cleanConfig, "test");
    try {
      MatchJob.run(spark, cleanConfig);
    } finally {
      spark.stop();
    }
    CurationConfig faulty = config(retried, "local[2,4]", "match:*");
    spark = SparkSessions.create(faulty, "test");
    AtomicInteger failedTasks = new AtomicInteger();
    AtomicInteger injected = new AtomicInteger();
    spark
        .sparkContext()
        .addSparkListener(
            new SparkListener() {
              @Override
              public void onTaskEnd(SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful()) {
                  failedTasks.incrementAndGet();
                  if (end.reason().toString().contains("injected fault")) {
                    injected.incrementAndGet();
                  }
                }
              }
            });
    MatchJob.MatchResult result;
    try {
      result = MatchJob.run(spark, faulty);
      spark.sparkContext().listenerBus().waitUntilEmpty(60_000);
    } finally {
      spark.stop();
    }
    int shards = result.shards();
    assertEquals(shards, failedTasks.get(), "every task failed once");
    assertEquals(shards, injected.get(), "by the injected fault");
    Map<String, List<String>> expected = MatchOutputs.rows(clean);
    assertEquals(shards, expected.size());
    assertTrue(expected.values().stream().mapToInt(List::size).sum() > 100, "rows were written");
    assertEquals(expected, MatchOutputs.rows(retried), "rows after retries");
    assertEquals(
        MatchOutputs.accounting(clean),
        MatchOutputs.accounting(retried),
        "accounting after retries");
    assertFalse(Files.exists(retried.resolve("matches/_attempts")), "no attempt left behind");
    assertEquals(0, result.resumedShards());
    String matches = retried.resolve("matches").toString();
    MatchManifest manifest =
        Manifest.read(new Configuration(), matches, "match", MatchManifest.class);
    assertEquals(shards, manifest.perShard().size());
    assertEquals(result.pairsMatched(), manifest.totals().pairsMatched());
    assertEquals(result.pairsMatched(), (long) manifest.rowCounts().get("matches"));
  }

  @Test
  @Timeout(300)
  void anIoFailureOnTheLastAttemptIsReportedAndWhatWasReadIsCommitted(@TempDir Path dir)
      throws IOException {
    Path shard = shardForFailureTest(dir);
    Metadata metadata;
    try (InputStream in = Files.newInputStream(VOCAB)) {
      metadata = Metadata.load(in, VOCAB.toString());
    }
    SubstringMatcher matcher = SubstringMatcher.compile(metadata);
    CurationConfig none = CurationConfig.builder().build();
    ShardMatcher.Settings settings =
        new ShardMatcher.Settings(
            dir.resolve("clean").toUri().toString(),
            WatReaderOptions.defaults(),
            FaultInjector.of(none),
            1,
            "snappy");
    String name = shard.toUri().toString();
    ShardMatcher.Outcome clean =
        ShardMatcher.run(
            name,
            0,
            new Configuration(),
            ShardMatcher.Matching.english(matcher),
            settings,
            ShardProgress.none());

    Configuration failing = new Configuration();
    failing.setInt(ShardStreams.RETRIES, 0); // the failure must reach the reader, not be retried
    failing.set("fs.file.impl", FailingFileSystem.class.getName());
    failing.setBoolean("fs.file.impl.disable.cache", true);
    failing.setLong(FailingFileSystem.LIMIT, Files.size(shard) / 2);
    ShardMatcher.Settings lastAttempt =
        new ShardMatcher.Settings(
            dir.resolve("failed").toUri().toString(),
            WatReaderOptions.defaults(),
            FaultInjector.of(none),
            1,
            "snappy");
    // Outside a Spark task every attempt is the last one: the failure must be reported.
    ShardMatcher.Outcome failed =
        ShardMatcher.run(
            name,
            0,
            failing,
            ShardMatcher.Matching.english(matcher),
            lastAttempt,
            ShardProgress.none());

    ShardReport r = failed.report();
    assertEquals(Map.of(ShardReport.SHARD_FAILED, 1L), onlyShardSkips(r), r.skipped().toString());
    assertTrue(
        r.problems().get(0).contains("failed on the last attempt")
            && r.problems().get(0).contains("injected read failure"),
        r.problems().toString());
    long all = clean.report().pairsMatched();
    assertTrue(r.pairsMatched() > 0 && r.pairsMatched() < all, r.pairsMatched() + " of " + all);
    Path file = dir.resolve("failed").resolve(ShardFiles.fileName(0));
    List<String> rows = MatchOutputs.rowsOf(file);
    List<String> cleanRows =
        MatchOutputs.rowsOf(dir.resolve("clean").resolve(ShardFiles.fileName(0)));
    assertEquals(cleanRows.subList(0, rows.size()), rows, "the rows read before the failure");
    assertEquals(r.pairsMatched(), rows.size());
    assertEquals(r, ShardFiles.readReport(new org.apache.hadoop.fs.Path(file.toUri()), failing));
    assertEquals(r.pairs(), r.pairsMatched() + r.pairsUnmatched());
  }

  private static Map<String, Long> onlyShardSkips(ShardReport r) {
    Map<String, Long> out = new java.util.TreeMap<>();
    r.skipped()
        .forEach(
            (k, v) -> {
              if (k.startsWith("shard.")) {
                out.put(k, v);
              }
            });
    return out;
  }

  /** The local file system, but reading a shard fails after a set number of bytes. */
  public static final class FailingFileSystem extends LocalFileSystem {
    static final String LIMIT = "test.failing.limit";

    @Override
    public FSDataInputStream open(org.apache.hadoop.fs.Path f, int bufferSize) throws IOException {
      FSDataInputStream in = super.open(f, bufferSize);
      if (!f.getName().endsWith(".wat.gz")) {
        return in;
      }
      long limit = getConf().getLong(LIMIT, Long.MAX_VALUE);
      return new FSDataInputStream(
          new FSInputStream() {
            private long read;

            @Override
            public int read() throws IOException {
              check();
              int b = in.read();
              read += b < 0 ? 0 : 1;
              return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
              check();
              int n = in.read(b, off, (int) Math.min(len, Math.max(1, limit - read)));
              read += Math.max(n, 0);
              return n;
            }

            private void check() throws IOException {
              if (read >= limit) {
                throw new IOException("injected read failure after " + read + " bytes");
              }
            }

            @Override
            public void seek(long pos) throws IOException {
              in.seek(pos);
            }

            @Override
            public long getPos() throws IOException {
              return in.getPos();
            }

            @Override
            public boolean seekToNewSource(long targetPos) {
              return false;
            }

            @Override
            public void close() throws IOException {
              in.close();
            }
          });
    }
  }
}
