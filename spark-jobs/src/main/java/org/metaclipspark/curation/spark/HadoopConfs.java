package org.metaclipspark.curation.spark;

import org.apache.hadoop.conf.Configuration;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * The Hadoop configuration of a tool that runs without Spark ({@code extract}, {@code match-text}):
 * Hadoop's defaults plus the {@code spark.hadoop.*} entries of {@code spark.conf}, stripped of the
 * prefix as Spark strips them, so {@code s3a://} and {@code hdfs://} paths work with the same conf
 * file as the passes.
 */
public final class HadoopConfs {
  private static final String PREFIX = "spark.hadoop.";

  private HadoopConfs() {}

  /** A new configuration from {@code config}'s Spark settings. */
  public static Configuration of(CurationConfig config) {
    Configuration hadoop = new Configuration();
    config
        .sparkConf()
        .forEach(
            (k, v) -> {
              if (k.startsWith(PREFIX)) {
                hadoop.set(k.substring(PREFIX.length()), v);
              }
            });
    return hadoop;
  }
}
