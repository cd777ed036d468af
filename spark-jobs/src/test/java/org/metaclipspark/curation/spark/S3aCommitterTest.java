package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * Outputs on {@code s3a://} go through the S3A magic committer, and a task attempt that failed
 * after writing its files leaves none of them behind: with {@code faults.failFirstAttempt} on every
 * count and balance task ({@code local[2,2]}, so Spark retries each once), the bucket ends up
 * holding, in each output directory, exactly the files the committer's {@code _SUCCESS} lists, plus
 * the manifest; no {@code __magic} or {@code _temporary} object; and curated rows equal to a
 * fault-free run on local disk. Two caps ({@code --t 3,5}) take the object-store path of pass 3,
 * where each set is written straight to its own directory. Needs {@code METACLIP_TEST_S3_ENDPOINT}
 * (set by {@code .ci/run}).
 */
@Tag("spark")
class S3aCommitterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "metaclip-commit-" + Long.toHexString(System.nanoTime());

  @Test
  void failedAttemptsLeaveNoFilesInCommittedOutputs(@TempDir Path local) throws Exception {
    String endpoint = System.getenv("METACLIP_TEST_S3_ENDPOINT");
    Assumptions.assumeTrue(
        endpoint != null && !endpoint.isBlank(),
        "METACLIP_TEST_S3_ENDPOINT is not set (start .ci/s3proxy/run.sh); skipping");
    Path samples = Path.of("..", "samples");
    String vocab = samples.resolve("vocab/wordnet31-synsets.json").toAbsolutePath().toString();
    String shards = samples.resolve("wat").toAbsolutePath().toString();
    try (LoopbackS3 s3 = new LoopbackS3(endpoint, null, null)) {
      s3.createBucket(BUCKET);
      Map<String, String> s3a = s3.s3aSettings();
      s3a.put(
          "spark.hadoop.fs.s3a.aws.credentials.provider",
          "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider");
      s3a.forEach(System::setProperty);
      List<String> remote;
      AtomicInteger injected = new AtomicInteger();
      try {
        remote =
            curate(
                shards,
                vocab,
                "s3a://" + BUCKET + "/out",
                "local[2,2]",
                "count:*,balance:*",
                injected,
                "3,5");
      } finally {
        s3a.keySet().forEach(System::clearProperty);
      }
      List<String> reference = curate(shards, vocab, local.toString(), "local[2]", "", null, "3");
      assertTrue(injected.get() >= 3, "injected task failures seen: " + injected.get());
      assertTrue(remote.size() > 50, "curated rows: " + remote.size());
      assertEquals(reference, remote);

      List<String> keys = s3.keys(BUCKET, "out/");
      List<String> leftovers =
          keys.stream().filter(k -> k.contains("__magic") || k.contains("_temporary")).toList();
      assertEquals(List.of(), leftovers, "uncommitted objects in the bucket: " + keys);
      for (String dir :
          List.of("out/distinct_pairs/", "out/entry_counts/", "out/draw_index/seed0/pairs/")) {
        JsonNode success = JSON.readTree(s3.get(BUCKET, dir + "_SUCCESS"));
        assertEquals("magic", success.path("committer").asText(), dir + "_SUCCESS: " + success);
        // Nothing is renamed on an object store, so _SUCCESS names each file at its final key.
        TreeSet<String> committed = new TreeSet<>();
        success.path("filenames").forEach(f -> committed.add(f.asText()));
        TreeSet<String> present = new TreeSet<>();
        for (String k : keys) {
          String name = k.startsWith(dir) ? k.substring(dir.length()) : "/";
          if (!name.isEmpty() && !name.contains("/") && !name.startsWith("_")) { // not a marker
            present.add("/" + k); // _SUCCESS names a file by its path in the bucket
          }
        }
        assertTrue(!committed.isEmpty(), dir + ": _SUCCESS lists no files");
        assertEquals(committed, present, dir + ": objects vs the files the committer committed");
      }
      // The curated sets are selected from the draw index by tasks that write each file under a
      // name derived from its index file (the whole row groups, and "edge-" for the decoded ones);
      // an object appears only when its upload completes, and a retry rewrites the same names. So
      // a set holds exactly those names, once each, though every first attempt failed after
      // writing its files. (Checked once: with the attempt number in the names, the rows above
      // already differed from the reference, by the failed attempts' copies.)
      TreeSet<String> indexFiles = new TreeSet<>();
      for (String k : keys) {
        String name = k.substring(k.lastIndexOf('/') + 1);
        if (k.startsWith("out/draw_index/seed0/pairs/") && !name.startsWith("_")) {
          indexFiles.add(name);
        }
      }
      assertTrue(!indexFiles.isEmpty(), "no index files in " + keys);
      for (String dir : List.of("out/curated/t3-seed0/", "out/curated/t5-seed0/")) {
        List<String> names =
            keys.stream()
                .filter(k -> k.startsWith(dir))
                .map(k -> k.substring(dir.length()))
                .filter(n -> !n.startsWith("_"))
                .toList();
        assertTrue(!names.isEmpty(), dir + " holds no data file: " + keys);
        assertEquals(new TreeSet<>(names).size(), names.size(), dir + ": a name twice: " + names);
        for (String n : names) {
          String base = n.startsWith("edge-") ? n.substring("edge-".length()) : n;
          assertTrue(indexFiles.contains(base), dir + n + " is not named after an index file");
        }
        assertTrue(keys.contains(dir + "_manifest.json"), dir + " has no manifest: " + keys);
      }
    }
  }

  /**
   * Runs curate and returns the curated rows; counts the injected task failures in {@code
   * injected}.
   */
  private static List<String> curate(
      String input,
      String vocab,
      String out,
      String master,
      String faults,
      AtomicInteger injected,
      String caps)
      throws Exception {
    CurationConfig.Builder builder =
        CurationConfig.builder()
            .confFile(Path.of("..", "conf", "local.json"))
            .set("input.paths", input, "test")
            .set("metadata.path", vocab, "test")
            .set("output.dir", out, "test")
            .set("output.overwrite", "true", "test")
            .set("spark.master", master, "test")
            .set("balance.t", caps, "test");
    if (!faults.isEmpty()) {
      builder.set("faults.failFirstAttempt", faults, "test");
    }
    CurationConfig config = builder.build();
    SparkSession spark = SparkSessions.create(config, "test");
    try {
      if (injected != null) {
        spark
            .sparkContext()
            .addSparkListener(
                new SparkListener() {
                  @Override
                  public void onTaskEnd(SparkListenerTaskEnd end) {
                    if (end.reason() instanceof TaskFailedReason failed
                        && failed.toErrorString().contains("injected fault")) {
                      injected.incrementAndGet();
                    }
                  }
                });
      }
      CurateJob.CurateResult r = CurateJob.run(spark, config);
      return ClusterRows.curated(spark, r.balance().output()); // read back over s3a, or from disk
    } finally {
      spark.stop();
    }
  }
}
