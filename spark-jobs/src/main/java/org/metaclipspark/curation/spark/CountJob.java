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
import java.util.NoSuchElementException;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.TaskContext;
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
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;
import org.metaclipspark.curation.balance.EntryCounts;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.dedup.PairFingerprint;
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
 *       the 40-bit locator (the pair's row number over the data files sorted by name);
 *   <li>shuffle those by key, sort, and keep the smallest locator of each key: the winner;
 *   <li>shuffle the winners' locators (one long each) by data file and write each file's winners as
 *       a bitmap of its rows to a scratch directory;
 *   <li>scan {@code matches/} again with Spark's columnar reader, keeping the rows whose bit is
 *       set: they are written as {@code distinct_pairs} and counted per entry in the same scan,
 *       without passing through an external {@code Row}.
 * </ol>
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
    long[] firstRow = firstRows(jsc, hadoopBroadcast, out.matches(), files);
    long matchedPairs = firstRow[files.size()];
    if (matchedPairs - 1 > PairFingerprint.MAX_LOCATOR) {
      throw new IllegalStateException(
          matchedPairs + " matched pairs exceed the 2^40 locators of pass 2's dedup");
    }
    Map<String, Long> fileStart = new HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      fileStart.put(files.get(i).name(), firstRow[i]);
    }
    Broadcast<Map<String, Long>> fileStartBroadcast = jsc.broadcast(fileStart);
    Broadcast<long[]> firstRowBroadcast = jsc.broadcast(firstRow);
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
            .mapPartitions(new FirstOfEachKey(faults), Encoders.row(LOCATOR_SCHEMA));
    spark
        .udf()
        .register(
            "metaclip_file_of_locator",
            (UDF1<Long, Integer>) locator -> fileOf(firstRowBroadcast.value(), locator),
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
                new WinnerBitmaps(firstRowBroadcast, hadoopBroadcast, scratch, faults),
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
    EntryCountAccumulator counts = new EntryCountAccumulator(metadata.size());
    spark.sparkContext().register(counts, "entry counts");
    LongAccumulator distinctRows = spark.sparkContext().longAccumulator("distinct pairs");
    UserDefinedFunction isWinner =
        udf(
                new IsWinner(
                    jsc.broadcast(fileIndex),
                    jsc.broadcast(winnersPerFile),
                    firstRowBroadcast,
                    hadoopBroadcast,
                    scratch,
                    metadata.size(),
                    counts,
                    distinctRows,
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
                isWinner.apply(
                    col("_metadata.file_name"),
                    col("_metadata.row_index"),
                    col("matched_entry_ids")))
            .select(columns);

    Commit pairsCommit = Commit.start(hadoop, out.distinctPairs());
    Commit countsCommit = Commit.start(hadoop, out.entryCounts());
    rows.write().parquet(pairsCommit.writeDir());
    long distinctPairs = distinctRows.value();
    if (distinctPairs != winnerRows) {
      throw new IllegalStateException(
          "count: the fetch read "
              + distinctPairs
              + " winning rows of "
              + winnerRows
              + "; was matches/ changed during pass 2?");
    }
    Commit.delete(hadoop, scratch);
    EntryCounts entryCounts = EntryCounts.of(counts.value());
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
      EntryCounts entryCounts = BalanceJob.readEntryCounts(spark, out.entryCounts(), done);
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

  /**
   * {@code firstRow[i]}: the locator of file {@code i}'s first row; {@code firstRow[n]} is the
   * number of rows. Read from the Parquet footers, in parallel.
   */
  private static long[] firstRows(
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
    long[] first = new long[files.size() + 1];
    for (int i = 0; i < rows.size(); i++) {
      first[i + 1] = first[i] + rows.get(i);
    }
    return first;
  }

  /** The index of the file holding {@code locator}: the last i with firstRow[i] <= locator. */
  static int fileOf(long[] firstRow, long locator) {
    int i = Arrays.binarySearch(firstRow, 0, firstRow.length - 1, locator);
    if (i < 0) {
      return -i - 2;
    }
    // Empty files share their first row with the next one; the row is in the last of them.
    while (i + 1 < firstRow.length - 1 && firstRow[i + 1] == locator) {
      i++;
    }
    return i;
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

  /** Stage 1, reduce side: records sorted by (high, low); the first of each key wins. */
  private static final class FirstOfEachKey implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final FaultInjector faults;

    FirstOfEachKey(FaultInjector faults) {
      this.faults = faults;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> sorted) {
      return new Iterator<>() {
        private Row pending = sorted.hasNext() ? sorted.next() : null;
        private boolean first = true;

        @Override
        public boolean hasNext() {
          return pending != null;
        }

        @Override
        public Row next() {
          if (pending == null) {
            throw new NoSuchElementException();
          }
          long high = pending.getLong(0);
          long low = pending.getLong(1);
          pending = null;
          while (sorted.hasNext()) {
            Row r = sorted.next();
            if (!PairFingerprint.sameKey(high, low, r.getLong(0), r.getLong(1))) {
              pending = r;
              break;
            }
          }
          if (first) {
            first = false;
            faults.check("count");
          }
          return RowFactory.create(PairFingerprint.locator(low));
        }
      };
    }
  }

  /**
   * Winners' locators, ascending, in; for each data file among them, its bitmap of winning rows
   * written to {@code scratch/FILE_INDEX} (the file's rows, 64 to a long, big-endian), and one
   * record (file index, winners) out. A retry rewrites the same bytes.
   */
  private static final class WinnerBitmaps implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<long[]> firstRow;
    private final Broadcast<SerializableConfiguration> hadoop;
    private final String scratch;
    private final FaultInjector faults;

    WinnerBitmaps(
        Broadcast<long[]> firstRow,
        Broadcast<SerializableConfiguration> hadoop,
        String scratch,
        FaultInjector faults) {
      this.firstRow = firstRow;
      this.hadoop = hadoop;
      this.scratch = scratch;
      this.faults = faults;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> locators) throws IOException {
      long[] first = firstRow.value();
      List<Row> written = new ArrayList<>();
      int file = -1;
      long[] bits = null;
      int winners = 0;
      while (locators.hasNext()) {
        long locator = locators.next().getLong(0);
        int f = fileOf(first, locator);
        if (f != file) {
          if (bits != null) {
            written.add(write(file, bits, winners));
          }
          file = f;
          bits = new long[Math.toIntExact((first[f + 1] - first[f] + 63) / 64)];
          winners = 0;
        }
        long row = locator - first[f];
        bits[(int) (row >>> 6)] |= 1L << row;
        winners++;
      }
      if (bits != null) {
        written.add(write(file, bits, winners));
      }
      if (!written.isEmpty()) {
        faults.check("count");
      }
      return written.iterator();
    }

    private Row write(int file, long[] bits, int winners) throws IOException {
      Path path = new Path(scratch, Integer.toString(file));
      try (DataOutputStream outStream =
          new DataOutputStream(
              new BufferedOutputStream(
                  path.getFileSystem(hadoop.value().value()).create(path, true)))) {
        for (long word : bits) {
          outStream.writeLong(word);
        }
      }
      return RowFactory.create(file, winners);
    }
  }

  /**
   * The fetch's filter on each row of {@code matches/}: whether its bit is set in its file's
   * bitmap. Counts the entries of the rows it keeps, and adds the task's counts once, when the task
   * completes.
   */
  private static final class IsWinner implements UDF3<String, Long, Seq<Integer>, Boolean> {
    private static final long serialVersionUID = 1L;
    private static final long[] NO_WINNER = new long[0];
    private final Broadcast<Map<String, Integer>> fileIndex;
    private final Broadcast<int[]> winnersPerFile;
    private final Broadcast<long[]> firstRow;
    private final Broadcast<SerializableConfiguration> hadoop;
    private final String scratch;
    private final int entries;
    private final EntryCountAccumulator counts;
    private final LongAccumulator distinctRows;
    private final FaultInjector faults;

    /** The task whose counts this holds; each task works on its own copy of the UDF. */
    private transient TaskContext task;

    private transient long[] entryCount;
    private transient long[] emitted;
    private transient String fileName;
    private transient long[] bits;

    IsWinner(
        Broadcast<Map<String, Integer>> fileIndex,
        Broadcast<int[]> winnersPerFile,
        Broadcast<long[]> firstRow,
        Broadcast<SerializableConfiguration> hadoop,
        String scratch,
        int entries,
        EntryCountAccumulator counts,
        LongAccumulator distinctRows,
        FaultInjector faults) {
      this.fileIndex = fileIndex;
      this.winnersPerFile = winnersPerFile;
      this.firstRow = firstRow;
      this.hadoop = hadoop;
      this.scratch = scratch;
      this.entries = entries;
      this.counts = counts;
      this.distinctRows = distinctRows;
      this.faults = faults;
    }

    @Override
    public Boolean call(String file, Long rowIndex, Seq<Integer> entryIds) throws IOException {
      TaskContext current = TaskContext.get();
      if (current != task) {
        startTask(current);
      }
      if (!file.equals(fileName)) {
        bits = bitmap(file);
        fileName = file;
      }
      long row = rowIndex;
      int word = (int) (row >>> 6);
      if (word >= bits.length || (bits[word] & (1L << row)) == 0) {
        return false;
      }
      for (int i = 0; i < entryIds.size(); i++) {
        entryCount[entryIds.apply(i)]++;
      }
      if (++emitted[0] == 1) {
        faults.check("count");
      }
      return true;
    }

    private long[] bitmap(String file) throws IOException {
      Integer f = fileIndex.value().get(file);
      if (f == null) {
        throw new IllegalStateException(
            "matches/ file " + file + " appeared after pass 2 listed the files");
      }
      if (winnersPerFile.value()[f] == 0) {
        return NO_WINNER;
      }
      long[] first = firstRow.value();
      long[] words = new long[Math.toIntExact((first[f + 1] - first[f] + 63) / 64)];
      Path path = new Path(scratch, Integer.toString(f));
      try (DataInputStream in =
          new DataInputStream(
              new BufferedInputStream(path.getFileSystem(hadoop.value().value()).open(path)))) {
        for (int i = 0; i < words.length; i++) {
          words[i] = in.readLong();
        }
      }
      return words;
    }

    private void startTask(TaskContext current) {
      if (current == null) {
        throw new IllegalStateException("pass 2's fetch runs only inside a Spark task");
      }
      task = current;
      fileName = null;
      long[] taskCounts = new long[entries];
      long[] taskRows = new long[1];
      entryCount = taskCounts;
      emitted = taskRows;
      // Once, when the task ends; a failed attempt adds nothing, so a retry counts nothing twice.
      current.addTaskCompletionListener(
          (TaskCompletionListener)
              context -> {
                if (!context.isFailed() && !context.isInterrupted()) {
                  counts.add(taskCounts);
                  distinctRows.add(taskRows[0]);
                }
              });
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
