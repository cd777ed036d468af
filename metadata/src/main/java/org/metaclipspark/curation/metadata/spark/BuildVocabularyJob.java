package org.metaclipspark.curation.metadata.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.metadata.vocab.VocabularyMerge;
import org.metaclipspark.curation.metadata.wordnet.WordNetSynsetNames;

/**
 * {@code metadata build}: runs the four sources of the vocabulary build (docs/SEMANTICS.md) and
 * merges them into MetaCLIP's {@code metadata.json}, with a report next to it ({@code
 * NAME.report.json}) and the source files in {@code NAME.sources/}.
 */
public final class BuildVocabularyJob {
  private BuildVocabularyJob() {}

  /**
   * The build's parameters.
   *
   * @param wordnetDict a WordNet dict directory
   * @param dumps Wikipedia dumps (files, directories, globs, list files)
   * @param pageviews pageview files (files, directories, globs, list files)
   * @param out the {@code metadata.json} to write
   * @param analyzerClass the Lucene analyzer of the article text
   */
  public record Params(
      Path wordnetDict,
      List<String> dumps,
      List<String> pageviews,
      Path out,
      String analyzerClass,
      long minUnigram,
      double minPmi,
      long minViews,
      int maxEntries) {}

  /** What was built: the merge result and the report written next to the output. */
  public record Result(
      VocabularyMerge.Result merge, Path report, Map<String, Object> reportContent) {}

  /** Runs the build; {@code progress} receives one line per step. */
  public static Result run(SparkSession spark, Params p, Consumer<String> progress)
      throws IOException {
    String base = p.out().getFileName().toString().replaceFirst("\\.json$", "");
    Path parent = p.out().toAbsolutePath().getParent();
    Path sources = parent.resolve(base + ".sources");
    Path reportFile = parent.resolve(base + ".report.json");
    Files.createDirectories(sources);

    progress.accept("wordnet: reading " + p.wordnetDict());
    WordNetSynsetNames.DictionaryNames wordnet = WordNetSynsetNames.fromDictionary(p.wordnetDict());
    try (OutputStream o = Files.newOutputStream(sources.resolve("wordnet.json"))) {
      WordNetSynsetNames.writeJson(wordnet.names(), o);
    }
    progress.accept(
        String.format(
            "wordnet: %,d names, %,d damaged lines skipped",
            wordnet.names().size(), wordnet.skippedLines()));

    progress.accept("ngrams: counting tokens of " + String.join(", ", p.dumps()));
    Path ngramDir = sources.resolve("ngrams");
    NgramsJob.Result ngrams =
        NgramsJob.run(spark, p.dumps(), ngramDir, p.analyzerClass(), p.minUnigram(), p.minPmi());
    progress.accept(
        String.format(
            "ngrams: %,d articles, %,d tokens, %,d unigrams >= %d, %,d bigrams with pmi >= %s",
            ngrams.report().get("pages.article"),
            ngrams.totalTokens(),
            ngrams.unigrams(),
            p.minUnigram(),
            ngrams.bigrams(),
            p.minPmi()));

    progress.accept("titles: summing views of " + String.join(", ", p.pageviews()));
    Path titlesFile = sources.resolve("titles.tsv");
    TitlesJob.Result titles = TitlesJob.run(spark, p.pageviews(), p.minViews(), titlesFile);
    progress.accept(String.format("titles: %,d titles >= %d views", titles.titles(), p.minViews()));

    progress.accept("merge: writing " + p.out());
    List<VocabularyMerge.Source> merged = new ArrayList<>();
    merged.add(new VocabularyMerge.Source("wordnet", wordnet.names().iterator()));
    try (TsvColumn unigrams = new TsvColumn(ngramDir.resolve("unigrams.tsv"), f -> f[0]);
        TsvColumn bigrams = new TsvColumn(ngramDir.resolve("bigrams.tsv"), f -> f[0] + " " + f[1]);
        TsvColumn titleNames = new TsvColumn(titlesFile, f -> f[0])) {
      merged.add(new VocabularyMerge.Source("unigrams", unigrams));
      merged.add(new VocabularyMerge.Source("bigrams", bigrams));
      merged.add(new VocabularyMerge.Source("titles", titleNames));
      VocabularyMerge.Result result = VocabularyMerge.merge(merged, p.maxEntries());
      try (OutputStream o = Files.newOutputStream(p.out())) {
        WordNetSynsetNames.writeJson(result.entries(), o);
      }
      Map<String, Object> report = report(p, wordnet, ngrams, titles, result);
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(reportFile.toFile(), report);
      progress.accept(
          String.format(
              "merge: %,d entries in %s, report in %s",
              result.entries().size(), p.out(), reportFile));
      return new Result(result, reportFile, report);
    }
  }

  private static Map<String, Object> report(
      Params p,
      WordNetSynsetNames.DictionaryNames wordnet,
      NgramsJob.Result ngrams,
      TitlesJob.Result titles,
      VocabularyMerge.Result merge) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("output", p.out().toString());
    r.put("entries", merge.entries().size());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("minUnigram", p.minUnigram());
    params.put("minPmi", p.minPmi());
    params.put("minViews", p.minViews());
    params.put("maxEntries", p.maxEntries());
    params.put("analyzer", p.analyzerClass());
    r.put("parameters", params);
    List<Object> sources = new ArrayList<>();
    for (VocabularyMerge.SourceReport s : merge.sources()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("source", s.name());
      m.put("offered", s.offered());
      m.put("kept", s.kept());
      m.put("dropped", s.dropped());
      m.put("duplicatesOf", s.duplicatesOf());
      sources.add(m);
    }
    r.put("sources", sources);
    Map<String, Object> skipped = new LinkedHashMap<>();
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("dict", p.wordnetDict().toString());
    w.put("synsets", wordnet.synsets());
    w.put("damagedLinesSkipped", wordnet.skippedLines());
    w.put("problems", wordnet.problems());
    skipped.put("wordnet", w);
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("files", ngrams.files());
    n.put("totalTokens", ngrams.totalTokens());
    n.put("counters", ngrams.report().counters());
    n.put("problems", ngrams.report().problems());
    skipped.put("wiki", n);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("files", titles.files());
    t.put("counters", titles.report().counters());
    t.put("problems", titles.report().problems());
    skipped.put("pageviews", t);
    r.put("inputs", skipped);
    return r;
  }

  /** The entries of a sorted TSV source file, read lazily. */
  private static final class TsvColumn implements Iterator<String>, AutoCloseable {
    private final BufferedReader reader;
    private final Function<String[], String> entry;
    private String next;

    TsvColumn(Path file, Function<String[], String> entry) throws IOException {
      this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
      this.entry = entry;
    }

    @Override
    public boolean hasNext() {
      if (next == null) {
        try {
          String line = reader.readLine();
          next = line == null ? null : entry.apply(line.split("\t", -1));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return next != null;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String n = next;
      next = null;
      return n;
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
