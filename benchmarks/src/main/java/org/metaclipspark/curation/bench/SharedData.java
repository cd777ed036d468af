package org.metaclipspark.curation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates and reads the shared benchmark inputs: the 500k-entry metadata and the caption corpus.
 */
final class SharedData {

  private SharedData() {}

  static Path dataDir() {
    Path dir =
        Paths.get(System.getProperty("shared.dir", "../shared"))
            .resolve("data")
            .toAbsolutePath()
            .normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "shared data directory "
              + dir
              + " does not exist; run from the repository root"
              + " next to ../shared, or pass -Dshared.dir=/path/to/shared (JMH: -jvmArgs -Dshared.dir=...)");
    }
    return dir;
  }

  static Path vocabulary() {
    return dataDir().resolve("vocab/metadata-500k.json");
  }

  static List<String> captions() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> captions = new ArrayList<>();
    try (BufferedReader in =
        Files.newBufferedReader(
            dataDir().resolve("captions/captions.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        captions.add(json.readValue(line, String.class));
      }
    }
    return captions;
  }

  static long totalChars(List<String> texts) {
    return texts.stream().mapToLong(String::length).sum();
  }
}
