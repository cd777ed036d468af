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
import org.metaclipspark.curation.lid.LanguageIdModel;
import org.metaclipspark.curation.lid.LidBuffer;
import org.metaclipspark.curation.spark.HadoopConfs;
import org.metaclipspark.curation.spark.LanguageIds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lid-text}: prints the language of texts, one input line at a time, as fastText's {@code
 * lid.176.ftz} labels them (spec §8.2), without Spark.
 *
 * <p>Not thread-safe (picocli fills the option fields); one instance runs one command.
 */
@Command(
    name = "lid-text",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the language of each text as fastText 0.9.2's predict gives it with lid.176.ftz:"
          + " the text's \\n and \\r made spaces, then the text followed by \"\\n\" (spec 8.2).",
      "",
      "Input: one text per line, each a JSON string, e.g. \"Guten Morgen\" (quotes included).",
      "Output: one line per input line, a JSON array [label, probability], e.g. [\"de\", 0.97];"
          + " with --top K an array of up to K such pairs, best first: exactly the labels fastText"
          + " returns, which can be fewer than K. Labels have no __label__ prefix; probabilities"
          + " are fastText's single-precision values, not clamped (slightly above 1 occurs).",
      "The model's path and sha256 go to standard error.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every line was labelled",
      "1:the model or the input could not be read, or an input line is not a JSON string;"
          + " the lines before it were printed, the message names the line",
      "2:a usage or config error: invalid options, no model (run scripts/fetch-lid-model.sh),"
          + " a file that does not exist"
    })
public final class LidTextCommand implements Callable<Integer> {

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description =
          "fastText's lid.176.ftz; local, hdfs:// or s3a:// (config key lid.model; default"
              + " ~/.cache/metaclip-spark/lid.176.ftz, where scripts/fetch-lid-model.sh puts it).")
  private String model;

  @Option(
      names = "--input",
      paramLabel = "FILE|-",
      defaultValue = "-",
      description =
          "Texts, one JSON string per line, UTF-8; local, hdfs:// or s3a://; '-' reads standard"
              + " input (default: ${DEFAULT-VALUE}).")
  private String input;

  @Option(
      names = "--top",
      paramLabel = "K",
      description = "Print up to K [label, probability] pairs per line instead of the best one.")
  private Integer top;

  @Mixin private ConfSources sources;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    LanguageIdModel lid;
    Configuration hadoop;
    try {
      if (top != null && top < 1) {
        throw new ConfigException("--top " + top + ": K must be at least 1");
      }
      CurationConfig.Builder builder = sources.builder();
      ConfigOptions.flag(builder, ConfigKeys.LID_MODEL, model, "--model");
      CurationConfig config = builder.build();
      hadoop = HadoopConfs.of(config);
      lid = LanguageIds.model(config, hadoop);
    } catch (ConfigException e) {
      err.println("lid-text: " + e.getMessage());
      return Main.EXIT_CONFIG;
    } catch (UncheckedIOException e) {
      err.println("lid-text: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    String sha256 = lid.sha256();
    err.printf(
        "lid-text: model %s: %d labels, sha256 %s%s%n",
        lid.source(),
        lid.labelCount(),
        sha256,
        sha256.equals(LanguageIdModel.LID_176_SHA256) ? " (lid.176.ftz)" : " (not lid.176.ftz)");
    String inputName = "-".equals(input) ? "standard input" : input;
    try (InputStream in = "-".equals(input) ? System.in : open(input, hadoop);
        BufferedReader lines =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      return labelLines(lines, inputName, lid, out, err);
    } catch (FileNotFoundException e) {
      err.println(
          "lid-text: input file "
              + input
              + " does not exist; pass --input FILE, or '-' for standard input");
      return Main.EXIT_CONFIG;
    } catch (IOException e) {
      err.println("lid-text: cannot read " + inputName + ": " + e);
      return Main.EXIT_FAILED;
    } finally {
      out.flush();
    }
  }

  private static InputStream open(String location, Configuration hadoop) throws IOException {
    Path path = new Path(location);
    return path.getFileSystem(hadoop).open(path);
  }

  private int labelLines(
      BufferedReader lines, String inputName, LanguageIdModel lid, PrintWriter out, PrintWriter err)
      throws IOException {
    JsonFactory json = new JsonFactory();
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    LidBuffer buffer = LidBuffer.create();
    int k = top == null ? 1 : top;
    StringBuilder line = new StringBuilder();
    long lineNumber = 0;
    for (String text; (text = lines.readLine()) != null; ) {
      lineNumber++;
      String caption = parseText(json, text);
      if (caption == null) {
        out.flush();
        err.println(
            "lid-text: line "
                + lineNumber
                + " of "
                + inputName
                + " is not one JSON string: "
                + abbreviate(text)
                + "; write each text as a JSON string, e.g. \"Guten Morgen\"");
        return Main.EXIT_FAILED;
      }
      // spec 8.2: a text given directly has its \n and \r made spaces; the model splits tokens on
      // both as on spaces, so the text goes in as it is.
      int n = lid.predict(caption, k, buffer);
      line.setLength(0);
      if (top != null) {
        line.append('[');
      }
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          line.append(", ");
        }
        line.append("[\"")
            .append(encoder.quoteAsString(buffer.label(i)))
            .append("\", ")
            .append(buffer.probability(i))
            .append(']');
      }
      if (top != null || n == 0) {
        line.append(n == 0 && top == null ? "[]" : "]");
      }
      line.append('\n');
      out.append(line);
    }
    return 0;
  }

  /**
   * Returns the string {@code text} holds as its only JSON value, or null if it holds anything
   * else.
   */
  private static String parseText(JsonFactory json, String text) throws IOException {
    int end = text.length() - 1;
    if (end > 0 && text.charAt(0) == '"' && text.charAt(end) == '"' && plain(text, end)) {
      return text.substring(1, end);
    }
    try (JsonParser parser = json.createParser(text)) {
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        return null;
      }
      String value = parser.getText();
      return parser.nextToken() == null ? value : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** Whether {@code text[1..end)} needs no JSON decoding: no quote, backslash or control char. */
  private static boolean plain(String text, int end) {
    for (int i = 1; i < end; i++) {
      char c = text.charAt(i);
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
