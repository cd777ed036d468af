package org.metaclipspark.curation.spark;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Collects one {@link ShardReport} per shard from the match tasks. A shard's report replaces any
 * earlier one instead of adding to it, so a retried or speculative task cannot count a shard twice.
 */
public final class ShardReportAccumulator
    extends AccumulatorV2<ShardReport, Map<String, ShardReport>> {
  private static final long serialVersionUID = 1L;
  private final TreeMap<String, ShardReport> reports = new TreeMap<>();

  @Override
  public boolean isZero() {
    return reports.isEmpty();
  }

  @Override
  public ShardReportAccumulator copy() {
    ShardReportAccumulator copy = new ShardReportAccumulator();
    copy.reports.putAll(reports);
    return copy;
  }

  @Override
  public void reset() {
    reports.clear();
  }

  @Override
  public void add(ShardReport report) {
    reports.put(report.shard(), report);
  }

  @Override
  public void merge(AccumulatorV2<ShardReport, Map<String, ShardReport>> other) {
    reports.putAll(other.value());
  }

  @Override
  public Map<String, ShardReport> value() {
    return Collections.unmodifiableMap(reports);
  }
}
