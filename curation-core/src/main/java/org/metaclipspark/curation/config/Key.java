package org.metaclipspark.curation.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One configuration key: its dotted name, the type of its values with their parser, its default
 * ({@code null}: unset) and a one-line description. Built like Spark's {@code ConfigEntry}:
 *
 * <pre>{@code
 * Key<Long> RETRIES = Key.named("input.retries").doc("...").longConf().createWithDefault(4L);
 * }</pre>
 *
 * <p>The keys of a run are the constants of {@link ConfigKeys}; {@link CurationConfig#get} reads a
 * key's value with its type. Immutable.
 *
 * @param <T> the type of the key's values
 */
public final class Key<T> {
  private final String name;
  private final ValueType<T> type;
  private final T defaultValue;
  private final String description;

  private Key(String name, ValueType<T> type, T defaultValue, String description) {
    this.name = name;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** Starts a key called {@code name}, e.g. {@code balance.seed}. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The first step of a key: its name and description; the type comes next. */
  public static final class Builder {
    private final String name;
    private String description = "";

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a config key needs a name");
      }
      this.name = name;
    }

    /** The one-line description that {@code config} and the README show. */
    public Builder doc(String description) {
      this.description = Objects.requireNonNull(description);
      return this;
    }

    /** A string. */
    public Typed<String> stringConf() {
      return new Typed<>(this, ValueType.STRING);
    }

    /** A list of strings: a JSON string or array, or comma-separated text. */
    public Typed<List<String>> stringListConf() {
      return new Typed<>(this, ValueType.STRING_LIST);
    }

    /** A whole number; {@code _} may group digits in text ({@code 64_000_000}). */
    public Typed<Long> longConf() {
      return new Typed<>(this, ValueType.LONG);
    }

    /** A non-empty list of whole numbers: a JSON number or array, or comma-separated text. */
    public Typed<List<Long>> longListConf() {
      return new Typed<>(this, ValueType.LONG_LIST);
    }

    /** A number. */
    public Typed<Double> doubleConf() {
      return new Typed<>(this, ValueType.DOUBLE);
    }

    /** A non-empty list of numbers: a JSON number or array, or comma-separated text. */
    public Typed<List<Double>> doubleListConf() {
      return new Typed<>(this, ValueType.DOUBLE_LIST);
    }

    /** {@code true} or {@code false}. */
    public Typed<Boolean> booleanConf() {
      return new Typed<>(this, ValueType.BOOLEAN);
    }

    /** A JSON object of string values (numbers and booleans are taken as their text). */
    public Typed<Map<String, String>> stringMapConf() {
      return new Typed<>(this, ValueType.STRING_MAP);
    }
  }

  /**
   * The last step of a key: its default.
   *
   * @param <T> the type of the key's values
   */
  public static final class Typed<T> {
    private final Builder builder;
    private final ValueType<T> type;

    private Typed(Builder builder, ValueType<T> type) {
      this.builder = builder;
      this.type = type;
    }

    /** A key whose value is {@code defaultValue} unless a layer sets it. */
    public Key<T> createWithDefault(T defaultValue) {
      return new Key<>(
          builder.name, type, Objects.requireNonNull(defaultValue), builder.description);
    }

    /** A key that is unset unless a layer sets it. */
    public Key<T> createOptional() {
      return new Key<>(builder.name, type, null, builder.description);
    }
  }

  /** The dotted name, e.g. {@code balance.t}. */
  public String name() {
    return name;
  }

  /** The default value, or {@code null} when the key is unset by default. */
  public T defaultValue() {
    return defaultValue;
  }

  /** The one-line description. */
  public String description() {
    return description;
  }

  /** What values the key takes, in words, e.g. "a whole number". */
  public String typeDescription() {
    return type.description();
  }

  /** Whether an empty text ({@code --set KEY=}) resets the key rather than being a value. */
  boolean emptyTextResets() {
    return type != ValueType.STRING;
  }

  /**
   * The value of a conf file's JSON node.
   *
   * @param source where the node came from, for the error message
   * @throws ConfigException naming the key, the value, the source and what it must be
   */
  T fromJson(JsonNode node, String source) {
    return type.fromJson(node, new ValueType.Origin(name, source));
  }

  /**
   * The value of a text form, as {@code --set} and the flags give it.
   *
   * @throws ConfigException naming the key, the value, the source and what it must be
   */
  T fromText(String text, String source) {
    if (!type.hasTextForm()) {
      throw new ConfigException(
          "'"
              + name
              + "' = '"
              + text
              + "' (from "
              + source
              + "): set one entry with --set "
              + name
              + ".KEY=VALUE, e.g. --set spark.conf.spark.executor.memory=8g");
    }
    return type.fromText(text, new ValueType.Origin(name, source));
  }

  /** The name, so a key reads as its name in messages. */
  @Override
  public String toString() {
    return name;
  }
}
