package org.metaclipspark.curation.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key, with its type, default and meaning. A conf file nests keys by their
 * dotted sections ({@code {"balance": {"t": 20000}}}); {@code --set balance.t=20000} names them
 * flat.
 */
public final class ConfigKeys {
  /** The value type of a key. */
  public enum Type {
    STRING,
    STRING_LIST,
    LONG,
    LONG_LIST,
    DOUBLE,
    DOUBLE_LIST,
    BOOLEAN,
    STRING_MAP
  }

  /** One key: its dotted name, type, default (null: unset) and a one-line description. */
  public record Key(String name, Type type, Object defaultValue, String description) {}

  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  /**
   * Shards to read: files, directories, globs, or list files ({@code *.paths[.gz]}, {@code *.txt}).
   */
  public static final String INPUT_PATHS =
      define(
          "input.paths",
          Type.STRING_LIST,
          null,
          "WAT shards: files, directories, globs, or list files (*.paths, *.paths.gz, *.txt), local, hdfs:// or s3a://");

  /** Prefix for the relative paths in list files. */
  public static final String INPUT_PREFIX =
      define(
          "input.prefix",
          Type.STRING,
          "",
          "prefix for relative paths in list files, e.g. s3a://commoncrawl/");

  /** Records larger than this are skipped and counted. */
  public static final String INPUT_MAX_RECORD_BYTES =
      define(
          "input.maxRecordBytes",
          Type.LONG,
          64L * 1024 * 1024,
          "a WARC record larger than this (uncompressed bytes) is skipped and counted");

  /** Whether every payload is parsed, or only those that can hold an image link. */
  public static final String INPUT_VALIDATE_ALL_PAYLOADS =
      define(
          "input.validateAllPayloads",
          Type.BOOLEAN,
          true,
          "parse every metadata payload, so broken JSON is counted everywhere; false skips payloads"
              + " that cannot hold an image link (faster, same pairs, damage there goes uncounted)");

  /** How often a shard or list file is opened or read again after a transient I/O failure. */
  public static final String INPUT_RETRIES =
      define(
          "input.retries",
          Type.LONG,
          4L,
          "retries of a failed open or read of a shard or list file (e.g. over https:// or s3a://),"
              + " resuming at the byte reached; 0 turns them off");

  /** The first wait before a retry; each further retry waits twice as long. */
  public static final String INPUT_RETRY_BACKOFF_MS =
      define(
          "input.retryBackoffMs",
          Type.LONG,
          1000L,
          "wait before the first retry of a failed open or read, in ms; doubled for each further retry");

  /** The vocabulary. */
  public static final String METADATA_PATH =
      define(
          "metadata.path",
          Type.STRING,
          null,
          "the metadata (vocabulary): a JSON array of strings (MetaCLIP's metadata.json) or one entry per line");

  /** Root of every pass's output. */
  public static final String OUTPUT_DIR =
      define(
          "output.dir",
          Type.STRING,
          null,
          "root directory of all outputs: matches/, distinct_pairs/, entry_counts/, curated/");

  /** Format of the curated pairs. */
  public static final String OUTPUT_FORMAT =
      define(
          "output.format", Type.STRING, "parquet", "format of the curated pairs: parquet or jsonl");

  /** Whether a pass may replace an existing output. */
  public static final String OUTPUT_OVERWRITE =
      define(
          "output.overwrite",
          Type.BOOLEAN,
          false,
          "replace an existing pass output instead of stopping with an error");

  /** The cap t. */
  public static final String BALANCE_T =
      define(
          "balance.t",
          Type.LONG_LIST,
          null,
          "cap t of Algorithm 1 (20000 for a 400M pool, 170000 at 2.5B), or a list of caps (one"
              + " curated set each, in one scan); give t or p, not both");

  /** Tail proportion from which t is derived. */
  public static final String BALANCE_P =
      define(
          "balance.p",
          Type.DOUBLE_LIST,
          null,
          "tail proportion p in (0, 1], or a list of them; t is derived from the entry counts"
              + " (MetaCLIP's p_to_t)");

  /** Seed of all draws. */
  public static final String BALANCE_SEED =
      define(
          "balance.seed",
          Type.LONG,
          0L,
          "seed of the deterministic draws; the same seed gives the same curated set");

  /** MetaCLIP 2's one text per image. */
  public static final String BALANCE_ONE_TEXT_PER_IMAGE =
      define(
          "balance.oneTextPerImage",
          Type.BOOLEAN,
          false,
          "keep one text per image (uuid), chosen from (seed, uuid, text) before the draw");

  /** Spark master. */
  public static final String SPARK_MASTER =
      define(
          "spark.master",
          Type.STRING,
          null,
          "Spark master URL; unset: whatever spark-submit set, else local[*]");

  /** Shuffle partitions of the count pass. */
  public static final String SPARK_SHUFFLE_PARTITIONS =
      define(
          "spark.shufflePartitions",
          Type.LONG,
          0L,
          "spark.sql.shuffle.partitions for dedup and counting; 0 keeps Spark's setting");

  /** Extra Spark settings. */
  public static final String SPARK_CONF =
      define(
          "spark.conf",
          Type.STRING_MAP,
          Map.of(),
          "extra Spark settings, e.g. {\"spark.executor.memory\": \"8g\"}; credentials never belong here");

  /** Seconds between progress lines on the driver console. */
  public static final String PROGRESS_INTERVAL_SECONDS =
      define(
          "progress.intervalSeconds",
          Type.DOUBLE,
          10.0,
          "seconds between progress lines on the driver console (shards, records, pairs, MB/s,"
              + " pairs/s, ETA); 0 turns them off");

  /** Fault injection for tests of retries: tasks that fail on their first attempt. */
  public static final String FAULTS_FAIL_FIRST_ATTEMPT =
      define(
          "faults.failFirstAttempt",
          Type.STRING_LIST,
          List.of(),
          "for tests of retries: tasks that fail on their first attempt, as PASS:PARTITION or"
              + " PASS:* (e.g. match:0,count:*); needs spark.task.maxFailures > 1 or local[N,F]");

  private ConfigKeys() {}

  private static String define(String name, Type type, Object defaultValue, String description) {
    KEYS.put(name, new Key(name, type, defaultValue, description));
    return name;
  }

  /** All keys, in documentation order. */
  public static Map<String, Key> all() {
    return java.util.Collections.unmodifiableMap(KEYS);
  }
}
