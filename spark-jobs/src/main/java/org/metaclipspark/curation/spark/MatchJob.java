package org.metaclipspark.curation.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.lid.LanguageIdModel;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.match.WorldwideMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.metadata.Vocabularies;
import org.metaclipspark.curation.stats.MatchFigures;
import org.metaclipspark.curation.wat.WatReaderOptions;

/**
 * Pass 1, match: WAT or WARC shards in, every image-text pair whose text matches at least one entry
 * out ({@code matches.v1}), one Parquet file per shard with the shard's accounting in its footer
 * ({@link ShardFiles} states the layout and the commit), and {@code _manifest.json} with every
 * shard's accounting once all are committed. One Spark task per shard; the compiled automaton is
 * broadcast once.
 *
 * <p>Resume: {@code _run.json} records what the output depends on ({@link MatchRun}) before any
 * shard is read. Run again into the same directory, the pass reads only the shards without a
 * committed file and takes the others' accounting from their footers, so the output equals an
 * uninterrupted run's. A run whose shard list, vocabulary or reader settings differ stops with a
 * {@link OutputConflictException} naming the difference; {@code output.overwrite} starts over.
 */
public final class MatchJob {
  private MatchJob() {}

  /** Runs pass 1, or the rest of an interrupted one, and returns its accounting. */
  public static MatchResult run(SparkSession spark, CurationConfig config) {
    config.validateFor(CurationConfig.Pass.MATCH);
    OutputLayout out = OutputLayout.of(config);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();

    List<String> shards = ShardPaths.resolve(config.inputPaths(), config.inputPrefix(), hadoop);
    Progress.say("match: %,d shard(s)", shards.size());
    long start = System.nanoTime();
    Vocab vocab = Vocab.load(config, hadoop, start);
    int committed =
        prepare(
            out.matches(),
            MatchRun.of(config, shards, vocab.schema(), vocab.info()),
            config.overwrite(),
            hadoop);
    if (committed > 0) {
      Progress.say(
          "match: resuming: %,d of %,d shards were already committed in %s",
          committed, shards.size(), out.matches());
    }

    Broadcast<ShardMatcher.Matching> matcherBroadcast = jsc.broadcast(vocab.matching());
    Broadcast<SerializableConfiguration> hadoopBroadcast =
        jsc.broadcast(new SerializableConfiguration(hadoop));
    ShardMatcher.Settings settings =
        new ShardMatcher.Settings(
            out.matches(),
            WatReaderOptions.defaults()
                .withMaxRecordBytes(config.maxRecordBytes())
                .withParseAllPayloads(config.validateAllPayloads()),
            FaultInjector.of(config),
            maxTaskAttempts(spark),
            spark.conf().get("spark.sql.parquet.compression.codec", "snappy"));
    ShardProgress progress = ShardProgress.register(spark);
    // One element per slice: partition i holds shard i, so partition ids are shard indices.
    List<ShardMatcher.Outcome> outcomes =
        jsc.parallelize(shards, shards.size())
            .mapPartitionsWithIndex(
                (index, it) ->
                    List.of(
                            ShardMatcher.run(
                                it.next(),
                                index,
                                hadoopBroadcast.value().value(),
                                matcherBroadcast.value(),
                                settings,
                                progress))
                        .iterator(),
                false)
            .collect();

    List<ShardReport> reports = new ArrayList<>();
    int resumed = 0;
    for (int i = 0; i < shards.size(); i++) {
      ShardReport r = outcomes.get(i).report();
      if (r.index() != i || !r.shard().equals(shards.get(i))) {
        throw new IllegalStateException(
            "the committed file "
                + ShardFiles.fileName(i)
                + " in "
                + out.matches()
                + " holds shard "
                + r.shard()
                + " where the run lists "
                + shards.get(i)
                + "; the directory was changed by hand, rerun with --overwrite");
      }
      reports.add(r);
      resumed += outcomes.get(i).alreadyCommitted() ? 1 : 0;
    }
    MatchResult result = MatchResult.of(reports, resumed);
    TreeMap<String, Long> inflaters = new TreeMap<>();
    reports.forEach(r -> inflaters.merge(r.inflater(), 1L, Long::sum));
    Manifest.write(
        hadoop,
        out.matches(),
        new MatchManifest(
            "match",
            vocab.schema(),
            Manifest.producer(),
            Instant.now().toString(),
            config.inputPaths(),
            shards,
            vocab.info(),
            config.toMap(),
            config.seed(),
            Map.of("matches", result.pairsMatched()),
            result.totals(),
            resumed,
            inflaters,
            reports));
    deleteAttempts(out.matches(), hadoop);
    Progress.say(
        "match: %,d pairs, %,d matched, written to %s",
        result.pairs(), result.pairsMatched(), out.matches());
    return result;
  }

  /**
   * The vocabulary of a run and what it makes: English mode's one file and its automaton, or
   * worldwide mode's directory (spec §8.1) with the language-ID model and an automaton per key.
   */
  private record Vocab(
      ShardMatcher.Matching matching, MatchManifest.VocabularyInfo info, String schema) {
    static Vocab load(CurationConfig config, Configuration hadoop, long start) {
      String location = config.metadataPath();
      if (VocabularyDirectory.isDirectory(location, hadoop)) {
        Vocabularies vocabularies = VocabularyDirectory.load(location, hadoop);
        LanguageIdModel model = LanguageIds.model(config, hadoop);
        WorldwideMatcher matcher =
            WorldwideMatcher.compile(vocabularies, model, LanguageIds.labelKeys(config, hadoop));
        Progress.say(
            "match: worldwide: %d vocabularies in %s, %,d entries; language model %s; automata"
                + " %,d bytes, built in %.1f s",
            vocabularies.keys().size(),
            location,
            vocabularies.totalEntries(),
            model.source(),
            matcher.ramBytesUsed(),
            (System.nanoTime() - start) / 1e9);
        return new Vocab(
            ShardMatcher.Matching.worldwide(matcher),
            MatchManifest.VocabularyInfo.of(location, vocabularies, matcher.sha256()),
            Schemas.MATCHES_WORLDWIDE);
      }
      Metadata metadata = Vocabulary.load(location, hadoop);
      SubstringMatcher matcher = SubstringMatcher.compile(metadata);
      Progress.say(
          "match: metadata %s: %,d entries (%,d duplicates, %,d empty), automaton %,d bytes, built"
              + " in %.1f s",
          metadata.source(),
          metadata.size(),
          metadata.duplicateCount(),
          metadata.emptyCount(),
          matcher.ramBytesUsed(),
          (System.nanoTime() - start) / 1e9);
      return new Vocab(
          ShardMatcher.Matching.english(matcher),
          MatchManifest.VocabularyInfo.of(metadata),
          Schemas.MATCHES);
    }
  }

  /**
   * Makes {@code dir} ready for {@code run} and returns how many shards are committed in it: all
   * gone with {@code overwrite}; none in a new directory, where {@code _run.json} is written first;
   * else the committed ones, if the committed run is {@code run}.
   */
  static int prepare(String dir, MatchRun run, boolean overwrite, Configuration hadoop) {
    Path path = new Path(dir);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      if (overwrite) {
        fs.delete(path, true);
      }
      MatchRun committed =
          Manifest.readFileIfExists(hadoop, dir, MatchRun.FILE_NAME, MatchRun.class);
      if (committed == null) {
        if (fs.exists(path)) {
          for (FileStatus s : fs.listStatus(path)) {
            String name = s.getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
              throw new OutputConflictException(
                  "output "
                      + dir
                      + " exists and holds "
                      + name
                      + ", but no "
                      + MatchRun.FILE_NAME
                      + ", so it is not a match output that can be resumed (an older version"
                      + " writes none); pass --overwrite to replace it, or choose another --out");
            }
          }
        }
        fs.mkdirs(path);
        Manifest.writeFile(hadoop, dir, MatchRun.FILE_NAME, run);
        return 0;
      }
      List<String> differences = run.differencesFrom(committed);
      if (!differences.isEmpty()) {
        throw new OutputConflictException(
            "cannot resume pass 1 in "
                + dir
                + ": "
                + String.join("; ", differences)
                + ". Run the command that started it to resume, or pass --overwrite to start"
                + " over (or choose another --out)");
      }
      // what an interrupted run left half-written; no task of it runs any more
      deleteAttempts(dir, hadoop);
      fs.delete(new Path(dir, Manifest.FILE_NAME), false);
      return ShardFiles.committed(dir, hadoop).size();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare output " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void deleteAttempts(String dir, Configuration hadoop) {
    Path attempts = new Path(dir, ShardFiles.ATTEMPTS_DIR);
    try {
      attempts.getFileSystem(hadoop).delete(attempts, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + attempts + ": " + e.getMessage(), e);
    }
  }

  /**
   * How often Spark runs a task before failing the job: {@code local[N,F]} gives F, local mode 1.
   */
  static int maxTaskAttempts(SparkSession spark) {
    String master = spark.sparkContext().master();
    java.util.regex.Matcher local =
        java.util.regex.Pattern.compile("local\\[[^,\\]]+,\\s*(\\d+)\\]").matcher(master);
    if (local.matches()) {
      return Integer.parseInt(local.group(1));
    }
    if (master.equals("local") || master.startsWith("local[")) {
      return 1;
    }
    return spark.sparkContext().conf().getInt("spark.task.maxFailures", 4);
  }

  /**
   * What pass 1 did: its totals over all shards ({@link MatchFigures}), of which {@code
   * resumedShards} were committed by an earlier run.
   */
  public record MatchResult(MatchFigures figures, int resumedShards) {
    static MatchResult of(List<ShardReport> reports, int resumedShards) {
      return new MatchResult(MatchFigures.of(reports), resumedShards);
    }

    /** See {@link MatchFigures#shards}. */
    public int shards() {
      return figures.shards();
    }

    /** See {@link MatchFigures#records}. */
    public long records() {
      return figures.records();
    }

    /** See {@link MatchFigures#recordsSkipped}. */
    public long recordsSkipped() {
      return figures.recordsSkipped();
    }

    /** See {@link MatchFigures#imageLinks}. */
    public long imageLinks() {
      return figures.imageLinks();
    }

    /** See {@link MatchFigures#pairs}. */
    public long pairs() {
      return figures.pairs();
    }

    /** See {@link MatchFigures#pairsMatched}. */
    public long pairsMatched() {
      return figures.pairsMatched();
    }

    /** See {@link MatchFigures#skipped}. */
    public Map<String, Long> skipped() {
      return figures.skipped();
    }

    /** See {@link MatchFigures#problems}. */
    public List<String> problems() {
      return figures.problems();
    }

    MatchManifest.Totals totals() {
      return new MatchManifest.Totals(
          shards(),
          records(),
          recordsSkipped(),
          imageLinks(),
          pairs(),
          pairsMatched(),
          new TreeMap<>(skipped()));
    }
  }
}
