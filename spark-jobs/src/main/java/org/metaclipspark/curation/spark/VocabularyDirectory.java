package org.metaclipspark.curation.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.metadata.Vocabularies;

/**
 * Worldwide mode's vocabularies (spec §8.1) through Hadoop's file systems: a directory with one
 * {@code <key>.json} (a JSON array) or {@code <key>.txt} (one entry per line) per language key.
 * Other files are ignored; a key given twice is a config error.
 */
public final class VocabularyDirectory {
  private VocabularyDirectory() {}

  /** Whether {@code location} is a directory, which switches worldwide mode on. */
  public static boolean isDirectory(String location, Configuration hadoop) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(hadoop).getFileStatus(path).isDirectory();
    } catch (FileNotFoundException e) {
      throw new ConfigException(
          "the metadata "
              + location
              + " does not exist; pass the vocabulary with --vocab FILE or --vocab DIR (config key"
              + " metadata.path)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look at the metadata " + location, e);
    }
  }

  /** Loads every {@code <key>.json} and {@code <key>.txt} of the directory at {@code location}. */
  public static Vocabularies load(String location, Configuration hadoop) {
    Path dir = new Path(location);
    Map<String, Metadata> byKey = new TreeMap<>();
    Map<String, String> fileOfKey = new TreeMap<>();
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      for (FileStatus status : fs.listStatus(dir)) {
        String name = status.getPath().getName();
        if (!status.isFile() || !(name.endsWith(".json") || name.endsWith(".txt"))) {
          continue;
        }
        String key = name.substring(0, name.lastIndexOf('.'));
        String previous = fileOfKey.put(key, name);
        if (previous != null) {
          throw new ConfigException(
              "the vocabulary directory "
                  + location
                  + " has two files for key '"
                  + key
                  + "': "
                  + previous
                  + " and "
                  + name
                  + "; keep one");
        }
        try (InputStream in = fs.open(status.getPath())) {
          byKey.put(key, Metadata.load(in, status.getPath().toString()));
        }
      }
    } catch (FileNotFoundException e) {
      throw new ConfigException(
          "the vocabulary directory " + location + " does not exist; check --vocab");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the vocabularies in " + location + ": " + e.getMessage(), e);
    }
    if (byKey.isEmpty()) {
      throw new ConfigException(
          "the vocabulary directory "
              + location
              + " has no <key>.json or <key>.txt file; put one vocabulary per language key there"
              + " (spec 8.1), e.g. en.json, de.json, other.json");
    }
    return Vocabularies.of(byKey);
  }
}
