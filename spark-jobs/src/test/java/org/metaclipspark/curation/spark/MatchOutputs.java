package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/** Reads pass 1's output for comparisons in tests: rows per data file, and the accounting. */
public final class MatchOutputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MatchOutputs() {}

  /** Every data file's rows in file order, by file name; empty if there is no output. */
  public static Map<String, List<String>> rows(Path out) throws IOException {
    Map<String, List<String>> files = new TreeMap<>();
    Path matches = out.resolve("matches");
    if (!Files.isDirectory(matches)) {
      return files;
    }
    try (Stream<Path> list = Files.list(matches)) {
      for (Path f : list.filter(p -> ShardFiles.index(p.getFileName().toString()) >= 0).toList()) {
        files.put(f.getFileName().toString(), rowsOf(f));
      }
    }
    return files;
  }

  /** The rows of one Parquet file, in order, each as parquet-hadoop's text form. */
  public static List<String> rowsOf(Path file) throws IOException {
    List<String> rows = new ArrayList<>();
    try (ParquetReader<Group> reader =
        ParquetReader.builder(new GroupReadSupport(), new org.apache.hadoop.fs.Path(file.toUri()))
            .build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        rows.add(g.toString());
      }
    }
    return rows;
  }

  /** The manifest's accounting: everything but when and how the run was started. */
  public static JsonNode accounting(Path out) throws IOException {
    ObjectNode m = (ObjectNode) JSON.readTree(out.resolve("matches/_manifest.json").toFile());
    ObjectNode kept = JSON.createObjectNode();
    for (String field :
        List.of("schema", "shards", "vocabulary", "row_counts", "totals", "per_shard")) {
      assertTrue(m.has(field), "manifest lacks " + field);
      kept.set(field, m.get(field));
    }
    return kept;
  }
}
