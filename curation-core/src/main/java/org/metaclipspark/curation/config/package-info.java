/**
 * The one typed configuration of every pass: {@link
 * org.metaclipspark.curation.config.CurationConfig}, loaded from {@code conf/*.json} with
 * command-line overrides and validated before Spark starts. Keys, defaults and their meaning are in
 * {@link org.metaclipspark.curation.config.ConfigKeys}.
 */
package org.metaclipspark.curation.config;
