/**
 * Balancing (MetaCLIP Algorithm 1): from global {@code entryCount}s and a cap {@code t}, each entry
 * gets {@code entryProb = t / max(entryCount, t)} and a pair is kept when at least one of its
 * matched entries fires.
 *
 * <p>Draws are deterministic: {@link org.metaclipspark.curation.balance.StableHash} derives a
 * uniform number from {@code (seed, uuid, text, entryId)}, so the curated set depends on the data,
 * {@code t} and the seed only, never on partitioning, core count, task retries or run order. Since
 * a pair kept at {@code t} is kept at every larger {@code t}, {@link
 * org.metaclipspark.curation.balance.KeepThreshold} gives each pair the smallest cap that keeps it,
 * and reruns select by it.
 *
 * <p>{@link org.metaclipspark.curation.balance.EntryCounts} holds the counts and answers head
 * entries, {@code p(t)} and its inverse; {@link org.metaclipspark.curation.balance.KeptTally}
 * tallies the kept pairs per cap and head entry of a draw over several caps.
 *
 * <p>Worldwide mode (spec §8.5, §8.6): {@link
 * org.metaclipspark.curation.balance.LanguageThresholds} gives each language key its {@code t}, and
 * {@link org.metaclipspark.curation.balance.WorldwideSizes} the expected curated size with one text
 * per image, per key and in total.
 */
package org.metaclipspark.curation.balance;
