package org.metaclipspark.curation.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.lid.LabelKeys;
import org.metaclipspark.curation.lid.LanguageIdModel;
import org.metaclipspark.curation.lid.LidBuffer;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.match.WorldwideMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.metadata.Vocabularies;
import org.metaclipspark.curation.spark.HadoopConfs;
import org.metaclipspark.curation.spark.LanguageIds;
import org.metaclipspark.curation.spark.Vocabulary;
import org.metaclipspark.curation.spark.VocabularyDirectory;
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
      "With --vocab DIR (worldwide mode, spec 8: one <key>.json or <key>.txt per language key),"
          + " each line is [label, key, [positions]]: the caption's language by fastText's"
          + " lid.176.ftz (config key lid.model), its vocabulary key, and the positions in that key's"
          + " vocabulary of the entries whose padded form occurs in the spaced caption (an end in"
          + " Han, Thai, Lao, Myanmar, Khmer, Tibetan or punctuation is not padded).",
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
      paramLabel = "FILE|DIR",
      description =
          "Metadata: a JSON array of strings (MetaCLIP's metadata.json) or UTF-8 text with one entry"
              + " per line; or a directory of one such file per language key (worldwide mode);"
              + " local, hdfs:// or s3a:// (config key metadata.path).")
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
    LineMatcher lineMatcher;
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
      lineMatcher =
          VocabularyDirectory.isDirectory(location, hadoop)
              ? worldwide(config, location, hadoop, err)
              : english(location, hadoop, err);
    } catch (ConfigException e) {
      err.println("match-text: " + e.getMessage());
      return Main.EXIT_CONFIG;
    } catch (UncheckedIOException e) {
      err.println("match-text: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    return JsonStringLines.run("match-text", input, hadoop, lineMatcher::match, out, err);
  }

  /** Appends the output of one caption, without the line end, to a line. */
  private interface LineMatcher {
    void match(String caption, StringBuilder line);
  }

  /** English mode (a vocabulary file): the JSON array of matchedEntryIds. */
  private LineMatcher english(String location, Configuration hadoop, PrintWriter err) {
    Metadata metadata = Vocabulary.load(location, hadoop);
    err.printf(
        "match-text: metadata %s: %,d entries, %,d duplicates, %,d empty, sha256 %s%n",
        metadata.source(),
        metadata.size(),
        metadata.duplicateCount(),
        metadata.emptyCount(),
        metadata.sha256());
    SubstringMatcher matcher = SubstringMatcher.compile(metadata);
    MatchBuffer buffer = MatchBuffer.create();
    return (caption, line) -> {
      matcher.matchEntryIds(caption, buffer);
      appendIds(line, buffer, metadata);
    };
  }

  /**
   * Worldwide mode (a vocabulary directory, spec §8): {@code [label, key, [positions]]}, the
   * caption's language, its key and its positions in that key's vocabulary.
   */
  private LineMatcher worldwide(
      CurationConfig config, String location, Configuration hadoop, PrintWriter err) {
    Vocabularies vocabularies = VocabularyDirectory.load(location, hadoop);
    LanguageIdModel model = LanguageIds.model(config, hadoop);
    LabelKeys labelKeys = LanguageIds.labelKeys(config, hadoop);
    err.printf(
        "match-text: vocabularies %s: %d keys, %,d entries; language model %s (sha256 %s);"
            + " label keys from %s%n",
        location,
        vocabularies.keys().size(),
        vocabularies.totalEntries(),
        model.source(),
        model.sha256(),
        labelKeys.source());
    WorldwideMatcher matcher = WorldwideMatcher.compile(vocabularies, model, labelKeys);
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    LidBuffer lid = LidBuffer.create();
    MatchBuffer buffer = MatchBuffer.create();
    return (caption, line) -> {
      // spec 8.2: a text given directly has its \n and \r made spaces, which both the model and
      // the spacing of spec 2 already do.
      int key = matcher.match(caption, lid, buffer);
      line.append("[\"")
          .append(encoder.quoteAsString(lid.label(0)))
          .append("\", \"")
          .append(encoder.quoteAsString(matcher.key(key)))
          .append("\", ");
      appendIds(line, buffer, vocabularies.get(matcher.key(key)));
      line.append(']');
    };
  }

  private void appendIds(StringBuilder line, MatchBuffer buffer, Metadata metadata) {
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    line.append('[');
    for (int i = 0; i < buffer.size(); i++) {
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
    line.append(']');
  }
}
