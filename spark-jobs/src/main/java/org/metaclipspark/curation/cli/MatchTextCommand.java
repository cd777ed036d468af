package org.metaclipspark.curation.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.spark.HadoopConfs;
import org.metaclipspark.curation.spark.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code match-text}: prints the {@code matchedEntryIds} of captions, one input line at a time, so
 * users can check single texts against a metadata file without Spark.
 *
 * <p>Not thread-safe (picocli fills the option fields); one instance runs one command.
 */
@Command(
    name = "match-text",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the matchedEntryIds of each caption: the entryIds (0-based positions in the metadata) of every"
          + " non-empty entry e such that \" \" + e + \" \" occurs in the spaced caption: the caption"
          + " with a space at each end, a space on each side of each of , . ; : ? ! and `, and tabs,"
          + " line feeds and carriage returns made spaces; nothing else changes (case counts).",
      "",
      "Input: one caption per line, each a JSON string, e.g. \"A black cat.\" (quotes included).",
      "Output: one line per input line, a JSON array of ascending entryIds, e.g. [0, 1].",
      "With --show-entries each element is an [entryId, \"entry\"] pair instead,"
          + " e.g. [[0, \"cat\"], [1, \"black cat\"]].",
      "The metadata summary (entries, duplicates, empty entries, sha256) goes to standard error.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every line was matched",
      "1:the metadata or the input could not be read, or an input line is not a JSON string;"
          + " the lines before it were printed, the message names the line",
      "2:a usage or config error: invalid options, no vocabulary, a file that does not exist"
    })
public final class MatchTextCommand implements Callable<Integer> {

  @Option(
      names = "--vocab",
      paramLabel = "FILE",
      description =
          "Metadata: a JSON array of strings (MetaCLIP's metadata.json) or UTF-8 text with one entry"
              + " per line; local, hdfs:// or s3a:// (config key metadata.path).")
  private String vocab;

  @Option(
      names = "--input",
      paramLabel = "FILE|-",
      defaultValue = "-",
      description =
          "Captions, one JSON string per line, UTF-8; local, hdfs:// or s3a://; '-' reads standard"
              + " input (default: ${DEFAULT-VALUE}).")
  private String input;

  @Option(
      names = "--show-entries",
      description = "Print [entryId, \"entry\"] pairs instead of bare entryIds.")
  private boolean showEntries;

  @Mixin private ConfSources sources;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Metadata metadata;
    Configuration hadoop;
    try {
      CurationConfig.Builder builder = sources.builder();
      ConfigOptions.flag(builder, ConfigKeys.METADATA_PATH, vocab, "--vocab");
      CurationConfig config = builder.build();
      String location = config.metadataPath();
      if (location == null) {
        throw new ConfigException(
            "no vocabulary: pass --vocab FILE, or set metadata.path with --conf or --set");
      }
      hadoop = HadoopConfs.of(config);
      metadata = Vocabulary.load(location, hadoop);
    } catch (ConfigException e) {
      err.println("match-text: " + e.getMessage());
      return Main.EXIT_CONFIG;
    } catch (UncheckedIOException e) {
      err.println("match-text: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    err.printf(
        "match-text: metadata %s: %,d entries, %,d duplicates, %,d empty, sha256 %s%n",
        metadata.source(),
        metadata.size(),
        metadata.duplicateCount(),
        metadata.emptyCount(),
        metadata.sha256());
    SubstringMatcher matcher = SubstringMatcher.compile(metadata);
    String inputName = "-".equals(input) ? "standard input" : input;
    try (InputStream in = "-".equals(input) ? System.in : open(input, hadoop);
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      return matchLines(lines, inputName, metadata, matcher, out, err);
    } catch (FileNotFoundException e) {
      err.println(
          "match-text: input file "
              + input
              + " does not exist; pass --input FILE, or '-' for standard input");
      return Main.EXIT_CONFIG;
    } catch (IOException e) {
      err.println("match-text: cannot read " + inputName + ": " + e);
      return 1;
    } finally {
      out.flush();
    }
  }

  private static InputStream open(String location, Configuration hadoop) throws IOException {
    Path path = new Path(location);
    return path.getFileSystem(hadoop).open(path);
  }

  private int matchLines(
      BufferedReader lines,
      String inputName,
      Metadata metadata,
      SubstringMatcher matcher,
      PrintWriter out,
      PrintWriter err)
      throws IOException {
    JsonFactory json = new JsonFactory();
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    MatchBuffer buffer = MatchBuffer.create();
    StringBuilder line = new StringBuilder();
    long lineNumber = 0;
    for (String text; (text = lines.readLine()) != null; ) {
      lineNumber++;
      String caption = parseCaption(json, text);
      if (caption == null) {
        out.flush();
        err.println(
            "match-text: line "
                + lineNumber
                + " of "
                + inputName
                + " is not one JSON string: "
                + abbreviate(text)
                + "; write each caption as a JSON string, e.g. \"A black cat.\"");
        return 1;
      }
      int count = matcher.matchEntryIds(caption, buffer);
      line.setLength(0);
      line.append('[');
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          line.append(", ");
        }
        int entryId = buffer.get(i);
        if (showEntries) {
          line.append('[')
              .append(entryId)
              .append(", \"")
              .append(encoder.quoteAsString(metadata.entry(entryId)))
              .append("\"]");
        } else {
          line.append(entryId);
        }
      }
      line.append("]\n");
      out.append(line);
    }
    return 0;
  }

  /**
   * Returns the string {@code text} holds as its only JSON value, or null if it holds anything
   * else.
   */
  private static String parseCaption(JsonFactory json, String text) throws IOException {
    try (JsonParser parser = json.createParser(text)) {
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String caption = parser.getText();
      return parser.nextToken() == null ? caption : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? "'" + text + "'" : "'" + text.substring(0, 77) + "...'";
  }
}
