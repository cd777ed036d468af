package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * All three passes against a real S3 endpoint (s3proxy on loopback, started by {@code .ci/run}
 * through {@code .ci/s3proxy/run.sh}): shards, a list file and the vocabulary are read over {@code
 * s3a://}, every output is written there, and the curated rows equal a local run's. Skips unless
 * {@code METACLIP_TEST_S3_ENDPOINT} names the endpoint.
 */
@Tag("spark")
class S3aTest {
  /** A new bucket per run, so the test can run again against the same endpoint. */
  private static final String BUCKET = "metaclip-test-" + Long.toHexString(System.nanoTime());

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void curateReadsAndWritesS3a(@TempDir Path local) throws Exception {
    String endpoint = System.getenv("METACLIP_TEST_S3_ENDPOINT");
    Assumptions.assumeTrue(
        endpoint != null && !endpoint.isBlank(),
        "METACLIP_TEST_S3_ENDPOINT is not set (start .ci/s3proxy/run.sh); skipping the s3a test");
    put(endpoint + "/" + BUCKET, new byte[0]);
    Path samples = Path.of("..", "samples");
    StringBuilder list = new StringBuilder("# shards of the sample crawl\n");
    try (Stream<Path> shards = Files.list(samples.resolve("wat"))) {
      for (Path shard : shards.sorted().toList()) {
        put(
            endpoint + "/" + BUCKET + "/crawl/wat/" + shard.getFileName(),
            Files.readAllBytes(shard));
        list.append("crawl/wat/").append(shard.getFileName()).append('\n');
      }
    }
    put(endpoint + "/" + BUCKET + "/crawl/wat.paths", list.toString().getBytes());
    put(
        endpoint + "/" + BUCKET + "/vocab.json",
        Files.readAllBytes(samples.resolve("vocab/wordnet31-synsets.json")));

    Map<String, String> s3a =
        Map.of(
            "spark.hadoop.fs.s3a.endpoint", endpoint,
            "spark.hadoop.fs.s3a.endpoint.region", "us-east-1",
            "spark.hadoop.fs.s3a.path.style.access", "true",
            "spark.hadoop.fs.s3a.connection.ssl.enabled", "false",
            "spark.hadoop.fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.AnonymousAWSCredentialsProvider",
            "spark.hadoop.fs.s3a.change.detection.mode", "none");
    s3a.forEach(System::setProperty);
    try {
      Set<String> remote =
          curate(
              "s3a://" + BUCKET + "/crawl/wat.paths",
              "s3a://" + BUCKET + "/vocab.json",
              "s3a://" + BUCKET + "/out",
              "s3a://" + BUCKET + "/");
      Set<String> fromDisk =
          curate(
              samples.resolve("wat").toAbsolutePath().toString(),
              samples.resolve("vocab/wordnet31-synsets.json").toAbsolutePath().toString(),
              local.toString(),
              "");
      assertTrue(remote.size() > 50, "curated over s3a: " + remote.size());
      assertEquals(fromDisk, remote);
    } finally {
      s3a.keySet().forEach(System::clearProperty);
    }
  }

  private static Set<String> curate(String input, String vocab, String out, String prefix) {
    CurationConfig config =
        CurationConfig.builder()
            .confFile(Path.of("..", "conf", "local.json"))
            .set("input.paths", input, "test")
            .set("input.prefix", prefix, "test")
            .set("metadata.path", vocab, "test")
            .set("output.dir", out, "test")
            .set("output.overwrite", "true", "test")
            .set("spark.master", "local[2]", "test")
            .build();
    SparkSession spark = SparkSessions.create(config, "test");
    try {
      CurateJob.CurateResult r = CurateJob.run(spark, config);
      assertEquals(3, r.match().shards());
      Set<String> rows = new HashSet<>();
      for (Row row : spark.read().parquet(r.balance().output()).collectAsList()) {
        // The shard column names where it was read; compare the rest.
        rows.add(
            List.of(row.getString(0), row.getString(1), row.getString(2), row.getString(3))
                .toString());
      }
      return rows;
    } finally {
      spark.stop();
    }
  }

  private static void put(String url, byte[] body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), "PUT " + url + ": " + response.body());
  }
}
