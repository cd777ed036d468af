package org.metaclipspark.curation.metadata.spark;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.util.AccumulatorV2;

/**
 * Collects one {@link UnitReport} per unit. A unit's report replaces an earlier one instead of
 * adding to it, so a retried or speculative task cannot count its unit twice.
 */
public final class UnitReportAccumulator
    extends AccumulatorV2<UnitReport, Map<String, UnitReport>> {
  private static final long serialVersionUID = 1L;
  private final TreeMap<String, UnitReport> reports = new TreeMap<>();

  @Override
  public boolean isZero() {
    return reports.isEmpty();
  }

  @Override
  public UnitReportAccumulator copy() {
    UnitReportAccumulator copy = new UnitReportAccumulator();
    copy.reports.putAll(reports);
    return copy;
  }

  @Override
  public void reset() {
    reports.clear();
  }

  @Override
  public void add(UnitReport report) {
    reports.put(report.unit(), report);
  }

  @Override
  public void merge(AccumulatorV2<UnitReport, Map<String, UnitReport>> other) {
    reports.putAll(other.value());
  }

  @Override
  public Map<String, UnitReport> value() {
    return Collections.unmodifiableMap(reports);
  }
}
