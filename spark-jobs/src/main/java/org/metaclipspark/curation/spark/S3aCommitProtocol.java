package org.metaclipspark.curation.spark;

import java.util.List;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.internal.io.cloud.PathOutputCommitProtocol;

/**
 * Spark's binding of the S3A committers ({@link PathOutputCommitProtocol}), plus one fault point
 * for tests of retries: with {@code faults.failFirstAttempt} set (see {@link FaultInjector}), the
 * first attempt of a chosen task fails after it wrote all its files and before it commits them, the
 * moment at which a lost executor hurts an object store most. {@link Committers} installs it.
 */
public class S3aCommitProtocol extends PathOutputCommitProtocol {
  private static final long serialVersionUID = 1L;

  /** The output directory; its name says which pass writes. */
  private final String dir;

  /** Called by Spark with the job id, the output directory and the dynamic-overwrite flag. */
  public S3aCommitProtocol(String jobId, String dir, boolean dynamicPartitionOverwrite) {
    super(jobId, dir, dynamicPartitionOverwrite);
    this.dir = dir;
  }

  @Override
  public FileCommitProtocol.TaskCommitMessage commitTask(TaskAttemptContext context) {
    String[] rules = context.getConfiguration().getTrimmedStrings(Committers.FAULTS_KEY);
    if (rules.length > 0) {
      FaultInjector.ofRules(List.of(rules)).check(pass(dir));
    }
    return super.commitTask(context);
  }

  /** The pass that writes {@code dir}, from the names {@link OutputLayout} gives. */
  static String pass(String dir) {
    String d = dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
    String name = d.substring(d.lastIndexOf('/') + 1);
    if (name.equals("matches")) {
      return "match";
    }
    if (name.equals("distinct_pairs") || name.equals("entry_counts")) {
      return "count";
    }
    return "balance"; // curated/t{T}-seed{SEED}
  }
}
