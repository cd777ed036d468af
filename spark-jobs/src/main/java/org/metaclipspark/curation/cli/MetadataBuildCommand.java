package org.metaclipspark.curation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.metadata.spark.BuildVocabularyJob;
import org.metaclipspark.curation.metadata.vocab.VocabularyMerge;
import org.metaclipspark.curation.metadata.wiki.ArticleTokenizer;
import org.metaclipspark.curation.spark.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metadata build}: the four sources of the vocabulary build (docs/SEMANTICS.md) and their
 * merge into metadata.json.
 */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Build metadata.json from five sources, merged in order without repeats: \"0\"..\"99\","
          + " WordNet names, Wikipedia unigrams,"
          + " bigrams by PMI and titles by pageviews; writes NAME.report.json (per source:"
          + " offered, kept, dropped by reason, overlaps; skipped input) and NAME.sources/."
    })
final class MetadataBuildCommand implements Callable<Integer> {
  @Option(names = "--wordnet", required = true, paramLabel = "DIR", description = "WordNet dict")
  Path wordnet;

  @Option(
      names = "--wiki",
      required = true,
      arity = "1..*",
      paramLabel = "DUMP",
      description = "pages-articles dumps (.xml.bz2, .xml): files, directories, globs, list files")
  List<String> wiki;

  @Option(
      names = "--pageviews",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "pageviews-*.gz files, directories, globs or list files")
  List<String> pageviews;

  @Option(names = "--out", required = true, paramLabel = "metadata.json", description = "output")
  Path out;

  @Option(names = "--min-unigram", paramLabel = "N", description = "default ${DEFAULT-VALUE}")
  long minUnigram = 100;

  @Option(names = "--min-pmi", paramLabel = "X", description = "default ${DEFAULT-VALUE}")
  double minPmi = 30;

  @Option(names = "--min-views", paramLabel = "N", description = "default ${DEFAULT-VALUE}")
  long minViews = 70;

  @Option(names = "--max-entries", paramLabel = "N", description = "default ${DEFAULT-VALUE}")
  int maxEntries = 500_000;

  @Option(
      names = "--analyzer",
      paramLabel = "CLASS",
      description = "Lucene Analyzer class. Default: ${DEFAULT-VALUE}")
  String analyzer = ArticleTokenizer.DEFAULT_ANALYZER;

  @Mixin MetadataCommand.SparkOptions sparkOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (maxEntries < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--max-entries must be >= 1, got " + maxEntries);
    }
    if (minUnigram < 1 || minViews < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--min-unigram must be >= 1 and --min-views >= 0, got " + minUnigram + ", " + minViews);
    }
    long start = System.nanoTime();
    BuildVocabularyJob.Params params =
        new BuildVocabularyJob.Params(
            wordnet,
            MetadataCommand.split(wiki),
            MetadataCommand.split(pageviews),
            out,
            analyzer,
            minUnigram,
            minPmi,
            minViews,
            maxEntries);
    SparkSession spark = sparkOptions.session("metadata build");
    BuildVocabularyJob.Result r;
    try {
      r = BuildVocabularyJob.run(spark, params, line -> Progress.say("%s", line));
    } finally {
      spark.stop();
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "metaclip-spark metadata build: %,d entries in %.1f s%n",
        r.merge().entries().size(), PassCommand.secondsSince(start));
    w.printf("  %-10s %12s %12s  %s%n", "source", "offered", "kept", "dropped");
    for (VocabularyMerge.SourceReport s : r.merge().sources()) {
      w.printf("  %-10s %,12d %,12d  %s%n", s.name(), s.offered(), s.kept(), dropped(s));
    }
    w.println("outputs:");
    w.println("  metadata  " + out);
    w.println("  report    " + r.report());
    w.flush();
    return 0;
  }

  private static String dropped(VocabularyMerge.SourceReport s) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Long> e : s.dropped().entrySet()) {
      b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
    }
    if (!s.duplicatesOf().isEmpty()) {
      b.append(" (duplicates of ").append(s.duplicatesOf()).append(')');
    }
    return b.toString();
  }
}
