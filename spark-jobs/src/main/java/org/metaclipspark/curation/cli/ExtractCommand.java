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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.metaclipspark.curation.wat.ImageTextPair;
import org.metaclipspark.curation.wat.ShardStats;
import org.metaclipspark.curation.wat.WatPairReader;
import org.metaclipspark.curation.wat.WatReaderOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code extract}: prints every image-text pair of local WAT shards, before matching and dedup.
 *
 * <p>Output goes to {@link System#out} as UTF-8: one JSON array {@code [uuid, imageUrl, textKey,
 * text]} per line in file order, as Python's {@code json.dumps(pair, ensure_ascii=False)} writes
 * it, so it can be diffed against a reference extraction. Each shard's accounting goes to stderr as
 * one JSON object. Exit code 0 when every shard was read (damaged records are skipped and counted,
 * not fatal), 1 when a shard could not be opened or read. Not thread-safe; picocli runs it once.
 */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = {
      "Print the image-text pairs of WAT shards (spec §4), one JSON array"
          + " [uuid, imageUrl, textKey, text] per line, in file order, before matching.",
      "Per-shard accounting (records, links, pairs, skips by reason) goes to stderr as JSON."
    })
public final class ExtractCommand implements Callable<Integer> {

  @Parameters(
      arity = "1..*",
      paramLabel = "SHARD",
      description = "Local .warc.wat.gz (gzip, one member per record) or plain .wat files.")
  private List<Path> shards;

  @Option(
      names = "--max-record-bytes",
      paramLabel = "BYTES",
      description = "Skip (and count) records larger than this. Default: ${DEFAULT-VALUE}.")
  private long maxRecordBytes = WatReaderOptions.MAX_RECORD_BYTES_DEFAULT;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    WatReaderOptions options = WatReaderOptions.defaults().withMaxRecordBytes(maxRecordBytes);
    PrintWriter err = spec.commandLine().getErr();
    ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    int exit = 0;
    Writer out = outputWriter();
    try {
      for (Path shard : shards) {
        String name = shard.getFileName().toString();
        try (InputStream in = Files.newInputStream(shard);
            WatPairReader reader = WatPairReader.open(in, name, options)) {
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
          exit = 1;
        }
      }
      out.flush();
    } catch (IOException e) {
      err.println("extract: cannot write to stdout: " + e.getMessage());
      return 1;
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
