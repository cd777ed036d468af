package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * The path users take, end to end on real components: {@code scripts/dev-cluster.sh up} starts a
 * standalone master, two workers and s3proxy (which here demands signed requests); the shared
 * shards go to a bucket; {@code scripts/submit.sh curate} runs against the master, reading {@code
 * s3a://} and writing every output to {@code s3a://} through the S3A magic committer; the curated
 * rows must equal a local-mode run's, exactly; {@code dev-cluster.sh down} stops it all. The s3a
 * secret key, given in the conf file, must appear in no log (driver, master, workers, executors,
 * s3proxy) and no output object. Runs in {@code mvn verify} (failsafe, after the jar is built).
 */
@Tag("cluster")
class DevClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUCKET = "metaclip-cluster";
  private static final long T = 20;
  private static final long SEED = 7;

  @Test
  void curateOnStandaloneClusterOverS3aEqualsLocalMode(@TempDir Path tmp) throws Exception {
    Path shared = SharedData.dir();
    Path root = Path.of(System.getProperty("project.root", ".."));
    Assumptions.assumeTrue(
        Files.isExecutable(root.resolve("scripts/dev-cluster.sh")),
        "scripts/dev-cluster.sh not found from project.root=" + root.toAbsolutePath());
    Path state = tmp.resolve("dev-cluster");
    String accessKey = "metaclip-it";
    String secret = "SECRET" + HexFormat.of().formatHex(randomBytes(12));
    Map<String, String> env = new HashMap<>();
    env.put("METACLIP_DEV_CLUSTER_DIR", state.toString());
    env.put("S3PROXY_IDENTITY", accessKey);
    env.put("S3PROXY_CREDENTIAL", secret);
    Map<String, Double> seconds = new LinkedHashMap<>();

    long start = System.nanoTime();
    Result up = run(root, env, tmp.resolve("up.log"), 600, "bash", "scripts/dev-cluster.sh", "up");
    try {
      assertEquals(0, up.code, "dev-cluster.sh up failed:\n" + up.output());
      Map<String, String> cluster = exports(up.stdout);
      seconds.put("dev-cluster.sh up", secondsSince(start));
      assertTrue(cluster.get("METACLIP_MASTER").matches("spark://127\\.0\\.0\\.1:\\d+"), up.stdout);
      String endpoint = cluster.get("METACLIP_S3_ENDPOINT");
      assertTrue(endpoint.matches("http://127\\.0\\.0\\.1:\\d+"), up.stdout);

      start = System.nanoTime();
      List<Path> shards;
      try (Stream<Path> files = Files.list(shared.resolve("data/wat"))) {
        shards = files.filter(p -> p.toString().endsWith(".wat.gz")).sorted().toList();
      }
      Path vocab = shared.resolve("data/vocab/metadata-500k.json");
      try (LoopbackS3 s3 = new LoopbackS3(endpoint, accessKey, secret)) {
        s3.createBucket(BUCKET);
        StringBuilder paths = new StringBuilder();
        for (Path shard : shards) {
          s3.upload(BUCKET, "crawl/wat/" + shard.getFileName(), shard);
          paths.append("crawl/wat/").append(shard.getFileName()).append('\n');
        }
        s3.upload(BUCKET, "crawl/wat.paths", paths.toString().getBytes(StandardCharsets.UTF_8));
        s3.upload(BUCKET, "metadata.json", vocab);
      }
      seconds.put("upload " + shards.size() + " shards + vocabulary", secondsSince(start));

      Map<String, String> sparkConf = new LoopbackS3(endpoint, null, null).s3aSettings();
      sparkConf.put(
          "spark.hadoop.fs.s3a.aws.credentials.provider",
          "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
      sparkConf.put("spark.hadoop.fs.s3a.access.key", accessKey);
      sparkConf.put("spark.hadoop.fs.s3a.secret.key", secret);
      Path conf = tmp.resolve("cluster.json");
      Files.writeString(
          conf,
          JSON.writeValueAsString(
              Map.of("spark", Map.of("shufflePartitions", 4, "conf", sparkConf))));

      start = System.nanoTime();
      Map<String, String> submitEnv = new HashMap<>(cluster);
      Result submit =
          run(
              root,
              submitEnv,
              tmp.resolve("driver.log"),
              900,
              "bash",
              "scripts/submit.sh",
              "--master",
              cluster.get("METACLIP_MASTER"),
              "--driver-memory",
              "1g",
              "--executor-memory",
              "1g",
              "--conf",
              "spark.ui.enabled=false",
              "curate",
              "--conf",
              conf.toString(),
              "--input",
              "s3a://" + BUCKET + "/crawl/wat.paths",
              "--input-prefix",
              "s3a://" + BUCKET + "/",
              "--vocab",
              "s3a://" + BUCKET + "/metadata.json",
              "--out",
              "s3a://" + BUCKET + "/out",
              "--t",
              Long.toString(T),
              "--seed",
              Long.toString(SEED));
      seconds.put("submit curate to the standalone master", secondsSince(start));
      assertEquals(0, submit.code, "submit.sh curate failed:\n" + submit.output());
      assertTrue(
          submit.output().contains("curated pairs"), "no summary in the driver output:\n" + submit);

      Path bucket = state.resolve("s3proxy/data").resolve(BUCKET);
      // Every Spark-written output went through the magic committer: its _SUCCESS is the
      // committer's JSON record, and the directory holds exactly the files it committed.
      String index = "out/draw_index/seed" + SEED + "/pairs";
      for (String dir : List.of("out/distinct_pairs", "out/entry_counts", index)) {
        JsonNode success = JSON.readTree(bucket.resolve(dir).resolve("_SUCCESS").toFile());
        assertEquals("magic", success.path("committer").asText(), dir + "/_SUCCESS: " + success);
        assertFalse(success.path("filenames").isEmpty(), dir + "/_SUCCESS lists no files");
      }
      // The curated set is selected from the draw index by tasks that name each file after its
      // index file ("edge-" for the decoded row groups); its manifest is the commit.
      Path set = bucket.resolve("out/curated/t" + T + "-seed" + SEED);
      assertTrue(Files.exists(set.resolve("_manifest.json")), set + " has no manifest");
      try (Stream<Path> files = Files.list(set);
          Stream<Path> indexFiles = Files.list(bucket.resolve(index))) {
        List<String> names =
            indexFiles
                .map(p -> p.getFileName().toString())
                .filter(n -> !n.startsWith("_"))
                .toList();
        for (String n :
            files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("_")).toList()) {
          String base = n.startsWith("edge-") ? n.substring("edge-".length()) : n;
          assertTrue(names.contains(base), set + "/" + n + " is not named after an index file");
        }
      }
      try (Stream<Path> all = Files.walk(bucket)) {
        List<String> leftovers =
            all.map(p -> bucket.relativize(p).toString())
                .filter(k -> k.contains("__magic") || k.contains("_temporary"))
                .toList();
        assertEquals(List.of(), leftovers, "committer leftovers in the bucket");
      }

      start = System.nanoTime();
      List<String> remote;
      List<String> local;
      SparkSession spark = localSession(shards, vocab, tmp.resolve("local"));
      try {
        remote =
            ClusterRows.curated(
                spark, bucket.resolve("out/curated/t" + T + "-seed" + SEED).toString());
        local =
            ClusterRows.curated(
                spark, tmp.resolve("local/curated/t" + T + "-seed" + SEED).toString());
      } finally {
        spark.stop();
      }
      seconds.put("the same curate in local mode", secondsSince(start));
      assertTrue(remote.size() > 1000, "curated rows on the cluster: " + remote.size());
      assertEquals(local.size(), remote.size(), "curated rows: local vs cluster");
      assertEquals(local, remote, "curated rows differ between local mode and the cluster");

      // The secret reached s3a (s3proxy refuses unsigned or wrongly signed requests) and nothing
      // else: no log line, no object. The logs checked must exist and hold INFO lines.
      List<Path> logs = new ArrayList<>();
      logs.add(tmp.resolve("driver.log"));
      try (Stream<Path> files = Files.walk(state)) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().equals("s3proxy.conf"))
            .forEach(logs::add);
      }
      assertTrue(
          logs.stream().anyMatch(p -> p.toString().matches(".*/worker-\\d/app-[^/]+/\\d+/stderr")),
          "no executor logs found under " + state + ": " + logs);
      assertTrue(
          Files.readString(tmp.resolve("driver.log")).contains(" INFO "), "driver log has no INFO");
      byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
      List<Path> leaks = new ArrayList<>();
      for (Path file : logs) {
        if (indexOf(Files.readAllBytes(file), needle) >= 0) {
          leaks.add(file);
        }
      }
      assertEquals(List.of(), leaks, "the s3a secret key appears in these files");
      System.out.printf(
          "DevClusterIT: %d log/output files checked for the secret, %,d curated rows equal%n",
          logs.size(), remote.size());
    } finally {
      start = System.nanoTime();
      Result down =
          run(root, env, tmp.resolve("down.log"), 120, "bash", "scripts/dev-cluster.sh", "down");
      seconds.put("dev-cluster.sh down", secondsSince(start));
      seconds.forEach((part, s) -> System.out.printf("DevClusterIT: %-45s %6.1f s%n", part, s));
      assertEquals(0, down.code, "dev-cluster.sh down failed:\n" + down.output());
      assertFalse(Files.exists(state.resolve("pids")), "dev-cluster.sh down left its PID file");
    }
  }

  private static SparkSession localSession(List<Path> shards, Path vocab, Path out) {
    CurationConfig config =
        CurationConfig.builder()
            .set(
                "input.paths",
                String.join(",", shards.stream().map(p -> p.toAbsolutePath().toString()).toList()),
                "test")
            .set("metadata.path", vocab.toAbsolutePath().toString(), "test")
            .set("output.dir", out.toString(), "test")
            .set("balance.t", Long.toString(T), "test")
            .set("balance.seed", Long.toString(SEED), "test")
            .set("spark.master", "local[2]", "test")
            .set("spark.shufflePartitions", "3", "test")
            .build();
    SparkSession spark = SparkSessions.create(config, "test");
    CurateJob.run(spark, config);
    return spark;
  }

  /** The {@code export NAME=value} lines of {@code dev-cluster.sh up}. */
  private static Map<String, String> exports(String stdout) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : stdout.split("\n")) {
      if (line.startsWith("export ") && line.contains("=")) {
        String kv = line.substring("export ".length());
        m.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    return m;
  }

  private record Result(int code, String stdout, Path log) {
    String output() {
      try {
        return stdout + Files.readString(log);
      } catch (IOException e) {
        return stdout + " (no log: " + e + ")";
      }
    }
  }

  /** Runs a command from the project root; stderr goes to {@code log}, bounded in time. */
  private static Result run(
      Path root, Map<String, String> env, Path log, long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Path stdout = Files.createTempFile(log.getParent(), "stdout", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
      return new Result(-1, Files.readString(stdout) + "\n(timed out)", log);
    }
    return new Result(p.exitValue(), Files.readString(stdout), log);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  private static double secondsSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
