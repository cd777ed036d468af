/**
 * The pure parts of the Wikipedia sources of the vocabulary build (docs/SEMANTICS.md), testable
 * without Spark: {@link org.metaclipspark.curation.metadata.wiki.WikiPage} (one {@code <page>} of a
 * dump), {@link org.metaclipspark.curation.metadata.wiki.Wikitext} (wikitext to plain text), {@link
 * org.metaclipspark.curation.metadata.wiki.ArticleTokenizer} (Lucene tokens, case kept), {@link
 * org.metaclipspark.curation.metadata.wiki.Pmi} and {@link
 * org.metaclipspark.curation.metadata.wiki.PageviewLine} (the title rule).
 */
package org.metaclipspark.curation.metadata.wiki;
