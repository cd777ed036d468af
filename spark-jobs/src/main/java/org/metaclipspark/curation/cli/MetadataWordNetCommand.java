package org.metaclipspark.curation.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.metaclipspark.curation.metadata.wordnet.WordNetSynsetNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metadata wordnet}: source 1 of the vocabulary build (docs/SEMANTICS.md) from a WordNet
 * dict directory. No Spark.
 */
@Command(
    name = "wordnet",
    mixinStandardHelpOptions = true,
    description = {
      "WordNet synset names as MetaCLIP makes them (each synset's first lemma, lower-cased, cut"
          + " at its first '.', '_' as a space; the empty name dropped), as a JSON array.",
      "Debian's wordnet-base (WordNet 3.0, MetaCLIP's version) installs /usr/share/wordnet."
    })
final class MetadataWordNetCommand implements Callable<Integer> {
  @Option(names = "--dict", required = true, paramLabel = "DIR", description = "WordNet dict dir")
  Path dict;

  @Option(names = "--out", required = true, paramLabel = "FILE.json", description = "output")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    WordNetSynsetNames.DictionaryNames names = WordNetSynsetNames.fromDictionary(dict);
    try (OutputStream o = Files.newOutputStream(out)) {
      WordNetSynsetNames.writeJson(names.names(), o);
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "metaclip-spark metadata wordnet: %,d names from %,d synsets in %s%s%n",
        names.names().size(),
        names.synsets(),
        dict,
        names.emptyNameDropped() ? " (the empty name dropped)" : "");
    w.printf("  damaged lines skipped  %,d%n", names.skippedLines());
    names.problems().stream().limit(10).forEach(p -> w.println("  " + p));
    w.println("output: " + out);
    w.flush();
    return 0;
  }
}
