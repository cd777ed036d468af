package org.metaclipspark.curation.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way tests and benchmarks find the read-only shared data: the directory named by the
 * system property {@code shared.dir} (the parent pom sets it to {@code ../shared} next to the
 * repository root), with its files under {@code data/}. The data is never copied into the
 * repository.
 *
 * <p>Every accessor that a test calls skips the test, through a JUnit assumption that names the
 * missing path and the fix, when the data is absent; {@link #present()} says so once on stderr, for
 * test classes that decide in a {@code @BeforeAll}. Benchmarks, which must not run without their
 * input, use {@link #requireDataDir()} instead.
 */
public final class SharedData {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static boolean warned;

  private SharedData() {}

  /** The shared directory as configured; {@code ../shared} when the property is unset. */
  private static Path configuredDir() {
    return Path.of(System.getProperty("shared.dir", "../shared")).toAbsolutePath().normalize();
  }

  /** The shared directory (it holds {@code data/}), or a skipped test with the reason. */
  public static Path dir() {
    dataDir();
    return configuredDir();
  }

  private static String absent(Path what) {
    return "shared test data not found at "
        + what
        + " (set -Dshared.dir=/path/to/shared; Maven sets it to ../shared next to the repository);"
        + " skipping";
  }

  /** Whether {@code shared.dir}/data exists; says once on stderr when it does not. */
  public static synchronized boolean present() {
    boolean present = Files.isDirectory(configuredDir().resolve("data"));
    if (!present && !warned) {
      System.err.println("SKIPPED: " + absent(configuredDir().resolve("data")));
      warned = true;
    }
    return present;
  }

  /** {@code shared.dir}/data, or a skipped test with the reason. */
  public static Path dataDir() {
    Path data = configuredDir().resolve("data");
    Assumptions.assumeTrue(present(), () -> absent(data));
    return data;
  }

  /**
   * The regular file {@code shared.dir}/data/{@code relative}, or a skipped test naming it; for
   * example {@code file("vocab/metadata-500k.json")}.
   */
  public static Path file(String relative) {
    Path file = dataDir().resolve(relative);
    Assumptions.assumeTrue(Files.isRegularFile(file), () -> absent(file));
    return file;
  }

  /** The 500k-entry vocabulary, {@code data/vocab/metadata-500k.json}. */
  public static Path vocabulary() {
    return file("vocab/metadata-500k.json");
  }

  /** The caption corpus, one JSON string per line, {@code data/captions/captions.jsonl}. */
  public static Path captions() {
    return file("captions/captions.jsonl");
  }

  /** The expected {@code matchedEntryIds} of each caption line against the 500k vocabulary. */
  public static Path captionsExpected() {
    return file("captions/captions.expected.jsonl");
  }

  /** The {@code data/wat} directory of shards, or a skipped test. */
  public static Path watDir() {
    Path wat = dataDir().resolve("wat");
    Assumptions.assumeTrue(Files.isDirectory(wat), () -> absent(wat));
    return wat;
  }

  /** The shared {@code *.warc.wat.gz} shards in name order, or a skipped test. */
  public static List<Path> shards() throws IOException {
    Path wat = watDir();
    try (Stream<Path> s = Files.list(wat)) {
      List<Path> shards = s.filter(p -> p.toString().endsWith(".warc.wat.gz")).sorted().toList();
      Assumptions.assumeTrue(!shards.isEmpty(), () -> "no *.warc.wat.gz in " + wat + "; skipping");
      return shards;
    }
  }

  /** The {@code data/warc} directory of WARC shards (spec section 4b), or a skipped test. */
  public static Path warcDir() {
    Path warc = dataDir().resolve("warc");
    Assumptions.assumeTrue(Files.isDirectory(warc), () -> absent(warc));
    return warc;
  }

  /** The shared {@code *.warc.gz} WARC shards in name order, or a skipped test. */
  public static List<Path> warcShards() throws IOException {
    Path warc = warcDir();
    try (Stream<Path> s = Files.list(warc)) {
      List<Path> shards = s.filter(p -> p.toString().endsWith(".warc.gz")).sorted().toList();
      Assumptions.assumeTrue(!shards.isEmpty(), () -> "no *.warc.gz in " + warc + "; skipping");
      return shards;
    }
  }

  /**
   * The expected-pairs file of a shared shard: {@code expected/NAME.pairs.jsonl} beside it, NAME
   * being the file name without {@code .warc.wat.gz} (WAT) or {@code .warc.gz} (WARC).
   */
  public static Path expectedPairsFile(Path shard) {
    String file = shard.getFileName().toString();
    String name =
        file.endsWith(".warc.wat.gz")
            ? file.replace(".warc.wat.gz", ".pairs.jsonl")
            : file.replace(".warc.gz", ".pairs.jsonl");
    return shard.resolveSibling("expected").resolve(name);
  }

  /** Each line of a shard's expected-pairs file as {@code [uuid, imageUrl, textKey, text]}. */
  public static List<List<String>> expectedPairs(Path shard) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (BufferedReader r =
        Files.newBufferedReader(expectedPairsFile(shard), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        out.add(List.of(JSON.readValue(line, String[].class)));
      }
    }
    return out;
  }

  /** Every caption of {@link #captions()}, decoded. */
  public static List<String> captionTexts() throws IOException {
    return readJsonStrings(captions());
  }

  /** Every line of {@code file}, each a JSON string, decoded. */
  public static List<String> readJsonStrings(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        out.add(JSON.readValue(line, String.class));
      }
    }
    return out;
  }

  /**
   * {@code shared.dir}/data for a benchmark or tool, which cannot skip: throws with the path and
   * the fix when it is absent.
   */
  public static Path requireDataDir() {
    Path data = configuredDir().resolve("data");
    if (!Files.isDirectory(data)) {
      throw new IllegalStateException(
          "shared data directory "
              + data
              + " does not exist; run from the repository root next to ../shared, or pass"
              + " -Dshared.dir=/path/to/shared (JMH: -jvmArgsAppend -Dshared.dir=...)");
    }
    return data;
  }
}
