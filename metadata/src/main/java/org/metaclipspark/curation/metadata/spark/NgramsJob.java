package org.metaclipspark.curation.metadata.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import javax.xml.stream.XMLStreamException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.spark.api.java.JavaNewHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.metaclipspark.curation.metadata.wiki.ArticleTokenizer;
import org.metaclipspark.curation.metadata.wiki.Pmi;
import org.metaclipspark.curation.metadata.wiki.WikiPage;
import org.metaclipspark.curation.metadata.wiki.Wikitext;
import org.metaclipspark.curation.metadata.wiki.WikitextException;
import scala.Tuple2;

/**
 * Sources 2 and 3 of the vocabulary build (docs/SEMANTICS.md): counts the tokens and adjacent token
 * pairs of the articles of Wikipedia {@code pages-articles} dumps, and writes {@code unigrams.tsv}
 * ({@code token TAB count}) and {@code bigrams.tsv} ({@code w1 TAB w2 TAB count TAB pmi}).
 *
 * <p>Read ({@link WikiPageInputFormat}, bz2 split by block) → per page: parse, keep namespace 0
 * without redirects, {@link Wikitext#toPlainText}, {@link ArticleTokenizer} per line → one row per
 * token and one per pair of adjacent tokens within a line → one Spark aggregation (partial
 * aggregation per task, spilling to disk, so memory stays bounded) → PMI joined from the unigram
 * counts → sorted by descending count, then by string (code point order), and streamed to the TSV
 * files on the driver partition by partition. The output does not depend on partitioning.
 */
public final class NgramsJob {
  /** Unigram rows carry this as their second word; a token is never empty. */
  private static final String NO_SECOND = "";

  private static final String MAX_SPLIT_SIZE = "mapreduce.input.fileinputformat.split.maxsize";

  /** Splits are at least this large (a few bzip2 blocks). */
  private static final long MIN_SPLIT_BYTES = 1 << 20;

  private NgramsJob() {}

  /**
   * What the job read, skipped and wrote.
   *
   * @param files dump files read
   * @param inputBytes their size on disk
   * @param report counters summed over splits ({@code pages.*}, {@code page.*}, {@code dump.*},
   *     {@code tokens}) and the first problems
   * @param totalTokens N, the number of unigram tokens
   * @param unigrams lines written to {@code unigrams.tsv}
   * @param bigrams lines written to {@code bigrams.tsv}
   */
  public record Result(
      List<String> files,
      long inputBytes,
      UnitReport.Summary report,
      long totalTokens,
      long unigrams,
      long bigrams) {}

  /**
   * Runs the job.
   *
   * @param dumps dump files, directories, globs or list files
   * @param outDir local directory for {@code unigrams.tsv} and {@code bigrams.tsv}
   * @param analyzerClass the Lucene analyzer, {@link ArticleTokenizer#DEFAULT_ANALYZER} by default
   * @param minUnigramCount unigrams with a smaller count are not written (1 writes all)
   * @param minPmi bigrams with a smaller PMI are not written ({@code -Infinity} writes all)
   */
  public static Result run(
      SparkSession spark,
      List<String> dumps,
      Path outDir,
      String analyzerClass,
      long minUnigramCount,
      double minPmi)
      throws IOException {
    ArticleTokenizer.forAnalyzer(analyzerClass); // fail before Spark work if it cannot load
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    List<String> files = InputPaths.expand(hadoop, dumps);
    long inputBytes = 0;
    for (String f : files) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f);
      inputBytes += p.getFileSystem(hadoop).getFileStatus(p).getLen();
    }
    UnitReportAccumulator reports = new UnitReportAccumulator();
    spark.sparkContext().register(reports, "ngram split reports");

    Configuration readConf = new Configuration(hadoop);
    if (readConf.get(MAX_SPLIT_SIZE) == null) {
      // About three splits per core, so one dump keeps every core busy; a big dump gets the
      // file system's block size (FileInputFormat never makes splits larger than a block).
      long perSplit = inputBytes / (3L * Math.max(1, jsc.defaultParallelism()));
      readConf.setLong(MAX_SPLIT_SIZE, Math.max(MIN_SPLIT_BYTES, perSplit));
    }
    JavaNewHadoopRDD<LongWritable, Text> pages =
        (JavaNewHadoopRDD<LongWritable, Text>)
            jsc.newAPIHadoopFile(
                String.join(",", files),
                WikiPageInputFormat.class,
                LongWritable.class,
                Text.class,
                readConf);
    JavaRDD<Tuple2<String, String>> grams =
        pages.mapPartitionsWithInputSplit(
            (split, records) -> new GramIterator(split, records, analyzerClass, reports), false);

    Dataset<Row> counts =
        spark
            .createDataset(grams.rdd(), Encoders.tuple(Encoders.STRING(), Encoders.STRING()))
            .toDF("w1", "w2")
            .groupBy("w1", "w2")
            .count()
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> unigrams =
          counts.where(col("w2").equalTo(NO_SECOND)).select(col("w1").as("token"), col("count"));
      Row total = unigrams.agg(sum("count")).first();
      long n = total.isNullAt(0) ? 0 : total.getLong(0);

      Files.createDirectories(outDir);
      long unigramLines =
          writeTsv(
              unigrams
                  .where(col("count").geq(minUnigramCount))
                  .orderBy(col("count").desc(), col("token").asc()),
              outDir.resolve("unigrams.tsv"),
              false);

      UserDefinedFunction pmi =
          udf((UDF4<Long, Long, Long, Long, Double>) Pmi::pmi, DataTypes.DoubleType)
              .withName("pmi");
      Dataset<Row> a = unigrams.toDF("a_token", "a_count");
      Dataset<Row> b = unigrams.toDF("b_token", "b_count");
      Dataset<Row> bigrams =
          counts
              .where(col("w2").notEqual(NO_SECOND))
              .join(a, col("w1").equalTo(col("a_token")))
              .join(b, col("w2").equalTo(col("b_token")))
              .withColumn("pmi", pmi.apply(col("count"), col("a_count"), col("b_count"), lit(n)))
              .where(col("pmi").geq(minPmi))
              .withColumn("entry", concat_ws(" ", col("w1"), col("w2")))
              .orderBy(col("count").desc(), col("entry").asc())
              .select("w1", "w2", "count", "pmi");
      long bigramLines = writeTsv(bigrams, outDir.resolve("bigrams.tsv"), true);

      UnitReport.Summary summary = UnitReport.summarize(reports.value().values(), 100);
      return new Result(files, inputBytes, summary, n, unigramLines, bigramLines);
    } finally {
      counts.unpersist();
    }
  }

  /** Streams {@code rows} to a TSV file in order, one partition at a time on the driver. */
  private static long writeTsv(Dataset<Row> rows, Path file, boolean bigram) throws IOException {
    long lines = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Iterator<Row> it = rows.toLocalIterator(); it.hasNext(); ) {
        Row r = it.next();
        out.write(r.getString(0));
        out.write('\t');
        if (bigram) {
          out.write(r.getString(1));
          out.write('\t');
          out.write(Long.toString(r.getLong(2)));
          out.write('\t');
          out.write(Double.toString(r.getDouble(3)));
        } else {
          out.write(Long.toString(r.getLong(1)));
        }
        out.write('\n');
        lines++;
      }
    }
    return lines;
  }

  /**
   * The rows of one split: per article, each token as {@code (token, "")} and each pair of adjacent
   * tokens within a line as {@code (w1, w2)}. Hands the split's report to the accumulator when it
   * is exhausted.
   */
  static final class GramIterator implements Iterator<Tuple2<String, String>> {
    private final Iterator<Tuple2<LongWritable, Text>> records;
    private final ArticleTokenizer tokenizer;
    private final UnitReportAccumulator accumulator;
    private final UnitReport report;
    private final String file;
    private final ArrayDeque<Tuple2<String, String>> pending = new ArrayDeque<>();
    private boolean reported;
    private long tokenCount;

    GramIterator(
        InputSplit split,
        Iterator<Tuple2<LongWritable, Text>> records,
        String analyzerClass,
        UnitReportAccumulator accumulator) {
      FileSplit fileSplit = (FileSplit) split;
      this.file = fileSplit.getPath().toString();
      this.records = records;
      this.tokenizer = ArticleTokenizer.forAnalyzer(analyzerClass);
      this.accumulator = accumulator;
      this.report = new UnitReport(file + "@" + String.format("%015d", fileSplit.getStart()));
    }

    @Override
    public boolean hasNext() {
      while (pending.isEmpty()) {
        if (!records.hasNext()) {
          if (!reported) {
            reported = true;
            report.add("tokens", tokenCount);
            accumulator.add(report);
          }
          return false;
        }
        Tuple2<LongWritable, Text> record = records.next();
        page(record._1().get(), record._2().toString());
      }
      return true;
    }

    @Override
    public Tuple2<String, String> next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return pending.poll();
    }

    private void page(long position, String xml) {
      if (!xml.isEmpty() && xml.charAt(0) == WikiPageInputFormat.PROBLEM_MARK) {
        int tab = xml.indexOf('\t');
        report.problem(xml.substring(1, tab), xml.substring(tab + 1));
        return;
      }
      report.add("pages.read", 1);
      WikiPage page;
      try {
        page = WikiPage.parse(xml);
      } catch (XMLStreamException e) {
        report.problem(
            "page.bad_xml",
            "page XML does not parse ("
                + e.getMessage().replace('\n', ' ')
                + ") at position "
                + position
                + " in "
                + file);
        return;
      }
      if (page.ns() != 0) {
        report.add("pages.other_namespace", 1);
        return;
      }
      if (page.redirect()) {
        report.add("pages.redirect", 1);
        return;
      }
      String text;
      try {
        text = Wikitext.toPlainText(page.text());
      } catch (WikitextException e) {
        report.problem(
            "page.bad_wikitext",
            "wikitext of page '"
                + page.title()
                + "' (id "
                + page.id()
                + ") does not parse: "
                + e.getMessage()
                + "; page at position "
                + position
                + " in "
                + file);
        return;
      }
      report.add("pages.article", 1);
      for (String line : text.split("\n")) {
        List<String> tokens = tokenizer.tokens(line);
        String previous = null;
        for (String token : tokens) {
          if (token.indexOf('\t') >= 0 || token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
            report.add("tokens.with_tab_or_newline", 1); // would break the TSV; an odd analyzer
            previous = null;
            continue;
          }
          tokenCount++;
          pending.add(new Tuple2<>(token, NO_SECOND));
          if (previous != null) {
            pending.add(new Tuple2<>(previous, token));
          }
          previous = token;
        }
      }
    }
  }
}
