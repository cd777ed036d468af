package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * The outputs open in DuckDB as users open them ({@code read_parquet('DIR/*.parquet')}): row
 * counts, column types, and joins on {@code entry_id} that hold the counts to the spec.
 */
@Tag("spark")
class DuckDbReadTest {
  @Test
  void duckDbReadsTheCuratedPairsDistinctPairsAndEntryCounts(@TempDir Path out) throws Exception {
    Path root = Path.of("..");
    CurationConfig config =
        CurationConfig.builder()
            .confFile(root.resolve("conf/local.json"))
            .set("input.paths", root.resolve("samples/wat").toString(), "test")
            .set(
                "metadata.path",
                root.resolve("samples/vocab/wordnet31-synsets.json").toString(),
                "test")
            .set("output.dir", out.toString(), "test")
            .set("spark.master", "local[2]", "test")
            .build();
    SparkSession spark = SparkSessions.create(config, "test");
    CurateJob.CurateResult r;
    try {
      r = CurateJob.run(spark, config);
    } finally {
      spark.stop();
    }
    String curated = "read_parquet('" + r.balance().output() + "/*.parquet')";
    String distinct = "read_parquet('" + r.layout().distinctPairs() + "/*.parquet')";
    String counts = "read_parquet('" + r.layout().entryCounts() + "/*.parquet')";
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      assertEquals(r.balance().curatedPairs(), one(sql, "SELECT count(*) FROM " + curated));
      assertEquals(r.count().distinctPairs(), one(sql, "SELECT count(*) FROM " + distinct));
      Map<?, ?> countRows =
          (Map<?, ?>)
              new ObjectMapper()
                  .readValue(
                      Path.of(r.layout().entryCounts(), Manifest.FILE_NAME).toFile(), Map.class)
                  .get("row_counts");
      long entries = ((Number) countRows.get("entry_counts")).longValue();
      assertTrue(entries > r.count().entriesMatched(), "zeros are rows too");
      assertEquals(entries, one(sql, "SELECT count(*) FROM " + counts));

      Map<String, String> pairTypes = new LinkedHashMap<>();
      pairTypes.put("uuid", "VARCHAR");
      pairTypes.put("url", "VARCHAR");
      pairTypes.put("text", "VARCHAR");
      pairTypes.put("text_key", "VARCHAR");
      pairTypes.put("page_url", "VARCHAR");
      pairTypes.put("warc_filename", "VARCHAR");
      pairTypes.put("warc_record_offset", "BIGINT");
      pairTypes.put("matched_entry_ids", "INTEGER[]");
      assertEquals(pairTypes, types(sql, curated));
      assertEquals(pairTypes, types(sql, distinct));
      assertEquals(
          Map.of("entry_id", "INTEGER", "entry", "VARCHAR", "entry_count", "BIGINT"),
          types(sql, counts));

      // entryCount is the number of distinct pairs that matched the entry, for every entry.
      assertEquals(
          0L,
          one(
              sql,
              "SELECT count(*) FROM "
                  + counts
                  + " e LEFT JOIN (SELECT unnest(matched_entry_ids) AS entry_id, count(*) AS n FROM "
                  + distinct
                  + " GROUP BY 1) d USING (entry_id) WHERE e.entry_count <> coalesce(d.n, 0)"));
      // Every curated entry id names an entry ...
      assertEquals(
          0L,
          one(
              sql,
              "SELECT count(*) FROM (SELECT unnest(matched_entry_ids) AS entry_id FROM "
                  + curated
                  + ") c ANTI JOIN "
                  + counts
                  + " e USING (entry_id)"));
      // ... and a tail entry (entryCount < t) keeps all its pairs.
      long t = r.balance().t();
      long tail =
          one(
              sql,
              "SELECT count(*) FROM " + counts + " WHERE entry_count BETWEEN 1 AND " + (t - 1));
      assertTrue(tail > 0, "the samples have tail entries");
      assertEquals(
          tail,
          one(
              sql,
              "SELECT count(*) FROM "
                  + counts
                  + " e JOIN (SELECT unnest(matched_entry_ids) AS entry_id, count(*) AS n FROM "
                  + curated
                  + " GROUP BY 1) c USING (entry_id) WHERE e.entry_count < "
                  + t
                  + " AND c.n = e.entry_count"));
    }
  }

  private static long one(Statement sql, String query) throws SQLException {
    try (ResultSet rs = sql.executeQuery(query)) {
      assertTrue(rs.next(), query);
      return rs.getLong(1);
    }
  }

  private static Map<String, String> types(Statement sql, String table) throws SQLException {
    Map<String, String> out = new LinkedHashMap<>();
    try (ResultSet rs = sql.executeQuery("DESCRIBE SELECT * FROM " + table)) {
      while (rs.next()) {
        out.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    return out;
  }
}
