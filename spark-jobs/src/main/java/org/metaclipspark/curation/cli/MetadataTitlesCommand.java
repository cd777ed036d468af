package org.metaclipspark.curation.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.metadata.spark.TitlesJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code metadata titles}: source 4 of the vocabulary build (docs/SEMANTICS.md) from Wikimedia
 * hourly pageview files (Spark).
 */
@Command(
    name = "titles",
    mixinStandardHelpOptions = true,
    description = {
      "English Wikipedia titles by pageviews (domain code en; an hourly line counts when its"
          + " views // 50 > 0; titles with ':' dropped; views summed over all files):"
          + " title<TAB>views for every title"
          + " with at least --min-views, by descending views, then title."
    })
final class MetadataTitlesCommand implements Callable<Integer> {
  @Option(
      names = "--pageviews",
      required = true,
      arity = "1..*",
      paramLabel = "FILE[,FILE...]",
      description = "pageviews-*.gz files, directories, globs or list files (*.txt, *.paths)")
  List<String> pageviews;

  @Option(
      names = "--min-views",
      paramLabel = "N",
      description = "keep titles with at least N views in all (default ${DEFAULT-VALUE})")
  long minViews = 70;

  @Option(names = "--out", required = true, paramLabel = "FILE.tsv", description = "output")
  Path out;

  @Mixin MetadataCommand.SparkOptions sparkOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    long start = System.nanoTime();
    SparkSession spark = sparkOptions.session("metadata titles");
    TitlesJob.Result r;
    try {
      r = TitlesJob.run(spark, MetadataCommand.split(pageviews), minViews, out);
    } finally {
      spark.stop();
    }
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "metaclip-spark metadata titles: done in %.1f s (%,d files)%n",
        PassCommand.secondsSince(start), r.files().size());
    w.printf("  %-32s %,14d%n", "titles written", r.titles());
    MetadataCommand.printReport(w, r.report());
    w.println("output: " + out);
    w.flush();
    return 0;
  }
}
