package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * Common Crawl's HTTPS route, on a local HTTP server on loopback: {@code --input} is a {@code
 * wat.paths.gz} list served over HTTP and {@code --input-prefix} the server's root, read through
 * Hadoop's {@code HttpFileSystem} (the same code as {@code HttpsFileSystem}). The server fails the
 * first two requests of every file with a 503; with Spark allowed one attempt per task ({@code
 * local[2]}), only our retries can save those reads, and the curated rows must equal a run on local
 * disk. (Reads that fail part-way are covered by {@code ShardStreamsTest}.) A shard that always
 * fails is reported as {@code shard.unreadable}, naming its URL, and the run goes on.
 */
@Tag("spark")
class HttpInputTest {
  @Test
  void curateReadsWatPathsOverHttpWithRetries(@TempDir Path tmp) throws Exception {
    Path samples = Path.of("..", "samples").toAbsolutePath();
    Map<String, byte[]> files = new ConcurrentHashMap<>();
    StringBuilder list = new StringBuilder();
    List<Path> shards;
    try (Stream<Path> s = Files.list(samples.resolve("wat"))) {
      shards = s.sorted().toList();
    }
    for (Path shard : shards) {
      files.put("/crawl-data/wat/" + shard.getFileName(), Files.readAllBytes(shard));
      list.append("crawl-data/wat/").append(shard.getFileName()).append('\n');
    }
    list.append("crawl-data/wat/ALWAYS-503.warc.wat.gz\n");
    files.put("/crawl-data/wat.paths.gz", gzip(list.toString()));

    Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int n = requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
          byte[] body = files.get(path);
          if (path.contains("ALWAYS-503") || n <= 2) {
            respond(exchange, 503, "busy".getBytes(StandardCharsets.UTF_8));
          } else if (body == null) {
            respond(exchange, 404, new byte[0]);
          } else {
            respond(exchange, 200, body);
          }
        });
    server.start();
    try {
      String root = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
      CurateOutcome overHttp =
          curate(root + "crawl-data/wat.paths.gz", root, tmp.resolve("http").toString());
      CurateOutcome local =
          curate(samples.resolve("wat").toString(), "", tmp.resolve("local").toString());

      assertEquals(4, overHttp.result.match().shards());
      assertEquals(
          Long.valueOf(1),
          overHttp.result.match().skipped().get("shard.unreadable"),
          "skips: " + overHttp.result.match().skipped());
      assertTrue(
          overHttp.result.match().problems().stream().anyMatch(p -> p.contains("ALWAYS-503")),
          "problems: " + overHttp.result.match().problems());
      for (Path shard : shards) {
        int n = requests.get("/crawl-data/wat/" + shard.getFileName()).get();
        assertEquals(3, n, shard.getFileName() + " requests");
      }
      assertEquals(
          local.result.match().pairs(), overHttp.result.match().pairs(), "pairs over HTTP");
      assertTrue(local.rows.size() > 50, "curated rows: " + local.rows.size());
      assertEquals(local.rows, overHttp.rows);
    } finally {
      server.stop(0);
    }
  }

  private record CurateOutcome(CurateJob.CurateResult result, List<String> rows) {}

  private static CurateOutcome curate(String input, String prefix, String out) {
    CurationConfig config =
        CurationConfig.builder()
            .confFile(Path.of("..", "conf", "local.json"))
            .set("input.paths", input, "test")
            .set("input.prefix", prefix, "test")
            .set(
                "metadata.path",
                Path.of("..", "samples", "vocab", "wordnet31-synsets.json")
                    .toAbsolutePath()
                    .toString(),
                "test")
            .set("output.dir", out, "test")
            .set("input.retryBackoffMs", "20", "test")
            .set("spark.master", "local[2]", "test")
            .build();
    SparkSession spark = SparkSessions.create(config, "test");
    try {
      CurateJob.CurateResult r = CurateJob.run(spark, config);
      return new CurateOutcome(r, ClusterRows.curated(spark, r.balance().output()));
    } finally {
      spark.stop();
    }
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
