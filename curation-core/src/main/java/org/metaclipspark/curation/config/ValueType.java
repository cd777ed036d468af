package org.metaclipspark.curation.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The type of a {@link Key}'s values: how a JSON node of a conf file and a text of {@code --set} or
 * a flag become a value, and the error when they cannot. Each {@code where} names the key, the
 * value and its source, so every message says what to fix.
 *
 * @param <T> the type of the values
 */
final class ValueType<T> {
  /** The key and the source of a value being read, for the error messages. */
  record Origin(String key, String source) {
    /** {@code 'key' = shown (from source)}, the start of every message. */
    String where(String shown) {
      return "'" + key + "' = " + shown + " (from " + source + ")";
    }
  }

  /** Reads a conf file's JSON node. */
  @FunctionalInterface
  private interface JsonReader<T> {
    T read(JsonNode node, String where, Origin origin);
  }

  /** Parses a text form. */
  @FunctionalInterface
  private interface TextParser<T> {
    T parse(String text, String where, Origin origin);
  }

  static final ValueType<String> STRING =
      new ValueType<>(
          "a string",
          (node, where, origin) -> {
            if (!node.isTextual()) {
              throw new ConfigException(where + " must be a string");
            }
            return node.asText();
          },
          (text, where, origin) -> text);

  static final ValueType<List<String>> STRING_LIST =
      new ValueType<>(
          "a string or a list of strings",
          (node, where, origin) -> {
            if (node.isTextual()) {
              return List.of(node.asText());
            }
            if (!node.isArray()) {
              throw new ConfigException(where + " must be a string or an array of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode element : node) {
              if (!element.isTextual()) {
                throw new ConfigException(where + " must hold only strings");
              }
              out.add(element.asText());
            }
            return List.copyOf(out);
          },
          (text, where, origin) -> List.of(text.split(",")));

  static final ValueType<Long> LONG =
      new ValueType<>(
          "a whole number",
          (node, where, origin) -> {
            if (!node.canConvertToExactIntegral() || !node.canConvertToLong()) {
              throw new ConfigException(where + " must be a whole number");
            }
            return node.asLong();
          },
          (text, where, origin) -> {
            try {
              return Long.parseLong(text.trim().replace("_", ""));
            } catch (NumberFormatException e) {
              throw new ConfigException(where + " must be a whole number");
            }
          });

  static final ValueType<Double> DOUBLE =
      new ValueType<>(
          "a number",
          (node, where, origin) -> {
            if (!node.isNumber()) {
              throw new ConfigException(where + " must be a number");
            }
            return node.asDouble();
          },
          (text, where, origin) -> {
            try {
              return Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
              throw new ConfigException(where + " must be a number");
            }
          });

  static final ValueType<List<Long>> LONG_LIST = listOf(LONG, "a whole number or a list of them");

  static final ValueType<List<Double>> DOUBLE_LIST = listOf(DOUBLE, "a number or a list of them");

  static final ValueType<Boolean> BOOLEAN =
      new ValueType<>(
          "true or false",
          (node, where, origin) -> {
            if (!node.isBoolean()) {
              throw new ConfigException(where + " must be true or false");
            }
            return node.asBoolean();
          },
          (text, where, origin) ->
              switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new ConfigException(where + " must be true or false");
              });

  static final ValueType<Map<String, String>> STRING_MAP =
      new ValueType<>(
          "an object of string values",
          (node, where, origin) -> {
            if (!node.isObject()) {
              throw new ConfigException(where + " must be an object of string values");
            }
            Map<String, String> out = new TreeMap<>();
            node.fields()
                .forEachRemaining(
                    f -> {
                      if (!f.getValue().isValueNode()) {
                        throw new ConfigException(
                            where + ": '" + f.getKey() + "' must be a string, number or boolean");
                      }
                      out.put(f.getKey(), f.getValue().asText());
                    });
            return Collections.unmodifiableMap(out);
          },
          null);

  private final String description;
  private final JsonReader<T> json;
  private final TextParser<T> text;

  private ValueType(String description, JsonReader<T> json, TextParser<T> text) {
    this.description = description;
    this.json = json;
    this.text = text;
  }

  /** A non-empty list of {@code element}s, from one JSON value or an array, or a,b,c text. */
  private static <E> ValueType<List<E>> listOf(ValueType<E> element, String description) {
    return new ValueType<>(
        description,
        (node, where, origin) -> {
          List<E> out = new ArrayList<>();
          for (JsonNode e : node.isArray() ? node : List.of(node)) {
            out.add(element.fromJson(e, origin));
          }
          if (out.isEmpty()) {
            throw new ConfigException(where + " must hold at least one number");
          }
          return List.copyOf(out);
        },
        (text, where, origin) -> {
          List<E> out = new ArrayList<>();
          for (String part : text.split(",")) {
            out.add(element.fromText(part, origin));
          }
          return List.copyOf(out);
        });
  }

  String description() {
    return description;
  }

  /** The value of a conf file's JSON node; each element of a list is checked on its own. */
  T fromJson(JsonNode node, Origin origin) {
    return json.read(node, origin.where(node.toString()), origin);
  }

  /** Whether values can be given as text; a map is set one entry at a time instead. */
  boolean hasTextForm() {
    return text != null;
  }

  /** The value of a text form; each element of a list is checked on its own. */
  T fromText(String value, Origin origin) {
    return text.parse(value, origin.where("'" + value + "'"), origin);
  }
}
