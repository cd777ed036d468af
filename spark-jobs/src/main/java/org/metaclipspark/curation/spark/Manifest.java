package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The small JSON file {@code _manifest.json} that each pass writes beside its data: which inputs,
 * vocabulary, config and seed produced it, and its row counts. Spark's readers skip files that
 * start with {@code _}, so it never mixes into the data.
 */
public final class Manifest {
  /** File name of the manifest inside a pass's output directory. */
  public static final String FILE_NAME = "_manifest.json";

  // Typed manifests name only the fields they need, so unknown fields are not errors.
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Manifest() {}

  /** A new manifest body with the fields every pass shares. */
  public static Map<String, Object> start(String pass, String schema) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pass", pass);
    m.put("schema", schema);
    String version = Manifest.class.getPackage().getImplementationVersion();
    m.put("producer", "metaclip-spark " + (version == null ? "(development build)" : version));
    m.put("created_at", Instant.now().toString());
    return m;
  }

  /**
   * Writes {@code body} (a map or a Jackson-annotated record) as {@code dir/_manifest.json},
   * replacing an older one.
   */
  public static void write(Configuration hadoop, String dir, Object body) {
    Path path = new Path(dir, FILE_NAME);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      try (OutputStream out = fs.create(path, true)) {
        JSON.writeValue(out, body);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write manifest " + path, e);
    }
  }

  /** Reads {@code dir/_manifest.json}; a missing one is an error that names the pass to run. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> read(Configuration hadoop, String dir, String producedBy) {
    return read(hadoop, dir, producedBy, LinkedHashMap.class);
  }

  /**
   * Reads {@code dir/_manifest.json} as {@code type}, ignoring fields {@code type} does not name; a
   * missing one is an error that names the pass to run.
   */
  public static <T> T read(Configuration hadoop, String dir, String producedBy, Class<T> type) {
    Path path = new Path(dir, FILE_NAME);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (!fs.exists(path)) {
        throw new IllegalStateException(
            "no "
                + FILE_NAME
                + " in "
                + dir
                + "; run the "
                + producedBy
                + " pass first (or curate)");
      }
      try (InputStream in = fs.open(path)) {
        return JSON.readValue(in, type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + path, e);
    }
  }
}
