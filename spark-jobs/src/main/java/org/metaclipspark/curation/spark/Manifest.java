package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.metaclipspark.curation.config.ConfigException;

/**
 * The small JSON file {@code _manifest.json} that each pass writes beside its data: which inputs,
 * vocabulary, config and seed produced it, and its row counts. Spark's readers skip files that
 * start with {@code _}, so it never mixes into the data.
 */
public final class Manifest {
  /** File name of the manifest inside a pass's output directory. */
  public static final String FILE_NAME = "_manifest.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Manifest() {}

  /** The program and version that writes the outputs, for the {@code producer} field. */
  static String producer() {
    String version = Manifest.class.getPackage().getImplementationVersion();
    return "metaclip-spark " + (version == null ? "(development build)" : version);
  }

  /**
   * Writes {@code body} (a typed record, or a map) as JSON to {@code dir/_manifest.json}, replacing
   * an older one. Where renames are atomic the file is written under a temporary name first, so a
   * crash never leaves half a manifest.
   */
  public static void write(Configuration hadoop, String dir, Object body) {
    writeFile(hadoop, dir, FILE_NAME, body);
  }

  /** Writes {@code body} as JSON to {@code dir/name}, as {@link #write} does. */
  static void writeFile(Configuration hadoop, String dir, String name, Object body) {
    Path path = new Path(dir, name);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      boolean direct = !Commit.renamesAtomically(fs);
      Path temp = direct ? path : new Path(dir, name + ".writing");
      try (OutputStream out = fs.create(temp, true)) {
        JSON.writeValue(out, body);
      }
      if (!direct) {
        fs.delete(path, false);
        if (!fs.rename(temp, path)) {
          throw new IOException("rename of " + temp + " to " + path + " failed");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /**
   * Reads {@code dir/_manifest.json} as {@code type}; a missing one is an error that names the pass
   * to run. Unknown fields are ignored, so a newer producer's manifest still reads.
   */
  public static <T> T read(Configuration hadoop, String dir, String producedBy, Class<T> type) {
    Path path = manifestPath(hadoop, dir, producedBy);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return JSON.readValue(in, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + path + ": " + e.getMessage(), e);
    }
  }

  /** Reads {@code dir/name} as {@code type}, or returns null if it does not exist. */
  static <T> T readFileIfExists(Configuration hadoop, String dir, String name, Class<T> type) {
    Path path = new Path(dir, name);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (!fs.exists(path)) {
        return null;
      }
      try (InputStream in = fs.open(path)) {
        return JSON.readValue(in, type);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** The JSON mapper of manifests and footers: records, snake_case names given per field. */
  static ObjectMapper mapper() {
    return JSON;
  }

  private static Path manifestPath(Configuration hadoop, String dir, String producedBy) {
    Path path = new Path(dir, FILE_NAME);
    try {
      if (!path.getFileSystem(hadoop).exists(path)) {
        throw new ConfigException(
            "no "
                + FILE_NAME
                + " in "
                + dir
                + "; run the "
                + producedBy
                + " pass first (or curate)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + path, e);
    }
    return path;
  }

  /**
   * Reads {@code dir/_manifest.json} as a map; a missing one is an error naming the pass to run.
   */
  public static Map<String, Object> read(Configuration hadoop, String dir, String producedBy) {
    Path path = manifestPath(hadoop, dir, producedBy);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read manifest " + path, e);
    }
  }
}
