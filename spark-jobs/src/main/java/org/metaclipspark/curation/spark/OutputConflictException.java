package org.metaclipspark.curation.spark;

/**
 * An output directory holds a committed result that this run may not reuse or replace: it came from
 * other inputs or settings, or it is not a pass output at all. Every pass stops with it before
 * writing, and the command line exits with 2, as for a config error: the fix is in the command
 * ({@code --overwrite} or another {@code --out}), which the message names along with the
 * difference.
 *
 * <p>An {@link IllegalStateException}, the state of the output being what forbids the run.
 */
public final class OutputConflictException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /** A conflict whose message names the directory, the difference and the fix. */
  public OutputConflictException(String message) {
    super(message);
  }
}
