package org.metaclipspark.curation.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.metaclipspark.curation.balance.DrawBuckets;
import org.metaclipspark.curation.balance.EntryCounts;
import org.metaclipspark.curation.balance.HeadEntries;
import org.metaclipspark.curation.balance.KeepThreshold;
import scala.collection.Seq;

/**
 * The draw index of one seed: every pair that balance draws from, with its {@link KeepThreshold},
 * so that the curated set of any {@code t} is a selection, not a new draw. The curated set of
 * {@code t} is exactly the pairs whose threshold is at most {@code t}.
 *
 * <pre>
 * OUT/draw_index/seed{SEED}[-one-text-per-image]/
 *   pairs/           curated.v1 columns plus keep_t; each file sorted by the DrawBuckets bucket of
 *                    keep_t (in read order within a bucket), in row groups of ROW_GROUP_BYTES
 *   entry_buckets/   (entry_id, entry_count, draw_bucket, pairs): how many of an entry's pairs
 *                    have a threshold in each DrawBuckets bucket; one file, entry_count descending
 *   _manifest.json   DrawIndexManifest, written last
 * </pre>
 *
 * <p>Drawing {@code t} from it, one task per file of {@code pairs/}: a row group whose largest
 * threshold is at most {@code t} is copied into the set as it is stored, without decoding (only
 * {@code keep_t} is left out); the row groups that hold {@code t}'s own bucket are decoded and
 * their kept rows written to a second file; the rest of the file is above {@code t}. The pairs each
 * head entry keeps are the entry's buckets below {@code t}'s bucket, from {@code entry_buckets},
 * plus the pairs of {@code t}'s own bucket, counted from their row groups' two small columns. So a
 * rerun reads and writes about the bytes of the set it makes, and decodes only the row groups of
 * one bucket, at most 1/8 of an octave of thresholds, per file.
 *
 * <p>The index is built once per pass-2 commit, seed and unit, by the first balance that needs it;
 * it costs one more copy of the distinct pairs on disk.
 */
final class DrawIndex {
  /** The threshold column of {@code pairs/}; not part of curated.v1. */
  static final String KEEP_T = "keep_t";

  /**
   * Row-group size of {@code pairs/}: a rerun decodes and re-encodes only the row groups that hold
   * its {@code t}'s bucket, so small groups keep reruns fast, at a small cost in compression.
   */
  static final long ROW_GROUP_BYTES = 4L << 20;

  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
  private static final String ENTRY_IDS = "matched_entry_ids";

  /** A row's position in the read, so the sort keeps the read order within a bucket. */
  private static final String POSITION = "_position";

  private DrawIndex() {}

  /** Where the index of {@code seed} and unit lives. */
  static String dir(OutputLayout out, long seed, boolean oneTextPerImage) {
    return out.root() + "/draw_index/seed" + seed + (oneTextPerImage ? "-one-text-per-image" : "");
  }

  /**
   * The committed index for this pass-2 commit, seed and unit: reused when there is one (and not
   * {@code overwrite}), else built from {@code pairs} and committed, manifest last. {@code pairs}
   * is a supplier because planning the read of {@code distinct_pairs} alone costs a second or two,
   * which a rerun that reuses the index should not pay. {@code rowGroupBytes} is {@link
   * #ROW_GROUP_BYTES}, or less in tests that cut files into many groups.
   */
  static String ensure(
      SparkSession spark,
      OutputLayout out,
      long seed,
      boolean oneTextPerImage,
      boolean overwrite,
      String countCommitId,
      EntryCounts counts,
      Supplier<Dataset<Row>> pairs,
      FaultInjector faults,
      long rowGroupBytes) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String dir = dir(out, seed, oneTextPerImage);
    if (!overwrite && Commit.committed(hadoop, dir)) {
      DrawIndexManifest m =
          Manifest.read(hadoop, dir, DrawIndexManifest.PASS, DrawIndexManifest.class);
      if (countCommitId.equals(m.countCommitId())) {
        Progress.say("balance: reusing the draw index %s", dir);
        return dir;
      }
      Progress.say(
          "balance: the draw index %s belongs to pass-2 commit %s, not %s; building it again",
          dir, m.countCommitId(), countCommitId);
    }
    Progress.say(
        "balance: building the draw index %s (once per pass-2 output and seed; a rerun with"
            + " another t selects from it)",
        dir);
    Commit commit = Commit.start(hadoop, dir);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<KeepThreshold> thresholds = jsc.broadcast(KeepThreshold.of(counts, seed));
    StructType curated = Schemas.load(Schemas.CURATED);
    Column[] columns = new Column[curated.size() + 2];
    for (int c = 0; c < curated.size(); c++) {
      columns[c] = col(curated.fields()[c].name());
    }
    columns[curated.size()] =
        udf(new Threshold(thresholds, faults), DataTypes.LongType)
            .apply(col("uuid"), col("text"), col(ENTRY_IDS))
            .as(KEEP_T);
    columns[curated.size() + 1] = col(POSITION);
    UserDefinedFunction bucketOf =
        udf((UDF1<Long, Integer>) DrawBuckets::of, DataTypes.IntegerType);
    String pairsDir = commit.writeDir() + "/pairs";
    // By bucket, then in the order read: neighbouring rows of one shard stay together, so the
    // dictionaries of url, page_url and warc_filename work as they do in distinct_pairs (sorted by
    // keep_t alone, the set was 65% larger at 10M pairs).
    pairs
        .get()
        .withColumn(POSITION, monotonically_increasing_id())
        .select(columns)
        .sortWithinPartitions(bucketOf.apply(col(KEEP_T)), col(POSITION))
        .drop(POSITION)
        .write()
        .option("parquet.block.size", Long.toString(rowGroupBytes))
        .option("compression", codec(spark))
        .parquet(pairsDir);

    Broadcast<EntryCounts> countsBroadcast = jsc.broadcast(counts);
    String bucketsDir = commit.writeDir() + "/entry_buckets";
    spark
        .read()
        .parquet(pairsDir)
        .select(
            explode(col(ENTRY_IDS)).as("entry_id"), bucketOf.apply(col(KEEP_T)).as("draw_bucket"))
        .groupBy("entry_id", "draw_bucket")
        .agg(count(lit(1)).as("pairs"))
        .withColumn(
            "entry_count",
            udf((UDF1<Integer, Long>) e -> countsBroadcast.value().count(e), DataTypes.LongType)
                .apply(col("entry_id")))
        .select("entry_id", "entry_count", "draw_bucket", "pairs")
        .repartition(1)
        .sortWithinPartitions(desc("entry_count"), col("entry_id"), col("draw_bucket"))
        .write()
        .parquet(bucketsDir);

    Map<String, Long> rows = new HashMap<>();
    rows.put("pairs", footerRows(hadoop, pairsDir));
    rows.put("entry_buckets", footerRows(hadoop, bucketsDir));
    Manifest.write(
        hadoop,
        commit.writeDir(),
        new DrawIndexManifest(
            DrawIndexManifest.PASS,
            DrawIndexManifest.SCHEMA,
            Manifest.producer(),
            Instant.now().toString(),
            countCommitId,
            seed,
            oneTextPerImage,
            rowGroupBytes,
            rows));
    commit.publish();
    Progress.say("balance: draw index of %,d pairs committed to %s", rows.get("pairs"), dir);
    return dir;
  }

  /** What the selection of one cap wrote: the curated pairs, and the pairs per head entry. */
  record Drawn(long curatedPairs, long[] keptPerEntry) {}

  /**
   * Writes the curated set of {@code t} from the committed index {@code indexDir} into {@code
   * targetDir}, one task per index file, and counts it.
   */
  static Drawn select(
      SparkSession spark,
      String indexDir,
      EntryCounts counts,
      long t,
      String targetDir,
      FaultInjector faults) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    int bucket = DrawBuckets.of(t);
    long[] kept = new long[counts.entries()];
    // Whole buckets below t's, head entries only: the file is sorted by entry_count descending.
    ParquetRows.forEach(
        hadoop,
        indexDir + "/entry_buckets",
        List.of("entry_id", "entry_count", "draw_bucket", "pairs"),
        row -> {
          if (!HeadEntries.isHead(row.getLong("entry_count", 0), t)) {
            return false;
          }
          if (row.getInteger("draw_bucket", 0) < bucket) {
            kept[row.getInteger("entry_id", 0)] += row.getLong("pairs", 0);
          }
          return true;
        });
    List<String> files = new ArrayList<>();
    for (Path p : ParquetRows.dataFiles(hadoop, indexDir + "/pairs")) {
      files.add(p.toString());
    }
    long curated = 0;
    if (!files.isEmpty()) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Broadcast<SerializableConfiguration> conf =
          jsc.broadcast(new SerializableConfiguration(hadoop));
      spark.sparkContext().setJobDescription("balance: select t=" + t + " from " + indexDir);
      List<FileDrawn> drawn =
          jsc.parallelize(files, files.size())
              .map(new SelectFile(conf, t, targetDir, faults))
              .collect();
      // One result per file, from the attempt that succeeded: a retry counts nothing twice.
      for (FileDrawn d : drawn) {
        curated += d.rows();
        for (int i = 0; i < d.entryIds().length; i++) {
          int e = d.entryIds()[i];
          if (counts.isHead(e, t)) {
            kept[e] += d.pairs()[i];
          }
        }
      }
    }
    return new Drawn(curated, kept);
  }

  private static long footerRows(Configuration hadoop, String dir) {
    long rows = 0;
    for (Path file : ParquetRows.dataFiles(hadoop, dir)) {
      try (ParquetFileReader reader =
          ParquetFileReader.open(HadoopInputFile.fromPath(file, hadoop))) {
        rows += reader.getRecordCount();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return rows;
  }

  /** A pair's threshold; the column the index is sorted by. */
  private static final class Threshold implements UDF3<String, String, Seq<Integer>, Long> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<KeepThreshold> thresholds;
    private final FaultInjector faults;

    Threshold(Broadcast<KeepThreshold> thresholds, FaultInjector faults) {
      this.thresholds = thresholds;
      this.faults = faults;
    }

    @Override
    public Long call(String uuid, String text, Seq<Integer> entryIds) {
      int[] ids = new int[entryIds.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = entryIds.apply(i);
      }
      long tau = thresholds.value().threshold(uuid, text, ids);
      faults.check("balance");
      return tau;
    }
  }

  /**
   * What one file gave: its kept rows, and for the kept pairs in {@code t}'s own bucket, how many
   * each entry has (parallel arrays).
   */
  record FileDrawn(long rows, int[] entryIds, long[] pairs) implements Serializable {}

  /** Selects one index file's kept rows into the set; see the class comment. */
  private static final class SelectFile implements Function<String, FileDrawn> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<SerializableConfiguration> conf;
    private final long t;
    private final String targetDir;
    private final FaultInjector faults;

    SelectFile(
        Broadcast<SerializableConfiguration> conf, long t, String targetDir, FaultInjector faults) {
      this.conf = conf;
      this.t = t;
      this.targetDir = targetDir;
      this.faults = faults;
    }

    @Override
    public FileDrawn call(String file) throws IOException {
      Configuration hadoop = conf.value().value();
      Path source = new Path(file);
      HadoopInputFile input = HadoopInputFile.fromPath(source, hadoop);
      int bucket = DrawBuckets.of(t);
      Map<Integer, long[]> inBucket = new HashMap<>();
      long rows = 0;
      try (ParquetFileReader reader = ParquetFileReader.open(input);
          SeekableInputStream stream = input.newStream()) {
        MessageType fileSchema = reader.getFileMetaData().getSchema();
        MessageType curated = withoutKeepT(fileSchema);
        MessageType thresholdsAndIds = ParquetRows.project(fileSchema, List.of(ENTRY_IDS, KEEP_T));
        Map<String, String> metadata = curatedMetadata(reader, file);
        ParquetFileWriter whole = null;
        ParquetWriter<Group> edge = null;
        try {
          List<BlockMetaData> blocks = reader.getRowGroups();
          for (int i = 0; i < blocks.size(); i++) {
            BlockMetaData block = blocks.get(i);
            long[] range = keepTRange(block, file);
            if (DrawBuckets.of(range[0]) > bucket) {
              break; // sorted by bucket: no later row group keeps a row
            }
            if (range[0] > t) {
              continue; // all of t's bucket, but above t
            }
            boolean all = range[1] <= t;
            if (all) {
              if (whole == null) {
                whole =
                    new ParquetFileWriter(
                        HadoopOutputFile.fromPath(new Path(targetDir, source.getName()), hadoop),
                        curated,
                        ParquetFileWriter.Mode.OVERWRITE,
                        ParquetWriter.DEFAULT_BLOCK_SIZE,
                        0);
                whole.start();
              }
              whole.appendRowGroup(stream, block, true);
              rows += block.getRowCount();
            }
            if (all && DrawBuckets.of(range[1]) < bucket) {
              continue; // no pair of t's bucket here
            }
            reader.setRequestedSchema(thresholdsAndIds);
            boolean[] keep =
                scan(reader.readRowGroup(i), fileSchema, thresholdsAndIds, bucket, file, inBucket);
            long kept = 0;
            for (boolean k : keep) {
              kept += k ? 1 : 0;
            }
            if (!all && kept > 0) {
              if (edge == null) {
                edge =
                    ExampleParquetWriter.builder(
                            HadoopOutputFile.fromPath(
                                new Path(targetDir, "edge-" + source.getName()), hadoop))
                        .withType(curated)
                        .withConf(hadoop)
                        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                        .withCompressionCodec(codec(block))
                        .withExtraMetaData(metadata)
                        .build();
              }
              reader.setRequestedSchema(curated);
              PageReadStore pages = reader.readRowGroup(i);
              ParquetWriter<Group> out = edge;
              int[] at = {0};
              ParquetRows.visit(
                  pages,
                  fileSchema,
                  curated,
                  row -> {
                    if (keep[at[0]++]) {
                      try {
                        out.write(row);
                      } catch (IOException e) {
                        throw new UncheckedIOException(e);
                      }
                    }
                    return true;
                  });
              rows += kept;
            }
          }
          faults.check("balance");
        } finally {
          if (whole != null) {
            whole.end(metadata);
          }
          if (edge != null) {
            edge.close();
          }
        }
      }
      int[] ids = new int[inBucket.size()];
      long[] pairs = new long[inBucket.size()];
      int k = 0;
      for (Map.Entry<Integer, long[]> e : inBucket.entrySet()) {
        ids[k] = e.getKey();
        pairs[k++] = e.getValue()[0];
      }
      return new FileDrawn(rows, ids, pairs);
    }

    /**
     * Reads a row group's thresholds and entries: returns which of its rows are kept at {@code t},
     * and tallies the entries of the kept rows in {@code t}'s bucket.
     */
    private boolean[] scan(
        PageReadStore pages,
        MessageType fileSchema,
        MessageType projection,
        int bucket,
        String file,
        Map<Integer, long[]> inBucket) {
      boolean[] keep = new boolean[Math.toIntExact(pages.getRowCount())];
      int[] state = {0, 0}; // row, bucket of the row before
      ParquetRows.visit(
          pages,
          fileSchema,
          projection,
          row -> {
            long tau = row.getLong(KEEP_T, 0);
            int b = DrawBuckets.of(tau);
            if (b < state[1]) {
              throw new IllegalStateException(
                  file
                      + " is not sorted by the bucket of "
                      + KEEP_T
                      + "; the draw index is damaged: run balance with --overwrite to rebuild it");
            }
            state[1] = b;
            if (tau <= t) {
              keep[state[0]] = true;
              if (b == bucket) {
                for (int e : ParquetRows.intList(row, ENTRY_IDS)) {
                  inBucket.computeIfAbsent(e, x -> new long[1])[0]++;
                }
              }
            }
            state[0]++;
            return b <= bucket;
          });
      return keep;
    }
  }

  /** The smallest and largest {@code keep_t} of a row group, from its statistics. */
  private static long[] keepTRange(BlockMetaData block, String file) {
    for (ColumnChunkMetaData column : block.getColumns()) {
      if (column.getPath().toDotString().equals(KEEP_T)) {
        Statistics<?> s = column.getStatistics();
        if (s == null || !s.hasNonNullValue()) {
          break;
        }
        return new long[] {(Long) s.genericGetMin(), (Long) s.genericGetMax()};
      }
    }
    throw new IllegalStateException(
        file
            + " has a row group without "
            + KEEP_T
            + " statistics; run balance with --overwrite to rebuild the draw index");
  }

  /**
   * The codec of the index, and so of every set selected from it: the one the user set in {@code
   * spark.sql.parquet.compression.codec}, else zstd. Sorting by bucket mixes rows of many shards,
   * which costs snappy's dictionaries their neighbours: at 10M pairs a set took 459 MB with snappy,
   * 255 MB with zstd, against 293 MB for a set drawn in read order with snappy.
   */
  private static String codec(SparkSession spark) {
    String key = "spark.sql.parquet.compression.codec";
    return spark.conf().contains(key) ? spark.conf().get(key) : "zstd";
  }

  private static CompressionCodecName codec(BlockMetaData block) {
    return block.getColumns().isEmpty()
        ? CompressionCodecName.SNAPPY
        : block.getColumns().get(0).getCodec();
  }

  private static MessageType withoutKeepT(MessageType schema) {
    List<Type> fields = new ArrayList<>();
    for (Type f : schema.getFields()) {
      if (!f.getName().equals(KEEP_T)) {
        fields.add(f);
      }
    }
    return new MessageType(schema.getName(), fields);
  }

  /** The index file's key-value metadata, with Spark's schema of the set instead of the index's. */
  private static Map<String, String> curatedMetadata(ParquetFileReader reader, String file) {
    Map<String, String> metadata = new HashMap<>(reader.getFileMetaData().getKeyValueMetaData());
    String json = metadata.get(SPARK_SCHEMA_KEY);
    if (json == null) {
      throw new IllegalStateException(file + " has no Spark schema; rebuild the draw index");
    }
    StructType index = (StructType) DataType.fromJson(json);
    StructField[] kept =
        Arrays.stream(index.fields())
            .filter(f -> !f.name().equals(KEEP_T))
            .toArray(StructField[]::new);
    metadata.put(SPARK_SCHEMA_KEY, new StructType(kept).json());
    return metadata;
  }
}
