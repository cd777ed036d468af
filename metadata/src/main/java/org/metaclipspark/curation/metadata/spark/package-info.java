/**
 * The Spark jobs of the vocabulary builder: {@link
 * org.metaclipspark.curation.metadata.spark.NgramsJob} (unigrams and bigrams of Wikipedia dumps,
 * read by {@link org.metaclipspark.curation.metadata.spark.WikiPageInputFormat}) and {@link
 * org.metaclipspark.curation.metadata.spark.TitlesJob} (titles by pageviews). Bad input is counted
 * per unit in a {@link org.metaclipspark.curation.metadata.spark.UnitReport}, never fatal.
 */
package org.metaclipspark.curation.metadata.spark;
