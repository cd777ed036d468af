package org.metaclipspark.curation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Storage that fails: the S3 endpoint (s3proxy, its own process, started here) is killed the moment
 * pass 1's first task starts. The command must end with exit code 1 and a message that names the
 * {@code s3a://} object it could not read or write. Then the endpoint starts again on the same data
 * and the same command runs again: it resumes (pass 1 processes only the shards without a committed
 * file) and finishes with curated rows identical to an uninterrupted run.
 */
@Tag("spark")
class StorageFailureTest {
  /** The s3proxy process the listener kills; one test at a time uses it. */
  private static volatile Process endpoint;

  private static final AtomicBoolean KILLED = new AtomicBoolean();
  private static final String BUCKET = "metaclip-failing";

  /** Kills the endpoint when the first task of the run starts: pass 1 reads the first shard. */
  public static final class KillEndpointOnFirstTask extends SparkListener {
    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
      Process p = endpoint;
      if (p != null && KILLED.compareAndSet(false, true)) {
        p.destroyForcibly();
        try {
          p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Test
  void endpointDiesDuringPass1ThenTheSameCommandRunsAgain(@TempDir Path tmp) throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    Path lib = root.resolve(".ci/s3proxy/target/lib");
    Assumptions.assumeTrue(
        Files.isDirectory(lib), "s3proxy is not fetched (run .ci/s3proxy/run.sh once); skipping");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path data = tmp.resolve("s3proxy-data");
    Files.createDirectories(data);
    Path proxyConf = tmp.resolve("s3proxy.conf");
    Files.writeString(
        proxyConf,
        "s3proxy.endpoint=http://127.0.0.1:"
            + port
            + "\ns3proxy.authorization=none\njclouds.provider=filesystem\n"
            + "jclouds.filesystem.basedir="
            + data
            + "\n");
    String url = "http://127.0.0.1:" + port;
    endpoint = startS3proxy(lib, proxyConf, tmp.resolve("s3proxy-1.log"), url);
    try {
      HttpClient http = HttpClient.newHttpClient();
      put(http, url + "/" + BUCKET, new byte[0]);
      Path samples = root.resolve("samples");
      try (Stream<Path> shards = Files.list(samples.resolve("wat"))) {
        for (Path shard : shards.sorted().toList()) {
          put(http, url + "/" + BUCKET + "/wat/" + shard.getFileName(), Files.readAllBytes(shard));
        }
      }
      Path vocab = samples.resolve("vocab/wordnet31-synsets.json");
      Path conf = tmp.resolve("run.json");
      Path faultyConf = tmp.resolve("run-with-listener.json");
      Files.writeString(conf, runConf(url, null));
      Files.writeString(faultyConf, runConf(url, KillEndpointOnFirstTask.class.getName()));
      List<String> command =
          new ArrayList<>(
              List.of(
                  "curate",
                  "--conf",
                  conf.toString(),
                  "--master",
                  "local[2]",
                  "--input",
                  "s3a://" + BUCKET + "/wat/",
                  "--vocab",
                  vocab.toString(),
                  "--out",
                  "s3a://" + BUCKET + "/out"));
      List<String> failing = new ArrayList<>(command);
      failing.set(2, faultyConf.toString()); // the same command, plus the listener that kills

      Run broken = run(failing);
      assertTrue(KILLED.get(), "the endpoint was never stopped");
      assertEquals(1, broken.exit, "exit code while the endpoint is down; stderr:\n" + broken.err);
      assertTrue(
          broken.err.contains("s3a://" + BUCKET + "/"),
          "the message names no s3a:// object:\n" + broken.err);
      System.out.println("StorageFailureTest: the failed run said:\n" + firstLines(broken.err, 4));

      endpoint = startS3proxy(lib, proxyConf, tmp.resolve("s3proxy-2.log"), url);
      Run again = run(command);
      assertEquals(0, again.exit, "the same command after the endpoint came back:\n" + again.err);
      List<String> resumed = curatedRows(data.resolve(BUCKET).resolve("out/curated/t3-seed0"));

      List<String> uninterrupted = new ArrayList<>(command);
      uninterrupted.set(
          uninterrupted.indexOf("s3a://" + BUCKET + "/out"), "s3a://" + BUCKET + "/clean");
      Run clean = run(uninterrupted);
      assertEquals(0, clean.exit, "uninterrupted run:\n" + clean.err);
      List<String> reference = curatedRows(data.resolve(BUCKET).resolve("clean/curated/t3-seed0"));
      assertTrue(reference.size() > 50, "curated rows: " + reference.size());
      assertEquals(reference, resumed);
    } finally {
      Process p = endpoint;
      if (p != null) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      endpoint = null;
    }
  }

  private record Run(int exit, String err) {}

  private static Run run(List<String> args) {
    CommandLine cli = Main.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args.toArray(String[]::new));
    return new Run(exit, err.toString());
  }

  /** The curated rows, read from s3proxy's files (each object is a file there). */
  private static List<String> curatedRows(Path dir) {
    SparkSession spark = SparkSession.builder().master("local[1]").appName("read").getOrCreate();
    try {
      List<String> rows = new ArrayList<>();
      spark.read().parquet(dir.toString()).collectAsList().forEach(r -> rows.add(r.mkString("|")));
      rows.sort(null);
      return rows;
    } finally {
      spark.stop();
    }
  }

  /**
   * The run's conf file: the sample t and seed, few input retries, and s3a settings that fail fast
   * while the endpoint is down instead of retrying for minutes; {@code listener} is added as a
   * Spark listener when not null.
   */
  private static String runConf(String url, String listener) {
    StringBuilder s3a = new StringBuilder();
    String[][] settings = {
      {"spark.hadoop.fs.s3a.endpoint", url},
      {"spark.hadoop.fs.s3a.endpoint.region", "us-east-1"},
      {"spark.hadoop.fs.s3a.path.style.access", "true"},
      {"spark.hadoop.fs.s3a.connection.ssl.enabled", "false"},
      {
        "spark.hadoop.fs.s3a.aws.credentials.provider",
        "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider"
      },
      {"spark.hadoop.fs.s3a.change.detection.mode", "none"},
      {"spark.hadoop.fs.s3a.retry.limit", "1"},
      {"spark.hadoop.fs.s3a.retry.interval", "10ms"},
      {"spark.hadoop.fs.s3a.attempts.maximum", "1"},
      {"spark.hadoop.fs.s3a.connection.establish.timeout", "2s"},
      {"spark.ui.enabled", "false"}
    };
    for (String[] kv : settings) {
      s3a.append(s3a.length() == 0 ? "" : ", ")
          .append('"')
          .append(kv[0])
          .append("\": \"")
          .append(kv[1])
          .append('"');
    }
    if (listener != null) {
      s3a.append(", \"spark.extraListeners\": \"").append(listener).append('"');
    }
    return "{\"input\": {\"retries\": 1, \"retryBackoffMs\": 10},"
        + " \"balance\": {\"t\": 3, \"seed\": 0},"
        + " \"spark\": {\"shufflePartitions\": 4, \"conf\": {"
        + s3a
        + "}}}";
  }

  private static Process startS3proxy(Path lib, Path conf, Path log, String url)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "java", "-cp", lib + "/*", "org.gaul.s3proxy.Main", "--properties", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; i < 120; i++) {
      try {
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/")).build(),
            HttpResponse.BodyHandlers.discarding());
        return p;
      } catch (IOException e) {
        Thread.sleep(500);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("s3proxy did not start; see " + log);
  }

  private static void put(HttpClient http, String url, byte[] body)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), "PUT " + url + ": " + r.body());
  }

  private static String firstLines(String text, int n) {
    return String.join("\n", text.lines().limit(n).toList());
  }
}
