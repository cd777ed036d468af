package org.metaclipspark.curation.metadata.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Expands input arguments into a sorted list of files: a file, a directory (its visible files), a
 * glob, or a list file ({@code *.txt}, {@code *.paths}: one path per line, {@code #} comments). Any
 * Hadoop file system ({@code file:}, {@code hdfs://}, {@code s3a://}).
 */
public final class InputPaths {
  private InputPaths() {}

  /**
   * The files named by {@code inputs}, sorted and distinct.
   *
   * @throws IllegalArgumentException when an input matches nothing, naming it and the fix
   * @throws IOException when a file system cannot be listed
   */
  public static List<String> expand(Configuration conf, List<String> inputs) throws IOException {
    TreeSet<String> files = new TreeSet<>();
    for (String input : inputs) {
      expandOne(conf, input.trim(), files, true);
    }
    return new ArrayList<>(files);
  }

  private static void expandOne(
      Configuration conf, String input, TreeSet<String> files, boolean listFilesAllowed)
      throws IOException {
    if (input.isEmpty()) {
      return;
    }
    Path path = new Path(input);
    FileSystem fs = path.getFileSystem(conf);
    FileStatus[] matches = fs.globStatus(path);
    if (matches == null || matches.length == 0) {
      throw new IllegalArgumentException(
          "input " + input + " matches no file; check the path (globs need quotes in a shell)");
    }
    for (FileStatus match : matches) {
      String name = match.getPath().getName();
      if (match.isDirectory()) {
        for (FileStatus child : fs.listStatus(match.getPath())) {
          String childName = child.getPath().getName();
          if (child.isFile() && !childName.startsWith(".") && !childName.startsWith("_")) {
            files.add(child.getPath().toString());
          }
        }
      } else if (listFilesAllowed && (name.endsWith(".txt") || name.endsWith(".paths"))) {
        try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(fs.open(match.getPath()), StandardCharsets.UTF_8))) {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String entry = line.trim();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
              Path listed = new Path(entry);
              if (!listed.isAbsolute() && listed.toUri().getScheme() == null) {
                listed = new Path(match.getPath().getParent(), entry); // relative to the list file
              }
              expandOne(conf, listed.toString(), files, false);
            }
          }
        }
      } else {
        files.add(match.getPath().toString());
      }
    }
  }
}
