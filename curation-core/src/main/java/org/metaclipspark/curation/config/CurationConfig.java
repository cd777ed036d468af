package org.metaclipspark.curation.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The typed configuration of a run.
 *
 * <p>Precedence, lowest first:
 *
 * <ol>
 *   <li>built-in defaults ({@link ConfigKeys});
 *   <li>the conf files ({@code --conf conf/local.json}), in the order given: later files win, and
 *       their {@code spark.conf} objects merge entry by entry;
 *   <li>{@code --set key=value} overrides, in the order given; {@code --set spark.conf.KEY=VALUE}
 *       sets one Spark setting;
 *   <li>dedicated flags such as {@code --t}, {@code --input} or {@code --vocab}.
 * </ol>
 *
 * <p>Every value remembers where it came from, so errors can say so. Unknown keys are errors, so a
 * typo cannot silently fall back to a default. Immutable and serializable.
 */
public final class CurationConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A value and where it came from, e.g. {@code conf/local.json} or {@code --set}. */
  private record Setting(Object value, String source) implements Serializable {}

  /** Prefix of {@code --set} names that set one entry of {@code spark.conf}. */
  private static final String SPARK_CONF_ENTRY = ConfigKeys.SPARK_CONF.name() + ".";

  /**
   * By key name; a key's value is always of its type, as {@link Builder#put} is the only writer.
   */
  private final Map<String, Setting> settings;

  /** Where each {@code spark.conf} entry came from, by Spark setting name. */
  private final Map<String, String> sparkConfSources;

  private CurationConfig(Map<String, Setting> settings, Map<String, String> sparkConfSources) {
    this.settings = Collections.unmodifiableMap(settings);
    this.sparkConfSources = Collections.unmodifiableMap(sparkConfSources);
  }

  /** A builder that starts from the built-in defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the layers in precedence order; later calls override earlier ones. */
  public static final class Builder {
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Map<String, String> sparkConfSources = new TreeMap<>();

    private Builder() {
      for (Key<?> key : ConfigKeys.all().values()) {
        putDefault(key);
      }
    }

    private <T> void put(Key<T> key, T value, String source) {
      settings.put(key.name(), new Setting(value, source));
    }

    /** Back to the built-in default, or unset for a key without one. */
    private void putDefault(Key<?> key) {
      if (key == ConfigKeys.SPARK_CONF) {
        sparkConfSources.clear();
      }
      if (key.defaultValue() == null) {
        settings.remove(key.name());
      } else {
        settings.put(key.name(), new Setting(key.defaultValue(), "default"));
      }
    }

    /** Applies a conf file: a JSON object nested by key sections. */
    public Builder confFile(Path file) {
      JsonNode root;
      try {
        root = JSON.readTree(Files.readAllBytes(file));
      } catch (JsonProcessingException e) {
        throw new ConfigException(
            "conf file "
                + file
                + " is not valid JSON: "
                + e.getOriginalMessage()
                + " (line "
                + e.getLocation().getLineNr()
                + ", column "
                + e.getLocation().getColumnNr()
                + "); fix the file or pass another --conf");
      } catch (IOException e) {
        throw new ConfigException(
            "cannot read conf file " + file + ": " + e + "; check the path given to --conf");
      }
      if (!(root instanceof ObjectNode)) {
        throw new ConfigException(
            "conf file " + file + " must hold a JSON object, got " + root.getNodeType());
      }
      flatten("", root, file.toString());
      return this;
    }

    private void flatten(String prefix, JsonNode node, String source) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = prefix + field.getKey();
        Key<?> key = ConfigKeys.all().get(name);
        if (key == null && field.getValue().isObject()) {
          flatten(name + ".", field.getValue(), source);
          continue;
        }
        if (key == null) {
          throw unknownKey(name, source);
        }
        if (key == ConfigKeys.SPARK_CONF) {
          ConfigKeys.SPARK_CONF
              .fromJson(field.getValue(), source)
              .forEach((k, v) -> setSparkConf(k, v, source));
        } else {
          putJson(key, field.getValue(), source);
        }
      }
    }

    private <T> void putJson(Key<T> key, JsonNode node, String source) {
      put(key, key.fromJson(node, source), source);
    }

    /** Sets one Spark setting, keeping the others; an empty value removes it. */
    private void setSparkConf(String name, String value, String source) {
      Map<String, String> entries = new TreeMap<>(value(settings, ConfigKeys.SPARK_CONF));
      if (value.isEmpty()) {
        entries.remove(name);
        sparkConfSources.remove(name);
      } else {
        entries.put(name, value);
        sparkConfSources.put(name, source);
      }
      put(ConfigKeys.SPARK_CONF, Collections.unmodifiableMap(entries), source);
    }

    /** Applies one {@code key=value} override. */
    public Builder set(String assignment, String source) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            source + " expects key=value, got '" + assignment + "'; e.g. --set balance.t=20000");
      }
      return set(assignment.substring(0, eq).trim(), assignment.substring(eq + 1), source);
    }

    /**
     * Sets the key called {@code name} from its text form; a name {@code spark.conf.KEY} sets the
     * Spark setting {@code KEY}. See {@link #set(Key, String, String)}.
     */
    public Builder set(String name, String text, String source) {
      if (name.startsWith(SPARK_CONF_ENTRY) && name.length() > SPARK_CONF_ENTRY.length()) {
        setSparkConf(name.substring(SPARK_CONF_ENTRY.length()), text, source);
        return this;
      }
      Key<?> key = ConfigKeys.all().get(name);
      if (key == null) {
        throw unknownKey(name, source);
      }
      return set(key, text, source);
    }

    /**
     * Sets {@code key} from its text form, as a flag or {@code --set} gives it; an empty text for a
     * key that is not a string resets it to its default (unset for a key without one).
     */
    public Builder set(Key<?> key, String text, String source) {
      if (ConfigKeys.all().get(key.name()) != key) {
        throw unknownKey(key.name(), source);
      }
      if (text.isEmpty() && key.emptyTextResets()) {
        putDefault(key);
      } else {
        putText(key, text, source);
      }
      return this;
    }

    private <T> void putText(Key<T> key, String text, String source) {
      put(key, key.fromText(text, source), source);
    }

    /** Builds the config; values are type-checked here, cross-key rules by {@link #validateFor}. */
    public CurationConfig build() {
      return new CurationConfig(new LinkedHashMap<>(settings), new TreeMap<>(sparkConfSources));
    }
  }

  /**
   * The value of {@code key} in {@code settings}, or null when unset. The one cast of the config:
   * safe, since {@link Builder#put} stores only values of the key's own type.
   */
  @SuppressWarnings("unchecked")
  private static <T> T value(Map<String, Setting> settings, Key<T> key) {
    Setting s = settings.get(key.name());
    return s == null ? null : (T) s.value();
  }

  private static ConfigException unknownKey(String name, String source) {
    return new ConfigException(
        "unknown config key '"
            + name
            + "' (from "
            + source
            + "); known keys: "
            + String.join(", ", ConfigKeys.all().keySet())
            + ", and spark.conf.KEY for any Spark setting KEY");
  }

  /** The passes, for {@link #validateFor}. */
  public enum Pass {
    MATCH,
    COUNT,
    BALANCE,
    CURATE,
    /** {@code report}: reads the outputs of the passes. */
    REPORT,
    /** {@code extract}: reads shards without Spark; needs no output. */
    EXTRACT,
    /** The table of curated sizes against t: needs caps, t and p may both be given. */
    SIZES
  }

  /**
   * Checks what {@code pass} needs, before any Spark work, and returns this config.
   *
   * @throws ConfigException naming the first problem, its source and the fix
   */
  public CurationConfig validateFor(Pass pass) {
    if (pass != Pass.EXTRACT) {
      require(ConfigKeys.OUTPUT_DIR, "--out DIR");
    }
    if (pass == Pass.MATCH || pass == Pass.CURATE || pass == Pass.EXTRACT) {
      // The reader buffers a record in one array, so Java caps it just below 2 GiB.
      long maxBufferable = Integer.MAX_VALUE - 16;
      if (maxRecordBytes() < 1024 || maxRecordBytes() > maxBufferable) {
        throw new ConfigException(
            "'input.maxRecordBytes' = "
                + maxRecordBytes()
                + " (from "
                + source(ConfigKeys.INPUT_MAX_RECORD_BYTES)
                + ") must be in [1024, "
                + maxBufferable
                + "]; the default is 67108864 (64 MiB)");
      }
    }
    if (pass == Pass.MATCH || pass == Pass.CURATE) {
      require(ConfigKeys.INPUT_PATHS, "--input PATH");
      require(ConfigKeys.METADATA_PATH, "--vocab FILE");
      if (inputPaths().isEmpty()) {
        throw new ConfigException(
            "'input.paths' is empty (from "
                + source(ConfigKeys.INPUT_PATHS)
                + "); give at least one shard, directory, glob or list file with --input");
      }
      String vocab = metadataPath();
      boolean local = !vocab.contains("://");
      if (local && Files.isDirectory(Path.of(vocab)) && pass == Pass.CURATE) {
        throw new ConfigException(
            "'metadata.path' = '"
                + vocab
                + "' (from "
                + source(ConfigKeys.METADATA_PATH)
                + ") is a vocabulary directory (worldwide mode, spec 8); this version runs"
                + " worldwide pass 1 only: run match --vocab DIR, since counting and balancing per"
                + " language are not built yet; or pass one vocabulary file for English mode");
      }
      if (local && !Files.isRegularFile(Path.of(vocab)) && !Files.isDirectory(Path.of(vocab))) {
        throw new ConfigException(
            "'metadata.path' = '"
                + vocab
                + "' (from "
                + source(ConfigKeys.METADATA_PATH)
                + ") is not a readable file or directory; pass the vocabulary with --vocab FILE,"
                + " or a directory of one vocabulary per language key with --vocab DIR");
      }
      if (inputRetries() < 0 || inputRetries() > 100 || inputRetryBackoffMs() < 0) {
        throw new ConfigException(
            "'input.retries' = "
                + inputRetries()
                + " (from "
                + source(ConfigKeys.INPUT_RETRIES)
                + ") and 'input.retryBackoffMs' = "
                + inputRetryBackoffMs()
                + " (from "
                + source(ConfigKeys.INPUT_RETRY_BACKOFF_MS)
                + ") must be in 0..100 and at least 0");
      }
    }
    boolean hasT = isSet(ConfigKeys.BALANCE_T);
    boolean hasP = isSet(ConfigKeys.BALANCE_P);
    if (pass == Pass.SIZES && !hasT && !hasP) {
      throw new ConfigException(
          "the size table needs caps: give --t 1000,20000,170000 and/or --p 0.1,0.2");
    }
    if (pass == Pass.BALANCE || pass == Pass.CURATE || pass == Pass.SIZES) {
      if (hasT == hasP && pass != Pass.SIZES) {
        throw new ConfigException(
            hasT
                ? "both 'balance.t' (from "
                    + source(ConfigKeys.BALANCE_T)
                    + ") and 'balance.p' (from "
                    + source(ConfigKeys.BALANCE_P)
                    + ") are set; give one of them (--t N or --p X)"
                : "balancing needs a cap: give --t N (e.g. --t 20000) or --p X (e.g. --p 0.1), or set balance.t in the conf file");
      }
      for (long t : ts()) {
        if (t < 1) {
          throw new ConfigException(
              "'balance.t' = "
                  + t
                  + " (from "
                  + source(ConfigKeys.BALANCE_T)
                  + ") must be >= 1 (every t of a list); e.g. 20000 for a 400M pool");
        }
      }
      if (ts().size() > 64) {
        throw new ConfigException(
            "'balance.t' holds "
                + ts().size()
                + " caps (from "
                + source(ConfigKeys.BALANCE_T)
                + "); give at most 64 per run");
      }
      for (double p : ps()) {
        if (!(p > 0 && p <= 1)) {
          throw new ConfigException(
              "'balance.p' = "
                  + p
                  + " (from "
                  + source(ConfigKeys.BALANCE_P)
                  + ") must be in (0, 1] (every p of a list); it is the tail share, e.g. 0.1");
        }
      }
      outputFormat();
    }
    for (String rule : failFirstAttempt()) {
      if (!rule.matches("(match|count|balance):(\\*|\\d+)")) {
        throw new ConfigException(
            "'"
                + ConfigKeys.FAULTS_FAIL_FIRST_ATTEMPT.name()
                + "' holds '"
                + rule
                + "' (from "
                + source(ConfigKeys.FAULTS_FAIL_FIRST_ATTEMPT)
                + "); each rule is PASS:PARTITION or PASS:*, PASS one of match, count, balance");
      }
    }
    if (!(progressIntervalSeconds() >= 0)) {
      throw new ConfigException(
          "'"
              + ConfigKeys.PROGRESS_INTERVAL_SECONDS.name()
              + "' = "
              + progressIntervalSeconds()
              + " (from "
              + source(ConfigKeys.PROGRESS_INTERVAL_SECONDS)
              + ") must be >= 0; 0 turns progress lines off");
    }
    if (shufflePartitions() < 0) {
      throw new ConfigException(
          "'spark.shufflePartitions' = "
              + shufflePartitions()
              + " (from "
              + source(ConfigKeys.SPARK_SHUFFLE_PARTITIONS)
              + ") must be >= 0");
    }
    return this;
  }

  private void require(Key<?> key, String flag) {
    if (!isSet(key)) {
      throw new ConfigException(
          "'" + key.name() + "' is not set; pass " + flag + " or set it in the conf file");
    }
  }

  /** The value of {@code key}, or null when it is unset (only keys without a default can be). */
  public <T> T get(Key<T> key) {
    return value(settings, key);
  }

  /** Whether {@code key} has a value. */
  public boolean isSet(Key<?> key) {
    return settings.containsKey(key.name());
  }

  /** Where {@code key}'s value came from: a conf file path, {@code --set}, a flag, or "default". */
  public String source(Key<?> key) {
    return source(key.name());
  }

  /**
   * Where the value of the key called {@code name} came from; {@code spark.conf.KEY} names one
   * Spark setting. "unset" when it has none.
   */
  public String source(String name) {
    if (name.startsWith(SPARK_CONF_ENTRY)) {
      return sparkConfSources.getOrDefault(name.substring(SPARK_CONF_ENTRY.length()), "unset");
    }
    Setting s = settings.get(name);
    return s == null ? "unset" : s.source();
  }

  /** One effective setting: the key, its value (null: unset) and where it came from. */
  public record Effective(String key, Object value, String source) {}

  /**
   * Every key in documentation order with its value and source, each Spark setting as its own
   * {@code spark.conf.KEY} line; credential-like Spark settings are redacted as in {@link #toMap}.
   */
  public List<Effective> effective() {
    List<Effective> out = new ArrayList<>();
    Map<String, Object> values = toMap();
    for (String key : ConfigKeys.all().keySet()) {
      if (key.equals(ConfigKeys.SPARK_CONF.name()) && !sparkConf().isEmpty()) {
        redactedSparkConf()
            .forEach(
                (k, v) ->
                    out.add(new Effective(SPARK_CONF_ENTRY + k, v, source(SPARK_CONF_ENTRY + k))));
      } else {
        out.add(new Effective(key, values.get(key), source(key)));
      }
    }
    return out;
  }

  /** {@link ConfigKeys#INPUT_PATHS}. */
  public List<String> inputPaths() {
    return orEmpty(get(ConfigKeys.INPUT_PATHS));
  }

  /** {@link ConfigKeys#INPUT_PREFIX}. */
  public String inputPrefix() {
    return get(ConfigKeys.INPUT_PREFIX);
  }

  /** {@link ConfigKeys#INPUT_RETRIES}. */
  public int inputRetries() {
    return Math.toIntExact(get(ConfigKeys.INPUT_RETRIES));
  }

  /** {@link ConfigKeys#INPUT_RETRY_BACKOFF_MS}. */
  public long inputRetryBackoffMs() {
    return get(ConfigKeys.INPUT_RETRY_BACKOFF_MS);
  }

  /** {@link ConfigKeys#INPUT_MAX_RECORD_BYTES}. */
  public long maxRecordBytes() {
    return get(ConfigKeys.INPUT_MAX_RECORD_BYTES);
  }

  /** {@link ConfigKeys#INPUT_VALIDATE_ALL_PAYLOADS}. */
  public boolean validateAllPayloads() {
    return get(ConfigKeys.INPUT_VALIDATE_ALL_PAYLOADS);
  }

  /** {@link ConfigKeys#METADATA_PATH}. */
  public String metadataPath() {
    return get(ConfigKeys.METADATA_PATH);
  }

  /**
   * {@link ConfigKeys#LID_MODEL}, or where {@code scripts/fetch-lid-model.sh} puts the model when
   * it is unset: {@code ~/.cache/metaclip-spark/lid.176.ftz}.
   */
  public String lidModelPath() {
    String path = get(ConfigKeys.LID_MODEL);
    return path != null ? path : defaultLidModelPath();
  }

  /** Where {@code scripts/fetch-lid-model.sh} puts the model: {@code ~/.cache/metaclip-spark}. */
  public static String defaultLidModelPath() {
    return Path.of(System.getProperty("user.home"), ".cache", "metaclip-spark", "lid.176.ftz")
        .toString();
  }

  /** {@link ConfigKeys#LID_LABEL_KEYS}: a replacement label-to-key table, or null. */
  public String lidLabelKeysPath() {
    return get(ConfigKeys.LID_LABEL_KEYS);
  }

  /** {@link ConfigKeys#OUTPUT_DIR}. */
  public String outputDir() {
    return get(ConfigKeys.OUTPUT_DIR);
  }

  /** The format of the curated pairs. */
  public enum OutputFormat {
    PARQUET,
    JSONL
  }

  /** {@link ConfigKeys#OUTPUT_FORMAT}. */
  public OutputFormat outputFormat() {
    String text = get(ConfigKeys.OUTPUT_FORMAT);
    try {
      return OutputFormat.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "'output.format' = '"
              + text
              + "' (from "
              + source(ConfigKeys.OUTPUT_FORMAT)
              + ") must be parquet or jsonl");
    }
  }

  /** {@link ConfigKeys#OUTPUT_REPORT}. */
  public boolean report() {
    return get(ConfigKeys.OUTPUT_REPORT);
  }

  /** {@link ConfigKeys#OUTPUT_OVERWRITE}. */
  public boolean overwrite() {
    return get(ConfigKeys.OUTPUT_OVERWRITE);
  }

  /** {@link ConfigKeys#BALANCE_T}: the caps, in the order given; empty if unset. */
  public List<Long> ts() {
    return orEmpty(get(ConfigKeys.BALANCE_T));
  }

  /** {@link ConfigKeys#BALANCE_P}: the tail proportions, in the order given; empty if unset. */
  public List<Double> ps() {
    return orEmpty(get(ConfigKeys.BALANCE_P));
  }

  private static <E> List<E> orEmpty(List<E> list) {
    return list == null ? List.of() : list;
  }

  /** The first of {@link #ts}, e.g. for the head-entry figures of pass 2. */
  public Optional<Long> t() {
    return ts().stream().findFirst();
  }

  /** The first of {@link #ps}. */
  public Optional<Double> p() {
    return ps().stream().findFirst();
  }

  /** {@link ConfigKeys#BALANCE_SEED}. */
  public long seed() {
    return get(ConfigKeys.BALANCE_SEED);
  }

  /** {@link ConfigKeys#BALANCE_ONE_TEXT_PER_IMAGE}. */
  public boolean oneTextPerImage() {
    return get(ConfigKeys.BALANCE_ONE_TEXT_PER_IMAGE);
  }

  /** {@link ConfigKeys#SPARK_MASTER}. */
  public Optional<String> sparkMaster() {
    return Optional.ofNullable(get(ConfigKeys.SPARK_MASTER));
  }

  /** {@link ConfigKeys#SPARK_SHUFFLE_PARTITIONS}. */
  public int shufflePartitions() {
    return Math.toIntExact(get(ConfigKeys.SPARK_SHUFFLE_PARTITIONS));
  }

  /** {@link ConfigKeys#SPARK_CONF}. */
  public Map<String, String> sparkConf() {
    return get(ConfigKeys.SPARK_CONF);
  }

  /** {@link ConfigKeys#PROGRESS_INTERVAL_SECONDS}. */
  public double progressIntervalSeconds() {
    return get(ConfigKeys.PROGRESS_INTERVAL_SECONDS);
  }

  /** {@link ConfigKeys#FAULTS_FAIL_FIRST_ATTEMPT}. */
  public List<String> failFirstAttempt() {
    return get(ConfigKeys.FAULTS_FAIL_FIRST_ATTEMPT);
  }

  /**
   * The effective settings as an ordered map, for manifests and logs. Spark settings whose name
   * suggests a credential are redacted, so a misplaced secret never reaches an output.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String key : ConfigKeys.all().keySet()) {
      if (settings.containsKey(key)) {
        out.put(key, settings.get(key).value());
      }
    }
    out.put(ConfigKeys.SPARK_CONF.name(), redactedSparkConf());
    return out;
  }

  private Map<String, String> redactedSparkConf() {
    Map<String, String> redacted = new TreeMap<>();
    sparkConf()
        .forEach((k, v) -> redacted.put(k, SECRET_NAME.matcher(k).find() ? "*** redacted ***" : v));
    return redacted;
  }

  private static final java.util.regex.Pattern SECRET_NAME =
      java.util.regex.Pattern.compile("(?i)secret|password|token|credential|access\\.key|session");
}
