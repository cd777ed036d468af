package org.metaclipspark.curation.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key, with its type, default and meaning, as a typed {@link Key}. A conf file
 * nests keys by their dotted sections ({@code {"balance": {"t": 20000}}}); {@code --set
 * balance.t=20000} names them flat.
 */
public final class ConfigKeys {
  private static final Map<String, Key<?>> KEYS = new LinkedHashMap<>();

  /**
   * Shards to read: files, directories, globs, or list files ({@code *.paths[.gz]}, {@code *.txt}).
   */
  public static final Key<List<String>> INPUT_PATHS =
      define(
          Key.named("input.paths")
              .doc(
                  "WAT shards: files, directories, globs, or list files (*.paths, *.paths.gz, *.txt), local, hdfs:// or s3a://")
              .stringListConf()
              .createOptional());

  /** Prefix for the relative paths in list files. */
  public static final Key<String> INPUT_PREFIX =
      define(
          Key.named("input.prefix")
              .doc("prefix for relative paths in list files, e.g. s3a://commoncrawl/")
              .stringConf()
              .createWithDefault(""));

  /** Records larger than this are skipped and counted. */
  public static final Key<Long> INPUT_MAX_RECORD_BYTES =
      define(
          Key.named("input.maxRecordBytes")
              .doc("a WARC record larger than this (uncompressed bytes) is skipped and counted")
              .longConf()
              .createWithDefault(64L * 1024 * 1024));

  /** Whether every payload is parsed, or only those that can hold an image link. */
  public static final Key<Boolean> INPUT_VALIDATE_ALL_PAYLOADS =
      define(
          Key.named("input.validateAllPayloads")
              .doc(
                  "parse every metadata payload, so broken JSON is counted everywhere; false skips payloads"
                      + " that cannot hold an image link (faster, same pairs, damage there goes uncounted)")
              .booleanConf()
              .createWithDefault(true));

  /** How often a shard or list file is opened or read again after a transient I/O failure. */
  public static final Key<Long> INPUT_RETRIES =
      define(
          Key.named("input.retries")
              .doc(
                  "retries of a failed open or read of a shard or list file (e.g. over https:// or s3a://),"
                      + " resuming at the byte reached; 0 turns them off")
              .longConf()
              .createWithDefault(4L));

  /** The first wait before a retry; each further retry waits twice as long. */
  public static final Key<Long> INPUT_RETRY_BACKOFF_MS =
      define(
          Key.named("input.retryBackoffMs")
              .doc(
                  "wait before the first retry of a failed open or read, in ms; doubled for each further retry")
              .longConf()
              .createWithDefault(1000L));

  /** The vocabulary. */
  public static final Key<String> METADATA_PATH =
      define(
          Key.named("metadata.path")
              .doc(
                  "the metadata (vocabulary): a JSON array of strings (MetaCLIP's metadata.json) or one entry per line")
              .stringConf()
              .createOptional());

  /** fastText's language-identification model. */
  public static final Key<String> LID_MODEL =
      define(
          Key.named("lid.model")
              .doc(
                  "fastText's lid.176.ftz (spec 8.2); unset: ~/.cache/metaclip-spark/lid.176.ftz, where"
                      + " scripts/fetch-lid-model.sh puts it")
              .stringConf()
              .createOptional());

  /** The table from language label to vocabulary key. */
  public static final Key<String> LID_LABEL_KEYS =
      define(
          Key.named("lid.labelKeys")
              .doc(
                  "a label<TAB>key table that replaces the default label-to-vocabulary-key table"
                      + " (spec 8.2; yue -> zh, every other label to itself)")
              .stringConf()
              .createOptional());

  /** Root of every pass's output. */
  public static final Key<String> OUTPUT_DIR =
      define(
          Key.named("output.dir")
              .doc(
                  "root directory of all outputs: matches/, distinct_pairs/, entry_counts/, curated/")
              .stringConf()
              .createOptional());

  /** Format of the curated pairs. */
  public static final Key<String> OUTPUT_FORMAT =
      define(
          Key.named("output.format")
              .doc("format of the curated pairs: parquet or jsonl")
              .stringConf()
              .createWithDefault("parquet"));

  /** Whether a pass may replace an existing output. */
  public static final Key<Boolean> OUTPUT_OVERWRITE =
      define(
          Key.named("output.overwrite")
              .doc("replace an existing pass output instead of stopping with an error")
              .booleanConf()
              .createWithDefault(false));

  /** Whether count, balance and curate rewrite the HTML report after their outputs. */
  public static final Key<Boolean> OUTPUT_REPORT =
      define(
          Key.named("output.report")
              .doc(
                  "rewrite OUT/report/index.html after count, balance and curate; false saves its"
                      + " scans on quick reruns (`report` writes it later)")
              .booleanConf()
              .createWithDefault(true));

  /** The cap t. */
  public static final Key<List<Long>> BALANCE_T =
      define(
          Key.named("balance.t")
              .doc(
                  "cap t of Algorithm 1 (20000 for a 400M pool, 170000 at 2.5B), or a list of caps (one"
                      + " curated set each, in one scan); give t or p, not both")
              .longListConf()
              .createOptional());

  /** Tail proportion from which t is derived. */
  public static final Key<List<Double>> BALANCE_P =
      define(
          Key.named("balance.p")
              .doc(
                  "tail proportion p in (0, 1], or a list of them; t is derived from the entry counts"
                      + " (MetaCLIP's p_to_t)")
              .doubleListConf()
              .createOptional());

  /** Seed of all draws. */
  public static final Key<Long> BALANCE_SEED =
      define(
          Key.named("balance.seed")
              .doc("seed of the deterministic draws; the same seed gives the same curated set")
              .longConf()
              .createWithDefault(0L));

  /** MetaCLIP 2's one text per image. */
  public static final Key<Boolean> BALANCE_ONE_TEXT_PER_IMAGE =
      define(
          Key.named("balance.oneTextPerImage")
              .doc("keep one text per image (uuid), chosen from (seed, uuid, text) before the draw")
              .booleanConf()
              .createWithDefault(false));

  /** Spark master. */
  public static final Key<String> SPARK_MASTER =
      define(
          Key.named("spark.master")
              .doc("Spark master URL; unset: whatever spark-submit set, else local[*]")
              .stringConf()
              .createOptional());

  /** Shuffle partitions of the count pass. */
  public static final Key<Long> SPARK_SHUFFLE_PARTITIONS =
      define(
          Key.named("spark.shufflePartitions")
              .doc("spark.sql.shuffle.partitions for dedup and counting; 0 keeps Spark's setting")
              .longConf()
              .createWithDefault(0L));

  /** Extra Spark settings. */
  public static final Key<Map<String, String>> SPARK_CONF =
      define(
          Key.named("spark.conf")
              .doc(
                  "extra Spark settings, e.g. {\"spark.executor.memory\": \"8g\"}; credentials never belong here")
              .stringMapConf()
              .createWithDefault(Map.of()));

  /** Seconds between progress lines on the driver console. */
  public static final Key<Double> PROGRESS_INTERVAL_SECONDS =
      define(
          Key.named("progress.intervalSeconds")
              .doc(
                  "seconds between progress lines on the driver console (shards, records, pairs, MB/s,"
                      + " pairs/s, ETA); 0 turns them off")
              .doubleConf()
              .createWithDefault(10.0));

  /** Fault injection for tests of retries: tasks that fail on their first attempt. */
  public static final Key<List<String>> FAULTS_FAIL_FIRST_ATTEMPT =
      define(
          Key.named("faults.failFirstAttempt")
              .doc(
                  "for tests of retries: tasks that fail on their first attempt, as PASS:PARTITION or"
                      + " PASS:* (e.g. match:0,count:*); needs spark.task.maxFailures > 1 or local[N,F]")
              .stringListConf()
              .createWithDefault(List.of()));

  private ConfigKeys() {}

  private static <T> Key<T> define(Key<T> key) {
    if (KEYS.putIfAbsent(key.name(), key) != null) {
      throw new IllegalStateException("config key " + key.name() + " is defined twice");
    }
    return key;
  }

  /** All keys by name, in documentation order. */
  public static Map<String, Key<?>> all() {
    return Collections.unmodifiableMap(KEYS);
  }
}
