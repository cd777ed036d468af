package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * The passes on a real multi-JVM cluster, Spark's {@code local-cluster[2,1,1024]}: two executor
 * processes, so the broadcast automaton, the Hadoop configuration, the accumulator and every task
 * closure cross a process boundary. The curated rows must equal a local-mode run's.
 */
@Tag("spark")
class LocalClusterTest {
  @Test
  void curateOnTwoExecutorProcessesEqualsLocalMode(@TempDir Path out) throws IOException {
    String sparkHome = System.getenv("SPARK_HOME");
    Assumptions.assumeTrue(
        sparkHome != null && System.getProperty("surefire.test.class.path") != null,
        "local-cluster needs SPARK_HOME and the surefire class path (run through mvn)");
    Files.createDirectories(Path.of(sparkHome, "jars"));
    Set<String> cluster = curate("local-cluster[2,1,1024]", out.resolve("cluster"));
    Set<String> local = curate("local[2]", out.resolve("local"));
    assertTrue(cluster.size() > 50, "curated " + cluster.size());
    assertEquals(local, cluster);
  }

  private static Set<String> curate(String master, Path out) {
    Path root = Path.of("..");
    CurationConfig config =
        CurationConfig.builder()
            .confFile(root.resolve("conf/local.json"))
            .set("input.paths", root.resolve("samples/wat").toAbsolutePath().toString(), "test")
            .set(
                "metadata.path",
                root.resolve("samples/vocab/wordnet31-synsets.json").toAbsolutePath().toString(),
                "test")
            .set("output.dir", out.toString(), "test")
            .set("spark.master", master, "test")
            .build();
    // SparkConf reads spark.* system properties: the executors get the test class path.
    System.setProperty(
        "spark.executor.extraClassPath", System.getProperty("surefire.test.class.path"));
    SparkSession spark = SparkSessions.create(config, "test");
    try {
      CurateJob.CurateResult r = CurateJob.run(spark, config);
      assertEquals(3, r.match().shards());
      Set<String> rows = new HashSet<>();
      for (Row row : spark.read().parquet(r.balance().output()).collectAsList()) {
        rows.add(row.mkString("|"));
      }
      return rows;
    } finally {
      spark.stop();
      System.clearProperty("spark.executor.extraClassPath");
    }
  }
}
