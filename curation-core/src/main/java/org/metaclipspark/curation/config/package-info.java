/**
 * The one typed configuration of every pass: {@link
 * org.metaclipspark.curation.config.CurationConfig}, loaded from {@code conf/*.json} with
 * command-line overrides and validated before Spark starts. Each key is a typed {@link
 * org.metaclipspark.curation.config.Key} (name, parser, default, description), all of them in
 * {@link org.metaclipspark.curation.config.ConfigKeys}.
 */
package org.metaclipspark.curation.config;
