package org.metaclipspark.curation.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import picocli.CommandLine.Command;
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
          + " entry e such that \" \" + e + \" \" occurs in the spaced caption (curation spec sections 2 and 3).",
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
      "2:invalid command line options"
    })
public final class MatchTextCommand implements Callable<Integer> {

  @Option(
      names = "--vocab",
      required = true,
      paramLabel = "FILE",
      description =
          "Metadata: a JSON array of strings (MetaCLIP's metadata.json) or UTF-8 text with one entry per line.")
  private Path vocab;

  @Option(
      names = "--input",
      paramLabel = "FILE|-",
      defaultValue = "-",
      description =
          "Captions, one JSON string per line, UTF-8; '-' reads standard input (default: ${DEFAULT-VALUE}).")
  private String input;

  @Option(
      names = "--show-entries",
      description = "Print [entryId, \"entry\"] pairs instead of bare entryIds.")
  private boolean showEntries;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Metadata metadata;
    try {
      metadata = Metadata.load(vocab);
    } catch (NoSuchFileException e) {
      err.println(
          "match-text: metadata file "
              + vocab
              + " does not exist; pass --vocab with a JSON array or"
              + " one-entry-per-line file");
      return 1;
    } catch (IOException e) {
      err.println("match-text: " + e.getMessage());
      return 1;
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
    try (InputStream in = "-".equals(input) ? System.in : Files.newInputStream(Paths.get(input));
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      return matchLines(lines, inputName, metadata, matcher, out, err);
    } catch (NoSuchFileException e) {
      err.println(
          "match-text: input file "
              + input
              + " does not exist; pass --input FILE, or '-' for standard input");
      return 1;
    } catch (IOException e) {
      err.println("match-text: cannot read " + inputName + ": " + e);
      return 1;
    } finally {
      out.flush();
    }
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
