/**
 * The {@code metaclip-spark} command line: picocli commands, registered under the root command
 * {@code Main}. Commands parse and validate their options, then call the curation core or submit a
 * Spark job; they hold no curation logic themselves.
 */
package org.metaclipspark.curation.cli;
