package org.metaclipspark.curation.wat;

import java.util.Objects;

/**
 * One damaged record or stretch of a shard, as {@link ShardStats#problems()} reports it: the skip
 * reason (one of {@link SkipReasons}), the shard offset, what was found there and what the reader
 * did about it.
 *
 * <p>Every problem message is built by {@link #format(String)}, so all of them read the same way:
 *
 * <pre>{subject} at offset {offset} in {shard}[ ({context})][: {detail}]; {consequence}</pre>
 *
 * e.g. {@code bad JSON at offset 25764 in s.warc.wat.gz (payload byte 200 of 200): Unexpected
 * end-of-input; record skipped}. The messages go into manifests and the README quotes them, so a
 * change to this format is a change users see.
 *
 * @param reason the skip reason counted for it, from {@link SkipReasons}
 * @param offset the shard offset of the record or damaged gzip member
 * @param subject what is at {@code offset}, e.g. {@code "truncated record"}
 * @param context where in the record the problem showed, or null
 * @param detail what is wrong, or null when {@code subject} says it all
 * @param consequence what the reader did, and what the user may do
 */
record Problem(
    String reason, long offset, String subject, String context, String detail, String consequence) {

  /** Advice for a problem that a complete download would not have. */
  static final String REDOWNLOAD = " (re-download the shard if it should be complete)";

  Problem {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(consequence, "consequence");
  }

  /** A problem without context. */
  static Problem of(String reason, long offset, String subject, String detail, String consequence) {
    return new Problem(reason, offset, subject, null, detail, consequence);
  }

  /** The same problem, with where in the record it showed. */
  Problem withContext(String where) {
    return new Problem(reason, offset, subject, where, detail, consequence);
  }

  /** The message for {@link ShardStats#problems()}, naming {@code shard}. */
  String format(String shard) {
    StringBuilder sb = new StringBuilder(160);
    sb.append(subject).append(" at offset ").append(offset).append(" in ").append(shard);
    if (context != null) {
      sb.append(" (").append(context).append(')');
    }
    if (detail != null) {
      sb.append(": ").append(detail);
    }
    return sb.append("; ").append(consequence).toString();
  }
}
