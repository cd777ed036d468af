/**
 * Substring matching of texts against the metadata ({@code docs/SEMANTICS.md}, "Matching"): {@link
 * org.metaclipspark.curation.match.SubstringMatcher} compiles the entries once into an immutable,
 * serializable Aho-Corasick automaton over tokens and reports the {@code matchedEntryIds} of a text
 * in one pass, with the spacing rule fused into the scan.
 *
 * <p>Rooms: {@code AutomatonCompiler} builds the automaton (trie, failure links, words), {@code
 * AutomatonFormat} is its versioned binary form and the validation on load, {@code Tokens} the
 * token rules and hash that both sides share, and {@code SubstringMatcher} the scan with the flat
 * arrays it reads. {@link org.metaclipspark.curation.match.MatchBuffer} is the per-thread scratch.
 *
 * <p>Worldwide mode (spec §8.3): {@link org.metaclipspark.curation.match.CjkLike} says which entry
 * ends are not padded, {@link org.metaclipspark.curation.match.PaddedMatcher} matches one key's
 * vocabulary (entries padded at both ends through the token automaton, the others through a
 * character Aho-Corasick automaton over the spaced text), and {@link
 * org.metaclipspark.curation.match.WorldwideMatcher} labels a text, picks its key and matches it
 * there.
 */
package org.metaclipspark.curation.match;
