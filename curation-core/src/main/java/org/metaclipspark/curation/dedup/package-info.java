/**
 * Dedup of pairs on {@code (uuid, text)} by hash: {@link
 * org.metaclipspark.curation.dedup.PairFingerprint} turns a pair and its locator (where pass 1
 * wrote it) into two longs, so pass 2 shuffles 16 bytes of payload per matched pair instead of
 * whole rows.
 */
package org.metaclipspark.curation.dedup;
