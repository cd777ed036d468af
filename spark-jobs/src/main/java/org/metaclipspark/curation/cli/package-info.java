/**
 * The {@code metaclip-spark} command line: one picocli command per user-facing action, registered
 * in the root command {@code Main}.
 */
package org.metaclipspark.curation.cli;
