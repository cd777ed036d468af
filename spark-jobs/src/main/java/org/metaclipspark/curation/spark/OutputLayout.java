package org.metaclipspark.curation.spark;

import org.metaclipspark.curation.config.CurationConfig;

/**
 * Where each pass writes under {@code output.dir}:
 *
 * <pre>
 * OUT/matches/                 pass 1, schema matches.v1, one file per shard (see ShardFiles)
 * OUT/distinct_pairs/          pass 2, schema distinct_pairs.v1
 * OUT/entry_counts/            pass 2, schema entry_counts.v1
 * OUT/draw_index/seed{SEED}/   pass 3, each pair's keep threshold (see DrawIndex), once per seed
 * OUT/curated/t{T}-seed{SEED}/ pass 3, schema curated.v1 (one directory per t and seed)
 * </pre>
 *
 * Each directory holds a {@code _manifest.json}.
 */
public record OutputLayout(String root) {
  /** The layout under {@code config.outputDir()}. */
  public static OutputLayout of(CurationConfig config) {
    return new OutputLayout(stripTrailingSlash(config.outputDir()));
  }

  private static String stripTrailingSlash(String dir) {
    return dir.length() > 1 && dir.endsWith("/") ? dir.substring(0, dir.length() - 1) : dir;
  }

  /** Pass 1 output. */
  public String matches() {
    return root + "/matches";
  }

  /** Pass 2 output: deduplicated pairs. */
  public String distinctPairs() {
    return root + "/distinct_pairs";
  }

  /** Pass 2 output: entry counts. */
  public String entryCounts() {
    return root + "/entry_counts";
  }

  /** Pass 3 output for one cap and seed. */
  public String curated(long t, long seed) {
    return root + "/curated/t" + t + "-seed" + seed;
  }
}
