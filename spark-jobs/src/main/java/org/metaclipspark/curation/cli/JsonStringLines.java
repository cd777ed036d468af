package org.metaclipspark.curation.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The input loop of the one-line tools ({@code match-text}, {@code lid-text}): one JSON string per
 * line from a file (local, {@code hdfs://}, {@code s3a://}) or standard input, one output line per
 * input line. A line that is not one JSON string stops the run (exit 1) after the lines before it
 * were printed, naming the line; a missing input file is a usage error (exit 2).
 */
final class JsonStringLines {
  /** Appends the output of one text, without the line end. */
  interface Handler {
    void append(String text, StringBuilder line);
  }

  private JsonStringLines() {}

  /** Runs {@code handler} over the lines of {@code input} ({@code -}: standard input). */
  static int run(
      String command,
      String input,
      Configuration hadoop,
      Handler handler,
      PrintWriter out,
      PrintWriter err) {
    String inputName = "-".equals(input) ? "standard input" : input;
    try (InputStream in = "-".equals(input) ? System.in : open(input, hadoop);
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      JsonFactory json = new JsonFactory();
      StringBuilder line = new StringBuilder();
      long lineNumber = 0;
      for (String raw; (raw = lines.readLine()) != null; ) {
        lineNumber++;
        String text = parse(json, raw);
        if (text == null) {
          out.flush();
          err.println(
              command
                  + ": line "
                  + lineNumber
                  + " of "
                  + inputName
                  + " is not one JSON string: "
                  + abbreviate(raw)
                  + "; write each text as a JSON string, e.g. \"A black cat.\"");
          return Main.EXIT_FAILED;
        }
        line.setLength(0);
        handler.append(text, line);
        line.append('\n');
        out.append(line);
      }
      return 0;
    } catch (FileNotFoundException e) {
      err.println(
          command
              + ": input file "
              + input
              + " does not exist; pass --input FILE, or '-' for standard input");
      return Main.EXIT_CONFIG;
    } catch (IOException e) {
      err.println(command + ": cannot read " + inputName + ": " + e);
      return Main.EXIT_FAILED;
    } finally {
      out.flush();
    }
  }

  private static InputStream open(String location, Configuration hadoop) throws IOException {
    Path path = new Path(location);
    return path.getFileSystem(hadoop).open(path);
  }

  /** The string {@code raw} holds as its only JSON value, or null if it holds anything else. */
  private static String parse(JsonFactory json, String raw) throws IOException {
    int end = raw.length() - 1;
    if (end > 0 && raw.charAt(0) == '"' && raw.charAt(end) == '"' && plain(raw, end)) {
      return raw.substring(1, end);
    }
    try (JsonParser parser = json.createParser(raw)) {
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String value = parser.getText();
      return parser.nextToken() == null ? value : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Whether {@code raw[1..end)} needs no JSON decoding: no quote, backslash or control char. */
  private static boolean plain(String raw, int end) {
    for (int i = 1; i < end; i++) {
      char c = raw.charAt(i);
      if (c == '"' || c == '\\' || c < 0x20) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? "'" + text + "'" : "'" + text.substring(0, 77) + "...'";
  }
}
