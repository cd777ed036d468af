package org.metaclipspark.curation.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.TaskContext;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * Fails chosen tasks on their first attempt, so tests can show that a retried task changes nothing
 * in the output or the accounting. Switched on by {@link ConfigKeys#FAULTS_FAIL_FIRST_ATTEMPT}
 * ({@code PASS:PARTITION} or {@code PASS:*}); off, {@link #check} costs one field read. Immutable
 * and serializable, so it travels inside task closures.
 */
public final class FaultInjector implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final FaultInjector OFF = new FaultInjector(List.of());

  /** The rules, each {@code pass:partition} or {@code pass:*}. */
  private final List<String> rules;

  private FaultInjector(List<String> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The injector that {@code config} asks for; its rules were checked by validateFor. */
  public static FaultInjector of(CurationConfig config) {
    List<String> rules = config.failFirstAttempt();
    return rules.isEmpty() ? OFF : new FaultInjector(rules);
  }

  /** The injector for {@code rules} as they travel in a Hadoop setting (see S3aCommitProtocol). */
  static FaultInjector ofRules(List<String> rules) {
    return rules.isEmpty() ? OFF : new FaultInjector(rules);
  }

  /** Whether any rule is set. */
  public boolean enabled() {
    return !rules.isEmpty();
  }

  /**
   * Throws when the running task is on its first attempt and a rule names {@code pass} and the
   * task's partition. Call it inside a task, at the point where a crash should hurt most (after
   * some output was written, before it is committed).
   */
  public void check(String pass) {
    if (rules.isEmpty()) {
      return;
    }
    TaskContext task = TaskContext.get();
    if (task == null || task.attemptNumber() > 0) {
      return;
    }
    int partition = task.partitionId();
    if (rules.contains(pass + ":*") || rules.contains(pass + ":" + partition)) {
      throw new InjectedFault(
          "injected fault ("
              + ConfigKeys.FAULTS_FAIL_FIRST_ATTEMPT.name()
              + "): "
              + pass
              + " task for partition "
              + partition
              + ", attempt "
              + task.attemptNumber()
              + ", stage "
              + task.stageId());
    }
  }

  /** The failure an injected fault throws, so tests can tell it from a real one. */
  public static final class InjectedFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedFault(String message) {
      super(message);
    }
  }
}
