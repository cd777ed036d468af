package org.metaclipspark.curation.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * The declared output schemas, read from {@code schema/<name>.json} (Spark's StructType JSON, with
 * a description and an example on every field). These files are the data dictionary.
 */
public final class Schemas {
  /** Pass 1 output: every matched pair. */
  public static final String MATCHES = "matches.v1";

  /** Pass 1 output in worldwide mode: every matched pair, with its text's vocabulary key. */
  public static final String MATCHES_WORLDWIDE = "matches.v2";

  /** Pass 2 output: pairs after dedup on (uuid, text). */
  public static final String DISTINCT_PAIRS = "distinct_pairs.v1";

  /** Pass 2 output: entryCount of every entry. */
  public static final String ENTRY_COUNTS = "entry_counts.v1";

  /** Pass 3 output: the curated pairs. */
  public static final String CURATED = "curated.v1";

  private Schemas() {}

  /** The schema called {@code name}, e.g. {@link #MATCHES}. */
  public static StructType load(String name) {
    String resource = "/schema/" + name + ".json";
    try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource " + resource + " is missing from the jar");
      }
      return (StructType) DataType.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schema resource " + resource, e);
    }
  }
}
