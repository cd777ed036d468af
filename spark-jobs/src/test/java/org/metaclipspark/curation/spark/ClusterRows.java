package org.metaclipspark.curation.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Curated rows in a form that compares across storage: the shard column keeps its file name. */
final class ClusterRows {
  private ClusterRows() {}

  /**
   * Every row of the curated output at {@code dir}, sorted, as text: all columns, with {@code
   * warc_filename} cut to the shard's file name (the only column that names where it was read).
   */
  static List<String> curated(SparkSession spark, String dir) {
    List<String> rows = new ArrayList<>();
    for (Row row :
        spark.read().schema(Schemas.load(Schemas.CURATED)).parquet(dir).collectAsList()) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        Object value = row.get(i);
        if (row.schema().fields()[i].name().equals("warc_filename")) {
          String path = (String) value;
          value = path.substring(path.lastIndexOf('/') + 1);
        } else if (value instanceof scala.collection.Seq<?> seq) {
          value = scala.jdk.javaapi.CollectionConverters.asJava(seq).toString();
        }
        s.append(i == 0 ? "" : "\t").append(value);
      }
      rows.add(s.toString());
    }
    rows.sort(null);
    return rows;
  }
}
