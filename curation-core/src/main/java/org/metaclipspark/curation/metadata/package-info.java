/**
 * The metadata (vocabulary) of MetaCLIP curation: an immutable list of entries whose 0-based
 * position is the {@code entryId}, loaded from MetaCLIP's JSON array format or from a UTF-8 file
 * with one entry per line ({@code docs/SEMANTICS.md}, "Vocabulary"). Loading streams the input,
 * reports duplicate and empty entries, and fingerprints the entries with SHA-256 so outputs can
 * name the vocabulary that produced them ({@link org.metaclipspark.curation.metadata.Sha256}).
 * Worldwide mode holds one vocabulary per language key in {@link
 * org.metaclipspark.curation.metadata.Vocabularies} (spec §8.1).
 */
package org.metaclipspark.curation.metadata;
