package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
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
 * fails is reported as {@code shard.unreadable}, naming its URL, and the run goes on. The second
 * test repeats it over {@code https://} with TLS.
 */
@Tag("spark")
class HttpInputTest {
  @Test
  void curateReadsWatPathsOverHttpWithRetries(@TempDir Path tmp) throws Exception {
    curateOverLoopback(tmp, null);
  }

  /**
   * The same over {@code https://}, Common Crawl's scheme: a server certificate for 127.0.0.1 made
   * by the JDK's {@code keytool} in the test, and trusted by this JVM's HTTPS client for the test's
   * duration, so the route through Hadoop's {@code HttpsFileSystem} and TLS is the real one.
   */
  @Test
  void curateReadsWatPathsOverHttpsWithRetries(@TempDir Path tmp) throws Exception {
    Path keystore = tmp.resolve("server.p12");
    char[] password = "metaclip-test".toCharArray();
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                new String(password))
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, keytool.waitFor(), "keytool: " + output);
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", keys.getCertificate("server"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trusted);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);
    SSLSocketFactory before = HttpsURLConnection.getDefaultSSLSocketFactory();
    HttpsURLConnection.setDefaultSSLSocketFactory(clientTls.getSocketFactory());
    try {
      curateOverLoopback(tmp, serverTls);
    } finally {
      HttpsURLConnection.setDefaultSSLSocketFactory(before);
    }
  }

  /** Serves the sample shards over HTTP, or HTTPS when {@code tls} is given, and curates them. */
  private static void curateOverLoopback(Path tmp, SSLContext tls) throws Exception {
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
    HttpServer server;
    if (tls == null) {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } else {
      HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
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
      String scheme = tls == null ? "http" : "https";
      String root = scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/";
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
          local.result.match().pairs(), overHttp.result.match().pairs(), "pairs over " + scheme);
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
