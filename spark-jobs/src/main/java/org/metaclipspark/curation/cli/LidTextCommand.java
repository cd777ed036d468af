package org.metaclipspark.curation.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
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
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    LidBuffer buffer = LidBuffer.create();
    int k = top == null ? 1 : top;
    return JsonStringLines.run(
        "lid-text",
        input,
        hadoop,
        (text, line) -> {
          // spec 8.2: a text given directly has its \n and \r made spaces; the model splits
          // tokens on both as on spaces, so the text goes in as it is.
          int n = lid.predict(text, k, buffer);
          if (top != null) {
            line.append('[');
          }
          for (int i = 0; i < n; i++) {
            line.append(i > 0 ? ", " : "")
                .append("[\"")
                .append(encoder.quoteAsString(buffer.label(i)))
                .append("\", ")
                .append(buffer.probability(i))
                .append(']');
          }
          if (top != null) {
            line.append(']');
          } else if (n == 0) {
            line.append("[]");
          }
        },
        out,
        err);
  }
}
