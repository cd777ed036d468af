package org.metaclipspark.curation.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * Creates the session for a run. The master is {@code spark.master} from the config if set, else
 * whatever {@code spark-submit} set, else {@code local[*]}. In local mode every port stays on
 * loopback. When launched by {@code scripts/metaclip-spark} against a cluster, the application jar
 * is shipped to the executors. With {@code progress.intervalSeconds} above 0, {@link
 * ConsoleProgress} prints progress lines instead of Spark's console bar.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** A session configured from {@code config}, named after {@code pass}. */
  public static SparkSession create(CurationConfig config, String pass) {
    SparkConf conf = new SparkConf().setAppName("metaclip-spark " + pass);
    config.sparkMaster().ifPresent(conf::setMaster);
    if (!conf.contains("spark.master")) {
      conf.setMaster("local[*]");
    }
    String appJar = System.getProperty("metaclip.appJar");
    if (!conf.get("spark.master").startsWith("local") && appJar != null) {
      conf.setIfMissing("spark.jars", appJar); // executors need our classes
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    // Our progress lines replace Spark's bar, which would write over them; with them off, the bar.
    conf.setIfMissing(
        "spark.ui.showConsoleProgress", String.valueOf(config.progressIntervalSeconds() == 0));
    if (config.shufflePartitions() > 0) {
      conf.set("spark.sql.shuffle.partitions", Integer.toString(config.shufflePartitions()));
    }
    for (Map.Entry<String, String> e : config.sparkConf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    Committers.configure(conf, config); // S3A committer when the output is on s3a://
    ShardStreams.configure(conf, config); // retries of shard reads
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    if (config.progressIntervalSeconds() > 0) {
      ConsoleProgress.install(
          spark, config.progressIntervalSeconds(), System.err, ConsoleProgress.terminal());
    }
    return spark;
  }
}
