/**
 * The bundled sample data: small WAT shards in Common Crawl's format, written from the page
 * descriptions in {@code samples/pages.txt}, so that a new user sees the pipeline work with no
 * download. Deterministic: the same descriptions give the same bytes.
 */
package org.metaclipspark.curation.samples;
