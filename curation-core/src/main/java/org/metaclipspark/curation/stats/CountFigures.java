package org.metaclipspark.curation.stats;

import org.metaclipspark.curation.balance.HeadEntries;
import org.metaclipspark.curation.balance.TailProportion;

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

  /** The figures of {@code entryCount[entryId]} over {@code distinctPairs} pairs, at cap t. */
  public static CountFigures of(long distinctPairs, long[] entryCount, Long t) {
    long total = 0;
    int matched = 0;
    for (long c : entryCount) {
      total += c;
      matched += c > 0 ? 1 : 0;
    }
    return new CountFigures(
        distinctPairs,
        total,
        matched,
        t,
        t == null ? null : HeadEntries.count(entryCount, t),
        t == null ? null : TailProportion.pOfT(entryCount, t));
  }
}
