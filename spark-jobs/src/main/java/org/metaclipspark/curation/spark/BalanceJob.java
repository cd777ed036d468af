package org.metaclipspark.curation.spark;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.metaclipspark.curation.balance.BalancingPlan;
import org.metaclipspark.curation.balance.Cap;
import org.metaclipspark.curation.balance.EntryCounts;
import org.metaclipspark.curation.balance.KeptTally;
import org.metaclipspark.curation.balance.StableHash;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.stats.BalanceFigures;
import scala.collection.Seq;

/**
 * Pass 3, balance: reads only the outputs of pass 2 ({@code entry_counts} and {@code
 * distinct_pairs}), so a rerun with another {@code t}, {@code p} or seed reads neither the shards
 * nor pass 1's output. Keeps each pair by the deterministic draw of {@link BalancingPlan} and
 * writes {@code curated.v1} as Parquet or JSON lines to {@code curated/t{T}-seed{SEED}/}.
 *
 * <p>Parquet sets are selected from the seed's {@link DrawIndex}, built by the first balance of a
 * pass-2 output and seed: the set of {@code t} is the pairs whose {@code KeepThreshold} is at most
 * {@code t}, so a rerun copies stored row groups instead of drawing and encoding every pair again.
 * JSON-lines sets are drawn in one scan of {@code distinct_pairs}: each row carries the caps that
 * keep it, and one write partitioned by cap fills every set; on object stores, where that would
 * mean renaming every file into place, each set is drawn in a scan of its own and written straight
 * to its directory. The choice is one switch over {@code Writer}. Each set is committed on its own,
 * manifest last ({@link Commit}); a committed set drawn from the same pass-2 commit with the same
 * settings is skipped.
 *
 * <p>The caps come from {@link Cap#resolve}, the counts from {@link CountOutput}, and the kept
 * pairs per cap and head entry are tallied by {@link KeptTally}.
 */
public final class BalanceJob {
  /** The partition column of the one write that fills every set; not part of curated.v1. */
  private static final String CAP_COLUMN = "cap_t";

  /** The draw's result for a pair: the caps that keep it; dropped by the explode. */
  private static final String CAPS_COLUMN = "_keep_caps";

  private BalanceJob() {}

  /** Runs pass 3 and returns the result of the first cap; see {@link #runAll}. */
  public static BalanceResult run(SparkSession spark, CurationConfig config) {
    return runAll(spark, config).get(0);
  }

  /** Runs pass 3 for every configured cap (or tail proportion), in the order given. */
  public static List<BalanceResult> runAll(SparkSession spark, CurationConfig config) {
    config.validateFor(CurationConfig.Pass.BALANCE);
    OutputLayout out = OutputLayout.of(config);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    CountOutput pass2 = CountOutput.read(spark, out);
    CountManifest counts = pass2.manifest();
    EntryCounts entryCounts = pass2.counts();
    String format = config.outputFormat().name().toLowerCase(Locale.ROOT);

    List<BalanceManifest> wanted = new ArrayList<>();
    for (Cap cap : Cap.resolve(config.ts(), config.ps(), entryCounts)) {
      long t = cap.t();
      if (cap.p() != null) {
        Progress.say("balance: p=%s gives t=%,d", cap.p(), t);
      }
      wanted.add(
          new BalanceManifest(
              "balance",
              Schemas.CURATED,
              Manifest.producer(),
              null,
              counts.commitId(),
              List.of(out.distinctPairs(), out.entryCounts()),
              counts.vocabulary(),
              config.toMap(),
              config.seed(),
              t,
              cap.p(),
              format,
              config.oneTextPerImage(),
              null,
              null));
    }
    BalanceResult[] results = new BalanceResult[wanted.size()];
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < wanted.size(); i++) {
      String target = out.curated(wanted.get(i).t(), config.seed());
      if (Commit.committed(hadoop, target) && !config.overwrite()) {
        BalanceManifest done = Manifest.read(hadoop, target, "balance", BalanceManifest.class);
        String difference = done.differenceFrom(wanted.get(i));
        if (difference != null) {
          throw new OutputConflictException(
              "balance: "
                  + target
                  + " is committed but "
                  + difference
                  + "; pass --overwrite to draw it again, or choose another --out");
        }
        Progress.say("balance: committed set %s matches this run, skipped", target);
        results[i] = BalanceResult.of(done, target);
      } else {
        if (Commit.exists(hadoop, target) && !config.overwrite()) {
          Progress.say("balance: removing %s, left uncommitted by an earlier run", target);
        }
        todo.add(i);
      }
    }
    if (!todo.isEmpty()) {
      List<BalanceManifest> caps = new ArrayList<>();
      todo.forEach(i -> caps.add(wanted.get(i)));
      List<BalanceResult> drawn = draw(spark, config, out, entryCounts, caps);
      for (int k = 0; k < todo.size(); k++) {
        results[todo.get(k)] = drawn.get(k);
      }
    }
    return List.of(results);
  }

  /** The two writers of pass 3, and the one-scan writer's variant for object stores. */
  private enum Writer {
    /** Parquet sets: selected from the seed's {@link DrawIndex}, built first if missing. */
    DRAW_INDEX,
    /** JSON-lines sets: every cap drawn in one scan, one write partitioned by cap. */
    ONE_SCAN,
    /**
     * JSON-lines sets where renames copy (object stores): one scan per cap, each written straight
     * to its directory, since the one-scan write would have to be renamed into place.
     */
    ONE_SCAN_PER_CAP
  }

  /** Draws every cap of {@code caps} and commits each set; see {@link Commit}. */
  private static List<BalanceResult> draw(
      SparkSession spark,
      CurationConfig config,
      OutputLayout out,
      EntryCounts entryCounts,
      List<BalanceManifest> caps) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Writer writer =
        config.outputFormat() == CurationConfig.OutputFormat.PARQUET
            ? Writer.DRAW_INDEX
            : caps.size() > 1 && !Commit.renamesAtomically(hadoop, out.root())
                ? Writer.ONE_SCAN_PER_CAP
                : Writer.ONE_SCAN;
    return switch (writer) {
      case DRAW_INDEX -> drawFromIndex(spark, config, out, entryCounts, caps);
      case ONE_SCAN -> drawInOneScan(spark, config, out, entryCounts, caps);
      case ONE_SCAN_PER_CAP -> {
        List<BalanceResult> results = new ArrayList<>();
        for (BalanceManifest cap : caps) {
          results.addAll(drawInOneScan(spark, config, out, entryCounts, List.of(cap)));
        }
        yield results;
      }
    };
  }

  /** Draws every cap of {@code caps} in one scan of {@code distinct_pairs} and commits each set. */
  private static List<BalanceResult> drawInOneScan(
      SparkSession spark,
      CurationConfig config,
      OutputLayout out,
      EntryCounts entryCounts,
      List<BalanceManifest> caps) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    int k = caps.size();
    BalancingPlan[] plans = new BalancingPlan[k];
    long[] ts = new long[k];
    for (int i = 0; i < k; i++) {
      long t = caps.get(i).t();
      ts[i] = t;
      plans[i] = BalancingPlan.of(entryCounts, t, config.seed());
      Progress.say(
          "balance: t=%,d, seed %d, %,d head entries", t, config.seed(), plans[i].headEntries());
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<BalancingPlan[]> plansBroadcast = jsc.broadcast(plans);
    KeptTally tally = KeptTally.of(entryCounts, ts);
    Broadcast<KeptTally> tallyBroadcast = jsc.broadcast(tally);
    EntryCountAccumulator kept = new EntryCountAccumulator(tally.slots());
    spark.sparkContext().register(kept, "curated counts");
    FaultInjector faults = FaultInjector.of(config);

    StructType curated = Schemas.load(Schemas.CURATED);
    Dataset<Row> pairs = distinctPairs(spark, config, out);
    // The draw reads only (uuid, text, matched_entry_ids); the other columns stay in Spark's
    // internal rows from the scan to the writer. Nondeterministic, so the optimizer evaluates it
    // exactly once per row: it counts what it keeps.
    UserDefinedFunction keepCaps =
        udf(
                new KeepCaps(
                    plansBroadcast,
                    tallyBroadcast,
                    new TaskTally(kept, tally.slots(), "the balance draw"),
                    faults),
                DataTypes.createArrayType(DataTypes.LongType, false))
            .asNondeterministic();
    Column[] columns = new Column[curated.size() + 1];
    for (int c = 0; c < curated.size(); c++) {
      columns[c] = col(curated.fields()[c].name());
    }
    columns[curated.size()] = explode(col(CAPS_COLUMN)).as(CAP_COLUMN);
    Dataset<Row> keptRows =
        pairs
            .withColumn(
                CAPS_COLUMN, keepCaps.apply(col("uuid"), col("text"), col("matched_entry_ids")))
            .select(columns);

    Commit[] commits = new Commit[k];
    for (int i = 0; i < k; i++) {
      commits[i] = Commit.start(hadoop, out.curated(caps.get(i).t(), config.seed()));
    }
    if (k == 1) {
      write(keptRows.drop(CAP_COLUMN).write(), config, commits[0].writeDir());
    } else {
      writeByCap(spark, config, out, keptRows, caps, commits);
    }

    long[] sums = kept.value();
    List<BalanceResult> results = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      long[] keptPerEntry = tally.keptPerEntry(sums, i);
      results.add(
          commitSet(
              spark,
              config,
              out,
              caps.get(i),
              commits[i],
              entryCounts,
              keptPerEntry,
              tally.curated(sums, i)));
    }
    return results;
  }

  /**
   * Draws every cap of {@code caps} from the draw index of this seed ({@link DrawIndex}), built
   * first if there is none for the current pass-2 commit, and commits each set.
   */
  private static List<BalanceResult> drawFromIndex(
      SparkSession spark,
      CurationConfig config,
      OutputLayout out,
      EntryCounts entryCounts,
      List<BalanceManifest> caps) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    FaultInjector faults = FaultInjector.of(config);
    for (BalanceManifest cap : caps) {
      Progress.say(
          "balance: t=%,d, seed %d, %,d head entries",
          cap.t(), config.seed(), entryCounts.headEntries(cap.t()));
    }
    String index =
        DrawIndex.ensure(
            spark,
            out,
            config.seed(),
            config.oneTextPerImage(),
            config.overwrite(),
            caps.get(0).countCommitId(),
            entryCounts,
            () -> distinctPairs(spark, config, out),
            faults,
            DrawIndex.ROW_GROUP_BYTES);
    List<BalanceResult> results = new ArrayList<>();
    for (BalanceManifest cap : caps) {
      Commit commit = Commit.start(hadoop, out.curated(cap.t(), config.seed()));
      DrawIndex.Drawn drawn =
          DrawIndex.select(spark, index, entryCounts, cap.t(), commit.writeDir(), faults);
      results.add(
          commitSet(
              spark,
              config,
              out,
              cap,
              commit,
              entryCounts,
              drawn.keptPerEntry(),
              drawn.curatedPairs()));
    }
    return results;
  }

  /** The pairs balance draws from: {@code distinct_pairs}, one text per image if asked. */
  private static Dataset<Row> distinctPairs(
      SparkSession spark, CurationConfig config, OutputLayout out) {
    Dataset<Row> pairs =
        spark.read().schema(Schemas.load(Schemas.DISTINCT_PAIRS)).parquet(out.distinctPairs());
    return config.oneTextPerImage() ? oneTextPerImage(spark, pairs, config.seed()) : pairs;
  }

  /**
   * Commits one drawn set: an empty set still gets its schema; then the manifest, last, and the
   * publish.
   */
  private static BalanceResult commitSet(
      SparkSession spark,
      CurationConfig config,
      OutputLayout out,
      BalanceManifest cap,
      Commit commit,
      EntryCounts entryCounts,
      long[] keptPerEntry,
      long curatedPairs) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String target = out.curated(cap.t(), config.seed());
    String temporary = commit.writeDir();
    if (!hasDataFile(hadoop, temporary)) {
      write(
          spark
              .createDataFrame(List.of(), Schemas.load(Schemas.CURATED))
              .write()
              .mode(SaveMode.Append),
          config,
          temporary);
    }
    BalanceResult result =
        BalanceResult.of(cap.t(), config.seed(), entryCounts, keptPerEntry, curatedPairs, target);
    Manifest.write(
        hadoop,
        temporary,
        new BalanceManifest(
            cap.pass(),
            cap.schema(),
            cap.producer(),
            Instant.now().toString(),
            cap.countCommitId(),
            cap.inputs(),
            cap.vocabulary(),
            cap.config(),
            cap.seed(),
            cap.t(),
            cap.p(),
            cap.format(),
            cap.oneTextPerImage(),
            Map.of("curated", result.curatedPairs()),
            result.statistics()));
    commit.publish();
    Progress.say("balance: %,d curated pairs written to %s", result.curatedPairs(), target);
    return result;
  }

  /**
   * Where renames are atomic: one write partitioned by cap into a staging directory, then each
   * cap's partition renamed to the directory its commit writes.
   */
  private static void writeByCap(
      SparkSession spark,
      CurationConfig config,
      OutputLayout out,
      Dataset<Row> keptRows,
      List<BalanceManifest> caps,
      Commit[] commits) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String staging = out.root() + "/curated/_balance-seed" + config.seed() + ".tmp";
    Commit.delete(hadoop, staging);
    // One open writer per cap in each task, instead of sorting every task's rows by cap.
    String writers = "spark.sql.maxConcurrentOutputFileWriters";
    String before = spark.conf().get(writers, "0");
    spark.conf().set(writers, Integer.toString(caps.size() + 1));
    try {
      write(keptRows.write().partitionBy(CAP_COLUMN), config, staging);
    } finally {
      spark.conf().set(writers, before);
    }
    for (int i = 0; i < caps.size(); i++) {
      String part = staging + "/" + CAP_COLUMN + "=" + caps.get(i).t();
      if (Commit.exists(hadoop, part)) {
        renameDir(hadoop, part, commits[i].writeDir());
      }
    }
    Commit.delete(hadoop, staging);
  }

  /** Whether {@code dir} holds a data file (a name not starting with {@code _} or {@code .}). */
  private static boolean hasDataFile(Configuration hadoop, String dir) {
    return Commit.exists(hadoop, dir) && !ParquetRows.dataFiles(hadoop, dir).isEmpty();
  }

  private static void write(DataFrameWriter<Row> writer, CurationConfig config, String dir) {
    if (config.outputFormat() == CurationConfig.OutputFormat.JSONL) {
      writer.json(dir);
    } else {
      writer.parquet(dir);
    }
  }

  private static void renameDir(Configuration hadoop, String from, String to) {
    org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(from);
    try {
      if (!source.getFileSystem(hadoop).rename(source, new org.apache.hadoop.fs.Path(to))) {
        throw new java.io.IOException("rename returned false");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot move " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  /**
   * The caps that keep a pair, ascending in the order of the plans; tallies the kept pairs per cap
   * and head entry ({@link KeptTally}) in the task's {@link TaskTally}.
   */
  private static final class KeepCaps implements UDF3<String, String, Seq<Integer>, long[]> {
    private static final long serialVersionUID = 1L;
    private static final long[] NONE = new long[0];
    private final Broadcast<BalancingPlan[]> plans;
    private final Broadcast<KeptTally> keptTally;
    private final TaskTally tally;
    private final FaultInjector faults;

    /** The sums of the task that has kept a pair; its first kept pair passes the fault check. */
    private transient long[] keptIn;

    KeepCaps(
        Broadcast<BalancingPlan[]> plans,
        Broadcast<KeptTally> keptTally,
        TaskTally tally,
        FaultInjector faults) {
      this.plans = plans;
      this.keptTally = keptTally;
      this.tally = tally;
      this.faults = faults;
    }

    @Override
    public long[] call(String uuid, String text, Seq<Integer> entryIds) {
      long[] sums = tally.sums();
      BalancingPlan[] p = plans.value();
      KeptTally kept = keptTally.value();
      int[] ids = new int[entryIds.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = entryIds.apply(i);
      }
      long[] caps = NONE;
      for (int i = 0; i < p.length; i++) {
        if (p[i].keep(uuid, text, ids)) {
          kept.addKept(sums, i, ids);
          caps = Arrays.copyOf(caps, caps.length + 1);
          caps[caps.length - 1] = p[i].t();
        }
      }
      if (caps.length > 0 && keptIn != sums) {
        keptIn = sums;
        faults.check("balance");
      }
      return caps;
    }
  }

  static int[] entryIds(Row row) {
    List<Integer> ids = row.getList(row.fieldIndex("matched_entry_ids"));
    int[] out = new int[ids.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ids.get(i);
    }
    return out;
  }

  /** MetaCLIP 2's unit: per uuid, the text with the smallest {@code StableHash.pairKey}. */
  private static Dataset<Row> oneTextPerImage(SparkSession spark, Dataset<Row> pairs, long seed) {
    spark
        .udf()
        .register(
            "metaclip_pair_key",
            (UDF3<Long, String, String, Long>) StableHash::pairKey,
            DataTypes.LongType);
    String[] columns = pairs.columns();
    return pairs
        .withColumn("_key", callUDF("metaclip_pair_key", lit(seed), col("uuid"), col("text")))
        .withColumn(
            "_rank",
            row_number().over(Window.partitionBy("uuid").orderBy(col("_key"), col("text"))))
        .filter(col("_rank").equalTo(1))
        .select(
            Arrays.stream(columns)
                .map(org.apache.spark.sql.functions::col)
                .toArray(org.apache.spark.sql.Column[]::new));
  }

  /**
   * What pass 3 did for one cap: its figures ({@link BalanceFigures}), where the set is, and
   * whether it was committed earlier and reused.
   */
  public record BalanceResult(BalanceFigures figures, String output, boolean reused) {
    static BalanceResult of(
        long t, long seed, EntryCounts entryCounts, long[] kept, long curated, String output) {
      return new BalanceResult(
          BalanceFigures.of(t, seed, entryCounts, kept, curated), output, false);
    }

    /** See {@link BalanceFigures#t}. */
    public long t() {
      return figures.t();
    }

    /** See {@link BalanceFigures#seed}. */
    public long seed() {
      return figures.seed();
    }

    /** See {@link BalanceFigures#curatedPairs}. */
    public long curatedPairs() {
      return figures.curatedPairs();
    }

    /** See {@link BalanceFigures#headEntries}. */
    public int headEntries() {
      return figures.headEntries();
    }

    /** See {@link BalanceFigures#minHeadKeptOverT}. */
    public double minHeadKeptOverT() {
      return figures.minHeadKeptOverT();
    }

    /** See {@link BalanceFigures#medianHeadKeptOverT}. */
    public double medianHeadKeptOverT() {
      return figures.medianHeadKeptOverT();
    }

    /** See {@link BalanceFigures#maxHeadKeptOverT}. */
    public double maxHeadKeptOverT() {
      return figures.maxHeadKeptOverT();
    }

    /** The result a committed set recorded. */
    static BalanceResult of(BalanceManifest m, String output) {
      BalanceManifest.Statistics s = m.statistics();
      Map<String, Double> r = s.headKeptOverT();
      return new BalanceResult(
          new BalanceFigures(
              s.t(),
              s.seed(),
              s.curatedPairs(),
              s.headEntries(),
              r == null ? Double.NaN : r.get("min"),
              r == null ? Double.NaN : r.get("median"),
              r == null ? Double.NaN : r.get("max")),
          output,
          true);
    }

    BalanceManifest.Statistics statistics() {
      return new BalanceManifest.Statistics(
          t(),
          seed(),
          curatedPairs(),
          headEntries(),
          headEntries() == 0
              ? null
              : Map.of(
                  "min", minHeadKeptOverT(),
                  "median", medianHeadKeptOverT(),
                  "max", maxHeadKeptOverT()));
    }
  }
}
