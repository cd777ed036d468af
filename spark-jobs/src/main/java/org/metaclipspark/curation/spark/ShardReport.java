package org.metaclipspark.curation.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.metaclipspark.curation.wat.ShardStats;

/**
 * What pass 1 saw in one shard: the reader's accounting, plus how many pairs matched. A shard that
 * could not be opened has no reader stats and a {@code shard.unreadable} skip.
 */
public record ShardReport(
    String shard, ShardStats stats, long pairsMatched, long pairsUnmatched, String failure)
    implements Serializable {

  /** Records read, 0 for an unreadable shard. */
  public long records() {
    return stats == null ? 0 : stats.records();
  }

  /** Skip reasons and counts, with {@code shard.unreadable} or {@code shard.failed} when set. */
  public SortedMap<String, Long> skipped() {
    SortedMap<String, Long> out = stats == null ? new TreeMap<>() : new TreeMap<>(stats.skipped());
    if (failure != null) {
      out.merge(stats == null ? "shard.unreadable" : "shard.failed", 1L, Long::sum);
    }
    return out;
  }

  /** Problem messages, with the failure first. */
  public List<String> problems() {
    List<String> out = new java.util.ArrayList<>();
    if (failure != null) {
      out.add(failure);
    }
    if (stats != null) {
      out.addAll(stats.problems());
    }
    return out;
  }

  /** The report as an ordered map for the manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shard", shard);
    if (stats != null) {
      m.putAll(stats.toMap());
    }
    m.put("pairs_matched", pairsMatched);
    m.put("pairs_unmatched", pairsUnmatched);
    m.put("skipped", skipped());
    m.put("problems", problems());
    return m;
  }
}
