package org.metaclipspark.curation.stats;

import org.metaclipspark.curation.balance.EntryCounts;
import org.metaclipspark.curation.balance.HeadEntries;

/**
 * Pass 2's figures; {@code t} is optional and only feeds the head-entry figures.
 *
 * @param distinctPairs pairs left after the dedup on {@code (uuid, text)}
 * @param totalMatches the sum of all entry counts
 * @param entriesMatched entries with a count above 0
 * @param t the cap the head-entry figures are for; null: none given
 * @param headEntries the {@link HeadEntries head entries} at {@code t}; null without a t
 * @param pOfT the tail proportion {@code p(t)}; null without a t
 */
public record CountFigures(
    long distinctPairs,
    long totalMatches,
    int entriesMatched,
    Long t,
    Integer headEntries,
    Double pOfT) {

  /** The figures of {@code counts} over {@code distinctPairs} pairs, at cap t. */
  public static CountFigures of(long distinctPairs, EntryCounts counts, Long t) {
    return new CountFigures(
        distinctPairs,
        counts.totalMatches(),
        counts.entriesMatched(),
        t,
        t == null ? null : counts.headEntries(t),
        t == null ? null : counts.pOfT(t));
  }
}
