/**
 * Substring matching of texts against the metadata ({@code shared/spec/curation.md} §3): {@link
 * org.metaclipspark.curation.match.SubstringMatcher} compiles the entries once into an immutable,
 * serializable Aho-Corasick automaton over tokens and reports the {@code matchedEntryIds} of a text
 * in one pass, with the spacing rule fused into the scan.
 */
package org.metaclipspark.curation.match;
