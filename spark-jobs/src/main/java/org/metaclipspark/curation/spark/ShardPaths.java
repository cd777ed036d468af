package org.metaclipspark.curation.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.wat.WatPathsList;

/**
 * Expands the configured inputs into the sorted list of shard paths, on the driver, through
 * Hadoop's file systems (local, {@code hdfs://}, {@code s3a://}).
 *
 * <ul>
 *   <li>a directory: its files ending in {@code .wat.gz}, {@code .wat}, {@code .warc.gz} or {@code
 *       .warc}, recursively (WAT or WARC: the reader tells them apart by content);
 *   <li>a glob ({@code *}, {@code ?}, {@code [..]}, <code>{..}</code>): what it matches, each
 *       treated as above;
 *   <li>a list file ({@code *.paths}, {@code *.paths.gz}, {@code *.txt}): one path per line, blank
 *       lines and {@code #} comments skipped (see {@link WatPathsList}); a relative line gets
 *       {@code input.prefix} (e.g. {@code s3a://commoncrawl/}) or, without a prefix, the list
 *       file's directory;
 *   <li>any other file: a shard.
 * </ul>
 *
 * Duplicates are removed; the order is lexicographic, so the shard list is deterministic.
 */
public final class ShardPaths {
  private ShardPaths() {}

  /** The shard paths that {@code inputs} name; an input that names nothing is an error. */
  public static List<String> resolve(List<String> inputs, String prefix, Configuration hadoop) {
    TreeSet<String> shards = new TreeSet<>();
    for (String input : inputs) {
      int before = shards.size();
      try {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(hadoop);
        if (isGlob(input)) {
          FileStatus[] matches = fs.globStatus(path);
          if (matches != null) {
            for (FileStatus status : matches) {
              addPath(fs, status, prefix, shards);
            }
          }
        } else if (!fs.exists(path)) {
          throw new ConfigException(
              "input '"
                  + input
                  + "' does not exist; check --input or input.paths (a shard, directory, glob or"
                  + " list file)");
        } else {
          addPath(fs, fs.getFileStatus(path), prefix, shards);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list input '" + input + "': " + e.getMessage(), e);
      }
      if (shards.size() == before) {
        throw new ConfigException(
            "input '"
                + input
                + "' names no WAT or WARC shard (*.wat.gz, *.wat, *.warc.gz or *.warc); check --input or"
                + " input.paths");
      }
    }
    return new ArrayList<>(shards);
  }

  private static boolean isGlob(String input) {
    return input.indexOf('*') >= 0
        || input.indexOf('?') >= 0
        || input.indexOf('[') >= 0
        || input.indexOf('{') >= 0;
  }

  private static void addPath(
      FileSystem fs, FileStatus status, String prefix, TreeSet<String> shards) throws IOException {
    if (status.isDirectory()) {
      for (FileStatus child : fs.listStatus(status.getPath())) {
        if (child.isDirectory() || isShardName(child.getPath().getName())) {
          addPath(fs, child, prefix, shards);
        }
      }
      return;
    }
    String name = status.getPath().getName();
    if (name.endsWith(".paths") || name.endsWith(".paths.gz") || name.endsWith(".txt")) {
      shards.addAll(readListFile(fs, status.getPath(), prefix));
    } else {
      shards.add(status.getPath().toString());
    }
  }

  private static boolean isShardName(String name) {
    return name.endsWith(".wat.gz")
        || name.endsWith(".wat")
        || name.endsWith(".warc.gz")
        || name.endsWith(".warc");
  }

  /** The shard paths of one list file, in file order (parsed by the core's WatPathsList). */
  static List<String> readListFile(FileSystem fs, Path list, String prefix) throws IOException {
    List<String> out = new ArrayList<>();
    for (String uri :
        WatPathsList.read(ShardStreams.open(list, fs.getConf()), list.toString(), prefix)
            .shardUris()) {
      boolean relative = prefix.isEmpty() && !uri.contains("://") && !uri.startsWith("/");
      out.add(relative ? new Path(list.getParent(), uri).toString() : uri);
    }
    return out;
  }
}
