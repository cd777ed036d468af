package org.metaclipspark.curation.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.metadata.Metadata;

/** Loads the metadata through Hadoop's file systems, so it may live on HDFS or S3 too. */
public final class Vocabulary {
  private Vocabulary() {}

  /**
   * Loads the metadata at {@code location}; a missing file is a config error, since the path came
   * from {@code --vocab} or {@code metadata.path}.
   */
  public static Metadata load(String location, Configuration hadoop) {
    Path path = new Path(location);
    try {
      if (path.getFileSystem(hadoop).getFileStatus(path).isDirectory()) {
        throw new ConfigException(
            "the metadata "
                + location
                + " is a vocabulary directory (worldwide mode, spec 8); this version runs worldwide"
                + " pass 1 (match --vocab DIR) only, since counting and balancing per language are"
                + " not built yet");
      }
    } catch (FileNotFoundException e) {
      // reported below, where the file is opened
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at the metadata " + location, e);
    }
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return Metadata.load(in, location);
    } catch (FileNotFoundException e) {
      throw new ConfigException(
          "the metadata "
              + location
              + " does not exist; pass the vocabulary with --vocab FILE (config key metadata.path)");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the metadata " + location + ": " + e.getMessage() + "; check --vocab", e);
    }
  }

  /** What the manifests record of a vocabulary. */
  static Map<String, Object> describe(Metadata metadata) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", metadata.source());
    m.put("entries", metadata.size());
    m.put("sha256", metadata.sha256());
    m.put("duplicates", metadata.duplicateCount());
    m.put("empty", metadata.emptyCount());
    return m;
  }
}
