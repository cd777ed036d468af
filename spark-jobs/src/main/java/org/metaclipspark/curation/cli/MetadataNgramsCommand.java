package org.metaclipspark.curation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.metadata.spark.NgramsJob;
import org.metaclipspark.curation.metadata.wiki.ArticleTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metadata ngrams}: sources 2 and 3 of the vocabulary build (docs/SEMANTICS.md) from
 * Wikipedia dumps (Spark).
 */
@Command(
    name = "ngrams",
    mixinStandardHelpOptions = true,
    description = {
      "Unigram and bigram counts (with PMI) of the articles of Wikipedia pages-articles dumps:"
          + " DIR/unigrams.tsv (token, count) and DIR/bigrams.tsv (w1, w2, count, pmi),"
          + " by descending count, then string."
    })
final class MetadataNgramsCommand implements Callable<Integer> {
  @Option(
      names = "--wiki",
      required = true,
      arity = "1..*",
      paramLabel = "DUMP",
      description = "pages-articles dumps (.xml.bz2, .xml): files, directories, globs, list files")
  List<String> wiki;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
  Path out;

  @Option(
      names = "--analyzer",
      paramLabel = "CLASS",
      description = "Lucene Analyzer class (public no-arg constructor). Default: ${DEFAULT-VALUE}")
  String analyzer = ArticleTokenizer.DEFAULT_ANALYZER;

  @Option(
      names = "--min-count",
      paramLabel = "N",
      description = "write only unigrams with count >= N (default: all)")
  long minCount = 1;

  @Option(
      names = "--min-pmi",
      paramLabel = "X",
      description = "write only bigrams with pmi >= X (default: all)")
  double minPmi = Double.NEGATIVE_INFINITY;

  @Mixin MetadataCommand.SparkOptions sparkOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    SparkSession spark = sparkOptions.session("metadata ngrams");
    NgramsJob.Result r;
    try {
      r = NgramsJob.run(spark, MetadataCommand.split(wiki), out, analyzer, minCount, minPmi);
    } finally {
      spark.stop();
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "metaclip-spark metadata ngrams: done in %.1f s (%,d files, %,d bytes)%n",
        PassCommand.secondsSince(start), r.files().size(), r.inputBytes());
    w.printf("  %-32s %,14d%n", "N (unigram tokens)", r.totalTokens());
    w.printf("  %-32s %,14d%n", "unigrams written", r.unigrams());
    w.printf("  %-32s %,14d%n", "bigrams written", r.bigrams());
    MetadataCommand.printReport(w, r.report());
    w.println("outputs: " + out.resolve("unigrams.tsv") + ", " + out.resolve("bigrams.tsv"));
    w.flush();
    return 0;
  }
}
