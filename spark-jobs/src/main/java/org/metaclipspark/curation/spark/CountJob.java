package org.metaclipspark.curation.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;

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
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.dedup.PairFingerprint;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.stats.CountFigures;

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
 *   <li>shuffle the winners' locators (one long each) by data file, and stream each file once,
 *       keeping the rows whose index is a winner; they are written as {@code distinct_pairs} and
 *       counted per entry in the same scan.
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
      throw new IllegalStateException(
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
    EntryCountAccumulator counts = new EntryCountAccumulator(metadata.size());
    spark.sparkContext().register(counts, "entry counts");
    LongAccumulator distinctRows = spark.sparkContext().longAccumulator("distinct pairs");
    String[] paths = new String[files.size()];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = new Path(out.matches(), files.get(i).name()).toString();
    }
    int entries = metadata.size();
    JavaRDD<Row> rows =
        winners
            .repartition(files.size(), callUDF("metaclip_file_of_locator", col("locator")))
            .sortWithinPartitions("locator")
            .javaRDD()
            .mapPartitions(
                it ->
                    new WinnerRows(
                        it,
                        paths,
                        firstRowBroadcast.value(),
                        hadoopBroadcast.value().value(),
                        entries,
                        counts,
                        distinctRows,
                        faults));

    Commit pairsCommit = Commit.start(hadoop, out.distinctPairs());
    Commit countsCommit = Commit.start(hadoop, out.entryCounts());
    spark
        .createDataFrame(rows, Schemas.load(Schemas.DISTINCT_PAIRS))
        .write()
        .parquet(pairsCommit.writeDir());
    long distinctPairs = distinctRows.value();
    long[] entryCount = counts.value();
    writeEntryCounts(spark, jsc, metadata, entryCount, countsCommit.writeDir());

    CountResult result = CountResult.of(distinctPairs, entryCount, config.t().orElse(null), false);
    String commitId = UUID.randomUUID().toString();
    Manifest.write(
        hadoop,
        pairsCommit.writeDir(),
        manifest(Schemas.DISTINCT_PAIRS, commitId, out, files, match, config, result, entryCount));
    Manifest.write(
        hadoop,
        countsCommit.writeDir(),
        manifest(Schemas.ENTRY_COUNTS, commitId, out, files, match, config, result, entryCount));
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
        throw new IllegalStateException(
            "count: "
                + out.entryCounts()
                + " was committed from other inputs: "
                + difference
                + "; pass --overwrite to recount, or choose another --out");
      }
      Progress.say("count: committed output in %s matches its inputs, skipped", out.root());
      CountManifest.Statistics s = done.statistics();
      long[] entryCount = BalanceJob.readEntryCounts(spark, out.entryCounts(), done);
      return CountResult.of(s.distinctPairs(), entryCount, config.t().orElse(null), true);
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
      long[] entryCount) {
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
            : Map.of("distinct_pairs", r.distinctPairs(), "entry_counts", (long) entryCount.length),
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
      SparkSession spark, JavaSparkContext jsc, Metadata metadata, long[] entryCount, String dir) {
    // Rows are built on the executors from broadcast arrays: a driver-side list of 500k rows
    // would travel inside one oversized task.
    Broadcast<Metadata> metadataBroadcast = jsc.broadcast(metadata);
    Broadcast<long[]> countBroadcast = jsc.broadcast(entryCount);
    JavaRDD<Row> rows =
        spark
            .range(0, entryCount.length, 1, Math.max(1, entryCount.length / 250_000))
            .javaRDD()
            .map(
                id -> {
                  int e = Math.toIntExact(id);
                  return RowFactory.create(
                      e, metadataBroadcast.value().entry(e), countBroadcast.value()[e]);
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
   * The fetch: winners' locators, ascending, in; the winning rows of {@code matches/} out, read by
   * streaming each file once. Counts entries as it goes and adds the task's counts at its end.
   */
  private static final class WinnerRows implements Iterator<Row> {
    private final Iterator<Row> locators;
    private final String[] paths;
    private final long[] firstRow;
    private final Configuration hadoop;
    private final long[] entryCount;
    private final EntryCountAccumulator counts;
    private final LongAccumulator distinctRows;
    private final FaultInjector faults;
    private ParquetReader<Group> reader;
    private int file = -1;
    private long nextRowInFile;
    private long emitted;
    private Row next;
    private boolean done;

    WinnerRows(
        Iterator<Row> locators,
        String[] paths,
        long[] firstRow,
        Configuration hadoop,
        int entries,
        EntryCountAccumulator counts,
        LongAccumulator distinctRows,
        FaultInjector faults) {
      this.locators = locators;
      this.paths = paths;
      this.firstRow = firstRow;
      this.hadoop = hadoop;
      this.entryCount = new long[entries];
      this.counts = counts;
      this.distinctRows = distinctRows;
      this.faults = faults;
    }

    @Override
    public boolean hasNext() {
      if (next == null && !done) {
        advance();
      }
      return next != null;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row r = next;
      next = null;
      return r;
    }

    private void advance() {
      try {
        if (!locators.hasNext()) {
          close();
          done = true;
          // Once per task, at its end: a task that fails adds nothing.
          counts.add(entryCount);
          distinctRows.add(emitted);
          return;
        }
        long locator = locators.next().getLong(0);
        int f = fileOf(firstRow, locator);
        if (f != file) {
          close();
          file = f;
          reader =
              ParquetReader.builder(new GroupReadSupport(), new Path(paths[f]))
                  .withConf(hadoop)
                  .build();
          nextRowInFile = 0;
        }
        long row = locator - firstRow[f];
        Group g = null;
        while (nextRowInFile <= row) {
          g = reader.read();
          if (g == null) {
            throw new IllegalStateException(
                paths[f] + " ended before row " + row + "; was matches/ changed during pass 2?");
          }
          nextRowInFile++;
        }
        next = toRow(g);
        emitted++;
        if (emitted == 1) {
          faults.check("count");
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + paths[file] + ": " + e.getMessage(), e);
      }
    }

    private void close() throws IOException {
      if (reader != null) {
        reader.close();
        reader = null;
      }
    }

    /** A matches.v1 row, which has the columns of distinct_pairs.v1, as a Spark row. */
    private Row toRow(Group g) {
      Group list = g.getGroup("matched_entry_ids", 0);
      int n = list.getFieldRepetitionCount(0);
      boolean threeLevel = !list.getType().getType(0).isPrimitive();
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        int id = threeLevel ? list.getGroup(0, i).getInteger(0, 0) : list.getInteger(0, i);
        ids[i] = id;
        entryCount[id]++;
      }
      return RowFactory.create(
          g.getString("uuid", 0),
          g.getString("url", 0),
          g.getString("text", 0),
          g.getString("text_key", 0),
          g.getString("page_url", 0),
          g.getString("warc_filename", 0),
          g.getLong("warc_record_offset", 0),
          ids);
    }
  }

  /**
   * What pass 2 did: its figures ({@link CountFigures}), and whether a committed output was reused.
   */
  public record CountResult(CountFigures figures, boolean reused) {
    static CountResult of(long distinctPairs, long[] entryCount, Long t, boolean reused) {
      return new CountResult(CountFigures.of(distinctPairs, entryCount, t), reused);
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

  /** How many rows of {@code pairs} hold each entry in {@code matched_entry_ids}. */
  static long[] countPerEntry(Dataset<Row> pairs, int entries) {
    long[] counts = new long[entries];
    for (Row row :
        pairs
            .select(org.apache.spark.sql.functions.explode(col("matched_entry_ids")).as("entry_id"))
            .groupBy("entry_id")
            .count()
            .collectAsList()) {
      counts[row.getInt(0)] = row.getLong(1);
    }
    return counts;
  }
}
