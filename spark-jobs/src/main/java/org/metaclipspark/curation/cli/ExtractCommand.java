package org.metaclipspark.curation.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.spark.HadoopConfs;
import org.metaclipspark.curation.spark.ShardPaths;
import org.metaclipspark.curation.wat.ImageTextPair;
import org.metaclipspark.curation.wat.ShardStats;
import org.metaclipspark.curation.wat.WatPairReader;
import org.metaclipspark.curation.wat.WatReaderOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code extract}: prints every image-text pair of WAT or WARC shards, before matching and dedup.
 *
 * <p>Shards are read through Hadoop's file systems like pass 1 reads them (local, {@code hdfs://},
 * {@code s3a://}; directories, globs and list files expand as for {@code --input}), with {@code
 * input.*} and the {@code spark.hadoop.*} settings from {@code --conf} and {@code --set}. Output
 * goes to {@link System#out} as UTF-8: one JSON array {@code [uuid, imageUrl, textKey, text]} per
 * line in file order, as Python's {@code json.dumps(pair, ensure_ascii=False)} writes it, so it can
 * be diffed against a reference extraction. Each shard's accounting goes to stderr as one JSON
 * object. Exit code 0 when every shard was read (damaged records are skipped and counted, not
 * fatal), 1 when a shard failed while being read, 2 for a usage or config error (no shards, a path
 * that does not exist, a bad limit). Not thread-safe; picocli runs it once.
 */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Print the image-text pairs of WAT or WARC shards, one JSON array [uuid, imageUrl, textKey, text]"
          + " per line, in file order, before matching: one pair for each alt, title and"
          + " data-image-title text of each IMG@/src link of each metadata record, the link"
          + " resolved against the page's URL (http and https only), the text stripped.",
      "Per-shard accounting (records, links, pairs, skips by reason) goes to stderr as JSON."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every shard was read",
      "1:a shard failed while being read; the other shards were printed",
      "2:a usage or config error, e.g. a shard that does not exist"
    })
public final class ExtractCommand implements Callable<Integer> {

  @Parameters(
      arity = "0..*",
      paramLabel = "SHARD",
      description =
          "WAT or WARC shards (.warc.wat.gz or .warc.gz, one gzip member per record, or plain;"
              + " each shard's first record tells which), directories, globs or list files"
              + " (wat.paths.gz, warc.paths.gz); local, hdfs:// or s3a://. Default: input.paths"
              + " from the config.")
  private List<String> shards = new ArrayList<>();

  @Option(
      names = "--max-record-bytes",
      paramLabel = "BYTES",
      description =
          "Skip (and count) records larger than this (config key input.maxRecordBytes;"
              + " default 67108864).")
  private Long maxRecordBytes;

  @Mixin private ConfSources sources;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    List<String> paths;
    WatReaderOptions options;
    Configuration hadoop;
    try {
      CurationConfig.Builder builder = sources.builder();
      if (!shards.isEmpty()) {
        builder.set(ConfigKeys.INPUT_PATHS, String.join(",", shards), "SHARD arguments");
      }
      ConfigOptions.flag(
          builder, ConfigKeys.INPUT_MAX_RECORD_BYTES, maxRecordBytes, "--max-record-bytes");
      CurationConfig config = builder.build().validateFor(CurationConfig.Pass.EXTRACT);
      if (config.inputPaths().isEmpty()) {
        throw new ConfigException(
            "no shards to read: give SHARD arguments, or set input.paths with --conf or --set");
      }
      options =
          WatReaderOptions.defaults()
              .withMaxRecordBytes(config.maxRecordBytes())
              .withParseAllPayloads(config.validateAllPayloads());
      hadoop = HadoopConfs.of(config);
      paths = ShardPaths.resolve(config.inputPaths(), config.inputPrefix(), hadoop);
    } catch (ConfigException e) {
      err.println("extract: " + e.getMessage());
      err.flush();
      return Main.EXIT_CONFIG;
    } catch (UncheckedIOException e) {
      err.println("extract: " + e.getMessage());
      err.flush();
      return Main.EXIT_FAILED;
    }
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    int exit = 0;
    Writer out = outputWriter();
    try {
      for (String shard : paths) {
        Path path = new Path(shard);
        try (InputStream in = path.getFileSystem(hadoop).open(path);
            WatPairReader reader = WatPairReader.open(in, path.getName(), options)) {
          while (reader.hasNext()) {
            writePair(out, reader.next());
          }
          out.flush();
          ShardStats stats = reader.stats();
          err.println(mapper.writeValueAsString(stats.toMap()));
          err.flush();
        } catch (IOException | UncheckedIOException e) {
          err.println(
              "extract: cannot read shard "
                  + shard
                  + ": "
                  + e.getMessage()
                  + " (check that the file exists and is readable)");
          err.flush();
          exit = Main.EXIT_FAILED;
        }
      }
      out.flush();
    } catch (IOException e) {
      err.println("extract: cannot write to stdout: " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    return exit;
  }

  /** Stdout as UTF-8 whatever the platform charset, since the pairs hold any script. */
  private static Writer outputWriter() {
    return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
  }

  static void writePair(Writer out, ImageTextPair p) throws IOException {
    out.write('[');
    writeString(out, p.uuid());
    out.write(", ");
    writeString(out, p.imageUrl());
    out.write(", ");
    writeString(out, p.textKey());
    out.write(", ");
    writeString(out, p.text());
    out.write("]\n");
  }

  private static void writeString(Writer out, String s) throws IOException {
    out.write('"');
    out.write(JsonStringEncoder.getInstance().quoteAsString(s));
    out.write('"');
  }
}
