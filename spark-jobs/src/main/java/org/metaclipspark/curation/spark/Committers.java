package org.metaclipspark.curation.spark;

import java.util.Locale;
import org.apache.spark.SparkConf;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * Chooses how the passes' Spark writes are committed. When {@code output.dir} is on {@code s3a://},
 * the writes go through an S3A committer (Hadoop's {@code S3ACommitterFactory}, bound to Spark SQL
 * by {@code spark-hadoop-cloud}'s {@code PathOutputCommitProtocol}): each task uploads its files as
 * uncompleted multipart uploads, the job commit completes exactly those of the committed task
 * attempts, and nothing is renamed. A failed or speculative attempt never leaves a file in the
 * output, and {@code _SUCCESS} is a JSON list of the committed files. The magic committer is the
 * default; it needs no shared cluster file system. Other file systems keep Spark's own committer.
 *
 * <p>Every setting is only a default: a value given in {@code spark.conf} or with {@code
 * spark-submit --conf} wins. {@code spark.hadoop.fs.s3a.committer.name=directory} picks the staging
 * committer (its pending data goes to {@code fs.s3a.committer.staging.tmp.path} on the cluster file
 * system); setting {@value #PROTOCOL} yourself turns the choice off altogether.
 */
public final class Committers {
  /** Spark's setting for the commit protocol of file writes. */
  static final String PROTOCOL = "spark.sql.sources.commitProtocolClass";

  /** Where the fault rules reach the commit protocol on the executors (a Hadoop setting). */
  static final String FAULTS_KEY = "metaclip.faults.failFirstAttempt";

  private Committers() {}

  /** Adds the commit settings that {@code config}'s output directory calls for to {@code conf}. */
  public static void configure(SparkConf conf, CurationConfig config) {
    String out = config.outputDir();
    if (out == null || !out.toLowerCase(Locale.ROOT).startsWith("s3a://")) {
      return;
    }
    if (conf.contains(PROTOCOL)) {
      return; // the user chose a protocol; leave all of it to them
    }
    conf.set(PROTOCOL, S3aCommitProtocol.class.getName());
    conf.setIfMissing(
        "spark.sql.parquet.output.committer.class",
        "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");
    conf.setIfMissing(
        "spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a",
        "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory");
    conf.setIfMissing("spark.hadoop.fs.s3a.committer.name", "magic");
    conf.setIfMissing("spark.hadoop.fs.s3a.committer.magic.enabled", "true");
    if (!config.failFirstAttempt().isEmpty()) {
      conf.set("spark.hadoop." + FAULTS_KEY, String.join(",", config.failFirstAttempt()));
    }
  }
}
