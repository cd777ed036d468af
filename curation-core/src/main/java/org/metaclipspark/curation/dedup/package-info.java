/**
 * Dedup of pairs on {@code (uuid, text)} by hash, and the winner rule of pass 2, the part of it
 * that decides which duplicate is kept:
 *
 * <ul>
 *   <li>{@link org.metaclipspark.curation.dedup.PairFingerprint} turns a pair and its locator
 *       (where pass 1 wrote it) into two longs, so pass 2 shuffles 16 bytes of payload per matched
 *       pair instead of whole rows;
 *   <li>{@link org.metaclipspark.curation.dedup.RowLocators} numbers the rows of pass 1's output
 *       (prefix sums over its data files sorted by name);
 *   <li>{@link org.metaclipspark.curation.dedup.FirstOfEachKey} keeps the smallest locator of each
 *       key from the sorted records;
 *   <li>{@link org.metaclipspark.curation.dedup.WinnerBitmap} holds each file's winners as a bitmap
 *       of its rows, in a documented byte layout, for the fetch.
 * </ul>
 */
package org.metaclipspark.curation.dedup;
