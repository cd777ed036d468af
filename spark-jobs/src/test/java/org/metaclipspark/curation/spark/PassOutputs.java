package org.metaclipspark.curation.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The data of passes 2 and 3 under an output root, as sorted rows, to compare runs row by row. */
final class PassOutputs {
  private PassOutputs() {}

  /** Each output directory's rows, sorted by their text form; curated sets read as Parquet. */
  static Map<String, List<String>> read(SparkSession spark, Path out) throws Exception {
    Map<String, List<String>> all = new TreeMap<>();
    List<Path> dirs =
        new ArrayList<>(List.of(out.resolve("distinct_pairs"), out.resolve("entry_counts")));
    try (var sets = Files.list(out.resolve("curated"))) {
      sets.filter(Files::isDirectory).sorted().forEach(dirs::add);
    }
    for (Path dir : dirs) {
      List<String> rows = new ArrayList<>();
      for (Row r : spark.read().parquet(dir.toString()).collectAsList()) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
          Object v = r.get(i);
          s.append(
                  v instanceof scala.collection.Seq<?> seq
                      ? scala.jdk.javaapi.CollectionConverters.asJava(seq).toString()
                      : String.valueOf(v))
              .append('\t');
        }
        rows.add(s.toString());
      }
      rows.sort(null);
      all.put(out.relativize(dir).toString(), rows);
    }
    return all;
  }
}
