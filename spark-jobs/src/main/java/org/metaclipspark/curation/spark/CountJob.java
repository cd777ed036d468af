package org.metaclipspark.curation.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.metaclipspark.curation.balance.EntryCounts;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.dedup.FirstOfEachKey;
import org.metaclipspark.curation.dedup.PairFingerprint;
import org.metaclipspark.curation.dedup.RowLocators;
import org.metaclipspark.curation.dedup.WinnerBitmap;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.stats.CountFigures;
import scala.collection.Seq;

/**
 * Pass 2, count: dedup the matched pairs on {@code (uuid, text)} across all shards, then count each
 * entry over the distinct pairs. Writes {@code distinct_pairs.v1} and {@code entry_counts.v1}
 * (every entry, zeros included), and commits both as a whole.
 *
 * <p>The dedup shuffles hashes, not rows:
 *
 * <ol>
 *   <li>scan {@code matches/} reading only {@code uuid}, {@code text} and each row's file and row
 *       index, and turn every pair into a {@link PairFingerprint}: two longs, the 88-bit key and
 *       the 40-bit locator (the pair's row number over the data files sorted by name, {@link
 *       RowLocators});
 *   <li>shuffle those by key, sort, and keep the smallest locator of each key: the winner ({@link
 *       FirstOfEachKey});
 *   <li>shuffle the winners' locators (one long each) by data file and write each file's winners as
 *       a {@link WinnerBitmap} of its rows to a scratch directory;
 *   <li>fetch and count: scan {@code matches/} again with Spark's columnar reader, keeping the rows
 *       whose bit is set: they are written as {@code distinct_pairs} and counted per entry in the
 *       same scan ({@code FetchAndCount}, with a {@link TaskTally}), without passing through an
 *       external {@code Row}.
 * </ol>
 *
 * <p>The winner rule is the core's ({@code curation-core}'s {@code dedup} package, tested there
 * against its naive definition); this class runs it on Spark.
 *
 * <p>So the pair kept is the one pass 1 wrote first: the smallest (shard, position in the shard).
 */
public final class CountJob {
  /** The winner rule, as manifests record it. */
  static final String WINNER_RULE =
      "smallest locator: data files of matches/ sorted by name (shard order), then row order";

  private static final StructType KEY_SCHEMA =
      new StructType().add("high", DataTypes.LongType, false).add("low", DataTypes.LongType, false);

  private static final StructType LOCATOR_SCHEMA =
      new StructType().add("locator", DataTypes.LongType, false);

  private static final StructType BITMAP_SCHEMA =
      new StructType()
          .add("file", DataTypes.IntegerType, false)
          .add("winners", DataTypes.IntegerType, false);

  private CountJob() {}

  /** Runs pass 2 on the output of pass 1, or reuses its committed output if the inputs match. */
  public static CountResult run(SparkSession spark, CurationConfig config) {
    config.validateFor(CurationConfig.Pass.COUNT);
    OutputLayout out = OutputLayout.of(config);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    MatchManifestView match =
        Manifest.read(hadoop, out.matches(), "match", MatchManifestView.class);
    List<CountManifest.InputFile> files = dataFiles(hadoop, out.matches());
    if (files.isEmpty()) {
      throw new IllegalStateException(
          "no Parquet data files in " + out.matches() + "; rerun the match pass");
    }

    CountResult reused =
        reuseCommitted(spark, hadoop, out, config, files, match.vocabularySha256());
    if (reused != null) {
      return reused;
    }
    Metadata metadata = Vocabulary.load(match.vocabularyPath(), hadoop);
    if (!metadata.sha256().equals(match.vocabularySha256())) {
      throw new OutputConflictException(
          "the metadata at "
              + match.vocabularyPath()
              + " changed since pass 1 ran (sha256 "
              + metadata.sha256()
              + ", pass 1 used "
              + match.vocabularySha256()
              + "); rerun match with --overwrite");
    }

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<SerializableConfiguration> hadoopBroadcast =
        jsc.broadcast(new SerializableConfiguration(hadoop));
    RowLocators locators = rowLocators(jsc, hadoopBroadcast, out.matches(), files);
    long matchedPairs = locators.rows();
    Map<String, Long> fileStart = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      fileStart.put(files.get(i).name(), locators.firstRow(i));
    }
    Broadcast<Map<String, Long>> fileStartBroadcast = jsc.broadcast(fileStart);
    Broadcast<RowLocators> locatorsBroadcast = jsc.broadcast(locators);
    FaultInjector faults = FaultInjector.of(config);

    Progress.say(
        "count: dedup of %,d matched pairs in %,d files on (uuid, text) by 128-bit hash",
        matchedPairs, files.size());
    Dataset<Row> keys =
        spark
            .read()
            .schema(Schemas.load(Schemas.MATCHES))
            .parquet(out.matches())
            .select(
                col("uuid"), col("text"), col("_metadata.file_name"), col("_metadata.row_index"))
            .mapPartitions(new KeyRecords(fileStartBroadcast, faults), Encoders.row(KEY_SCHEMA));
    int keyPartitions = Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
    Dataset<Row> winners =
        keys.repartition(keyPartitions, col("high"))
            .sortWithinPartitions("high", "low")
            .mapPartitions(new Winners(faults), Encoders.row(LOCATOR_SCHEMA));
    spark
        .udf()
        .register(
            "metaclip_file_of_locator",
            (UDF1<Long, Integer>) locator -> locatorsBroadcast.value().fileOf(locator),
            DataTypes.IntegerType);
    // The winners of each data file, as a bitmap of its rows, written once to a scratch directory:
    // the fetch then reads matches/ through Spark's columnar reader and keeps the rows whose bit
    // is set, so no row travels through a shuffle or an external Row.
    String scratch = out.root() + "/_count-winners.tmp";
    Commit.delete(hadoop, scratch);
    List<Row> written =
        winners
            .repartition(files.size(), callUDF("metaclip_file_of_locator", col("locator")))
            .sortWithinPartitions("locator")
            .mapPartitions(
                new WinnerBitmaps(locatorsBroadcast, hadoopBroadcast, scratch, faults),
                Encoders.row(BITMAP_SCHEMA))
            .collectAsList();
    int[] winnersPerFile = new int[files.size()];
    long winnerRows = 0;
    for (Row r : written) {
      winnersPerFile[r.getInt(0)] = r.getInt(1);
      winnerRows += r.getInt(1);
    }
    Map<String, Integer> fileIndex = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      fileIndex.put(files.get(i).name(), i);
    }
    // Slots [0, entries): the count of each entry; slot entries: the distinct pairs.
    EntryCountAccumulator counts = new EntryCountAccumulator(metadata.size() + 1);
    spark.sparkContext().register(counts, "entry counts");
    UserDefinedFunction fetchAndCount =
        udf(
                new FetchAndCount(
                    jsc.broadcast(fileIndex),
                    jsc.broadcast(winnersPerFile),
                    locatorsBroadcast,
                    hadoopBroadcast,
                    scratch,
                    new TaskTally(counts, metadata.size() + 1, "pass 2's fetch"),
                    faults),
                DataTypes.BooleanType)
            // Evaluated exactly once per row, since it counts what it keeps.
            .asNondeterministic();
    StructType distinctSchema = Schemas.load(Schemas.DISTINCT_PAIRS);
    Column[] columns = new Column[distinctSchema.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = col(distinctSchema.fields()[i].name());
    }
    Dataset<Row> rows =
        spark
            .read()
            .schema(Schemas.load(Schemas.MATCHES))
            .parquet(out.matches())
            .filter(
                fetchAndCount.apply(
                    col("_metadata.file_name"),
                    col("_metadata.row_index"),
                    col("matched_entry_ids")))
            .select(columns);

    Commit pairsCommit = Commit.start(hadoop, out.distinctPairs());
    Commit countsCommit = Commit.start(hadoop, out.entryCounts());
    rows.write().parquet(pairsCommit.writeDir());
    long[] sums = counts.value();
    long distinctPairs = sums[metadata.size()];
    if (distinctPairs != winnerRows) {
      throw new IllegalStateException(
          "count: the fetch read "
              + distinctPairs
              + " winning rows of "
              + winnerRows
              + "; was matches/ changed during pass 2?");
    }
    Commit.delete(hadoop, scratch);
    EntryCounts entryCounts = EntryCounts.of(Arrays.copyOf(sums, metadata.size()));
    writeEntryCounts(spark, jsc, metadata, entryCounts, countsCommit.writeDir());

    CountResult result = CountResult.of(distinctPairs, entryCounts, config.t().orElse(null), false);
    String commitId = UUID.randomUUID().toString();
    Manifest.write(
        hadoop,
        pairsCommit.writeDir(),
        manifest(Schemas.DISTINCT_PAIRS, commitId, out, files, match, config, result, entryCounts));
    Manifest.write(
        hadoop,
        countsCommit.writeDir(),
        manifest(Schemas.ENTRY_COUNTS, commitId, out, files, match, config, result, entryCounts));
    // entry_counts is committed last: its manifest is the pass's commit mark, so the old one goes
    // first and a crash between the two commits leaves no committed pass.
    countsCommit.withdrawOld();
    pairsCommit.publish();
    countsCommit.publish();
    Progress.say(
        "count: %,d distinct pairs, %,d entries with count > 0",
        distinctPairs, result.entriesMatched());
    return result;
  }

  /**
   * The committed result if pass 2 already ran on exactly these inputs; null if it must run. Stops
   * when a committed result came from other inputs, unless {@code --overwrite}.
   */
  private static CountResult reuseCommitted(
      SparkSession spark,
      Configuration hadoop,
      OutputLayout out,
      CurationConfig config,
      List<CountManifest.InputFile> files,
      String sha256) {
    boolean committed =
        Commit.committed(hadoop, out.entryCounts())
            && Commit.committed(hadoop, out.distinctPairs());
    if (committed && !config.overwrite()) {
      CountManifest done = Manifest.read(hadoop, out.entryCounts(), "count", CountManifest.class);
      CountManifest pairs =
          Manifest.read(hadoop, out.distinctPairs(), "count", CountManifest.class);
      String difference =
          java.util.Objects.equals(done.commitId(), pairs.commitId())
              ? done.differenceFrom(files, sha256)
              : "distinct_pairs/ (commit "
                  + pairs.commitId()
                  + ") and entry_counts/ (commit "
                  + done.commitId()
                  + ") come from different runs";
      if (difference != null) {
        throw new OutputConflictException(
            "count: "
                + out.entryCounts()
                + " was committed from other inputs: "
                + difference
                + "; pass --overwrite to recount, or choose another --out");
      }
      Progress.say("count: committed output in %s matches its inputs, skipped", out.root());
      CountManifest.Statistics s = done.statistics();
      EntryCounts entryCounts = CountOutput.read(spark, out).counts();
      return CountResult.of(s.distinctPairs(), entryCounts, config.t().orElse(null), true);
    }
    for (String dir : List.of(out.distinctPairs(), out.entryCounts())) {
      if (Commit.exists(hadoop, dir) && !config.overwrite() && !committed) {
        Progress.say("count: removing %s, left uncommitted by an earlier run", dir);
      }
    }
    return null;
  }

  private static CountManifest manifest(
      String schema,
      String commitId,
      OutputLayout out,
      List<CountManifest.InputFile> files,
      MatchManifestView match,
      CurationConfig config,
      CountResult r,
      EntryCounts entryCounts) {
    String version = Manifest.class.getPackage().getImplementationVersion();
    return new CountManifest(
        "count",
        schema,
        "metaclip-spark " + (version == null ? "(development build)" : version),
        Instant.now().toString(),
        commitId,
        List.of(out.matches()),
        files,
        match.vocabulary(),
        config.toMap(),
        config.seed(),
        WINNER_RULE,
        schema.equals(Schemas.DISTINCT_PAIRS)
            ? Map.of("distinct_pairs", r.distinctPairs())
            : Map.of(
                "distinct_pairs", r.distinctPairs(), "entry_counts", (long) entryCounts.entries()),
        new CountManifest.Statistics(
            r.distinctPairs(),
            r.totalMatches(),
            r.entriesMatched(),
            r.t(),
            r.headEntries(),
            r.pOfT()));
  }

  /** The Parquet data files of {@code dir} with their sizes, sorted by name: the locator order. */
  static List<CountManifest.InputFile> dataFiles(Configuration hadoop, String dir) {
    Path path = new Path(dir);
    try {
      List<CountManifest.InputFile> files = new ArrayList<>();
      for (FileStatus f : path.getFileSystem(hadoop).listStatus(path)) {
        String name = f.getPath().getName();
        if (f.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
          files.add(new CountManifest.InputFile(name, f.getLen()));
        }
      }
      files.sort(java.util.Comparator.comparing(CountManifest.InputFile::name));
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The locators of the rows of {@code files}, counted from their Parquet footers in parallel. */
  private static RowLocators rowLocators(
      JavaSparkContext jsc,
      Broadcast<SerializableConfiguration> hadoop,
      String dir,
      List<CountManifest.InputFile> files) {
    List<String> paths = new ArrayList<>();
    for (CountManifest.InputFile f : files) {
      paths.add(new Path(dir, f.name()).toString());
    }
    List<Long> rows =
        jsc.parallelize(paths, Math.max(1, Math.min(paths.size(), 64)))
            .map(
                p -> {
                  try (ParquetFileReader reader =
                      ParquetFileReader.open(
                          HadoopInputFile.fromPath(new Path(p), hadoop.value().value()))) {
                    return reader.getRecordCount();
                  }
                })
            .collect();
    return RowLocators.of(rows.stream().mapToLong(Long::longValue).toArray());
  }

  private static void writeEntryCounts(
      SparkSession spark,
      JavaSparkContext jsc,
      Metadata metadata,
      EntryCounts entryCounts,
      String dir) {
    // Rows are built on the executors from broadcast arrays: a driver-side list of 500k rows
    // would travel inside one oversized task.
    Broadcast<Metadata> metadataBroadcast = jsc.broadcast(metadata);
    Broadcast<EntryCounts> countBroadcast = jsc.broadcast(entryCounts);
    int entries = entryCounts.entries();
    JavaRDD<Row> rows =
        spark
            .range(0, entries, 1, Math.max(1, entries / 250_000))
            .javaRDD()
            .map(
                id -> {
                  int e = Math.toIntExact(id);
                  return RowFactory.create(
                      e, metadataBroadcast.value().entry(e), countBroadcast.value().count(e));
                });
    spark.createDataFrame(rows, Schemas.load(Schemas.ENTRY_COUNTS)).write().parquet(dir);
  }

  /** Stage 1, map side: each pair of {@code matches/} as its two-long fingerprint record. */
  private static final class KeyRecords implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Map<String, Long>> fileStart;
    private final FaultInjector faults;

    KeyRecords(Broadcast<Map<String, Long>> fileStart, FaultInjector faults) {
      this.fileStart = fileStart;
      this.faults = faults;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Map<String, Long> start = fileStart.value();
      return new Iterator<>() {
        private boolean first = true;

        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          Long fileFirst = start.get(r.getString(2));
          if (fileFirst == null) {
            throw new IllegalStateException(
                "matches/ file " + r.getString(2) + " appeared after pass 2 listed the files");
          }
          long[] hash = PairFingerprint.hash128(r.getString(0), r.getString(1));
          Row record =
              RowFactory.create(
                  PairFingerprint.high(hash), PairFingerprint.low(hash, fileFirst + r.getLong(3)));
          if (first) {
            first = false;
            faults.check("count");
          }
          return record;
        }
      };
    }
  }

  /**
   * Stage 1, reduce side: records sorted by (high, low), and their winners ({@link
   * FirstOfEachKey}).
   */
  private static final class Winners implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final FaultInjector faults;

    Winners(FaultInjector faults) {
      this.faults = faults;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sorted) {
      PrimitiveIterator.OfLong winners =
          FirstOfEachKey.of(sorted, r -> r.getLong(0), r -> r.getLong(1));
      return new Iterator<>() {
        private boolean first = true;

        @Override
        public boolean hasNext() {
          return winners.hasNext();
        }

        @Override
        public Row next() {
          long locator = winners.nextLong();
          if (first) {
            first = false;
            faults.check("count");
          }
          return RowFactory.create(locator);
        }
      };
    }
  }

  /**
   * Winners' locators, ascending, in; for each data file among them, its {@link WinnerBitmap}
   * written to {@code scratch/FILE_INDEX}, and one record (file index, winners) out. A retry
   * rewrites the same bytes.
   */
  private static final class WinnerBitmaps implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<RowLocators> locators;
    private final Broadcast<SerializableConfiguration> hadoop;
    private final String scratch;
    private final FaultInjector faults;

    WinnerBitmaps(
        Broadcast<RowLocators> locators,
        Broadcast<SerializableConfiguration> hadoop,
        String scratch,
        FaultInjector faults) {
      this.locators = locators;
      this.hadoop = hadoop;
      this.scratch = scratch;
      this.faults = faults;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws IOException {
      List<Row> written = new ArrayList<>();
      PrimitiveIterator.OfLong ascending =
          new PrimitiveIterator.OfLong() {
            @Override
            public boolean hasNext() {
              return rows.hasNext();
            }

            @Override
            public long nextLong() {
              return rows.next().getLong(0);
            }
          };
      WinnerBitmap.group(
          locators.value(),
          ascending,
          bitmap -> {
            Path path = new Path(scratch, Integer.toString(bitmap.file()));
            try (DataOutputStream out =
                new DataOutputStream(
                    new BufferedOutputStream(
                        path.getFileSystem(hadoop.value().value()).create(path, true)))) {
              bitmap.writeTo(out);
            }
            written.add(RowFactory.create(bitmap.file(), bitmap.winners()));
          });
      if (!written.isEmpty()) {
        faults.check("count");
      }
      return written.iterator();
    }
  }

  /**
   * Stage 3, fetch and count: for each row of {@code matches/}, whether it is a winner (its bit is
   * set in its file's {@link WinnerBitmap}), the predicate of the fetch's filter; and for each
   * winner, its entries counted in the task's {@link TaskTally} (slot {@code entries} counts the
   * rows). Counting in the filter keeps the rows in Spark's internal form from the scan to the
   * writer; the tally is added once per successful task.
   */
  private static final class FetchAndCount implements UDF3<String, Long, Seq<Integer>, Boolean> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Map<String, Integer>> fileIndex;
    private final Broadcast<int[]> winnersPerFile;
    private final Broadcast<RowLocators> locators;
    private final Broadcast<SerializableConfiguration> hadoop;
    private final String scratch;
    private final TaskTally tally;
    private final FaultInjector faults;

    /** The file whose bitmap {@link #bitmap} is; a bitmap depends on its file only. */
    private transient String fileName;

    private transient WinnerBitmap bitmap;

    FetchAndCount(
        Broadcast<Map<String, Integer>> fileIndex,
        Broadcast<int[]> winnersPerFile,
        Broadcast<RowLocators> locators,
        Broadcast<SerializableConfiguration> hadoop,
        String scratch,
        TaskTally tally,
        FaultInjector faults) {
      this.fileIndex = fileIndex;
      this.winnersPerFile = winnersPerFile;
      this.locators = locators;
      this.hadoop = hadoop;
      this.scratch = scratch;
      this.tally = tally;
      this.faults = faults;
    }

    @Override
    public Boolean call(String file, Long rowIndex, Seq<Integer> entryIds) throws IOException {
      long[] sums = tally.sums();
      if (!file.equals(fileName)) {
        bitmap = bitmap(file);
        fileName = file;
      }
      if (!bitmap.isWinner(rowIndex)) {
        return false;
      }
      for (int i = 0; i < entryIds.size(); i++) {
        sums[entryIds.apply(i)]++;
      }
      if (++sums[sums.length - 1] == 1) {
        faults.check("count");
      }
      return true;
    }

    private WinnerBitmap bitmap(String file) throws IOException {
      Integer f = fileIndex.value().get(file);
      if (f == null) {
        throw new IllegalStateException(
            "matches/ file " + file + " appeared after pass 2 listed the files");
      }
      int winners = winnersPerFile.value()[f];
      if (winners == 0) {
        return WinnerBitmap.NONE;
      }
      Path path = new Path(scratch, Integer.toString(f));
      try (DataInputStream in =
          new DataInputStream(
              new BufferedInputStream(path.getFileSystem(hadoop.value().value()).open(path)))) {
        return WinnerBitmap.readFrom(in, locators.value(), f, winners);
      }
    }
  }

  /**
   * What pass 2 did: its figures ({@link CountFigures}), and whether a committed output was reused.
   */
  public record CountResult(CountFigures figures, boolean reused) {
    static CountResult of(long distinctPairs, EntryCounts counts, Long t, boolean reused) {
      return new CountResult(CountFigures.of(distinctPairs, counts, t), reused);
    }

    /** See {@link CountFigures#distinctPairs}. */
    public long distinctPairs() {
      return figures.distinctPairs();
    }

    /** See {@link CountFigures#totalMatches}. */
    public long totalMatches() {
      return figures.totalMatches();
    }

    /** See {@link CountFigures#entriesMatched}. */
    public int entriesMatched() {
      return figures.entriesMatched();
    }

    /** See {@link CountFigures#t}. */
    public Long t() {
      return figures.t();
    }

    /** See {@link CountFigures#headEntries}. */
    public Integer headEntries() {
      return figures.headEntries();
    }

    /** See {@link CountFigures#pOfT}. */
    public Double pOfT() {
      return figures.pOfT();
    }
  }
}
