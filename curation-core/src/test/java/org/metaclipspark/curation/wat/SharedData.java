package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Test access to the read-only shared data; tests that need it skip when it is absent. */
final class SharedData {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SharedData() {}

  /** The {@code data/wat} directory, or a skipped test with the reason. */
  static Path watDir() {
    String dir = System.getProperty("shared.dir");
    assumeTrue(
        dir != null,
        "system property shared.dir is not set; run through Maven or pass -Dshared.dir=<repo>/../shared");
    Path wat = Paths.get(dir, "data", "wat");
    assumeTrue(Files.isDirectory(wat), "shared WAT shards not found at " + wat + "; skipping");
    return wat;
  }

  static List<Path> shards() throws IOException {
    try (Stream<Path> s = Files.list(watDir())) {
      List<Path> shards =
          new ArrayList<>(s.filter(p -> p.toString().endsWith(".warc.wat.gz")).sorted().toList());
      assumeTrue(!shards.isEmpty(), "no *.warc.wat.gz in " + watDir());
      return shards;
    }
  }

  static Path smallestShard() throws IOException {
    return shards().get(0);
  }

  static Path expectedFor(Path shard) {
    String name = shard.getFileName().toString().replace(".warc.wat.gz", ".pairs.jsonl");
    return shard.resolveSibling("expected").resolve(name);
  }

  /** Each line of the expected file as [uuid, imageUrl, textKey, text]. */
  static List<List<String>> expectedPairs(Path shard) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(expectedFor(shard), StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(List.of(MAPPER.readValue(line, String[].class)));
      }
    }
    return out;
  }

  static List<List<String>> asRows(List<ImageTextPair> pairs) {
    List<List<String>> rows = new ArrayList<>(pairs.size());
    for (ImageTextPair p : pairs) {
      rows.add(List.of(p.uuid(), p.imageUrl(), p.textKey(), p.text()));
    }
    return rows;
  }

  /** Reads every pair of {@code in}; the stats of the run end up in {@code statsOut[0]}. */
  static List<ImageTextPair> readAll(
      InputStream in, String shard, WatReaderOptions options, ShardStats[] statsOut)
      throws IOException {
    List<ImageTextPair> pairs = new ArrayList<>();
    try (WatPairReader reader = WatPairReader.open(in, shard, options)) {
      while (reader.hasNext()) {
        pairs.add(reader.next());
      }
      if (statsOut != null) {
        statsOut[0] = reader.stats();
      }
    }
    return pairs;
  }
}
