package org.metaclipspark.curation.spark;

import java.util.Arrays;
import org.apache.spark.util.AccumulatorV2;

/**
 * Sums entry counts from the tasks of pass 2. Each task adds its counts once, when it has read all
 * its pairs, as a sparse list of {@code (entryId, count)}; the driver adds them into one dense
 * array. Spark applies a result-stage task's accumulator updates once per partition, so a retried
 * task counts nothing twice.
 */
final class EntryCountAccumulator extends AccumulatorV2<long[], long[]> {
  private static final long serialVersionUID = 1L;

  private final int entries;

  /** entryIds with a non-zero count, ascending; only the first {@code size} are used. */
  private int[] ids = new int[0];

  /** counts[i] belongs to ids[i]. */
  private long[] counts = new long[0];

  private int size;

  /** The driver's sum of merged task counts, by entryId; never shipped to tasks. */
  private transient long[] total;

  EntryCountAccumulator(int entries) {
    this.entries = entries;
  }

  @Override
  public boolean isZero() {
    return size == 0 && total == null;
  }

  @Override
  public EntryCountAccumulator copy() {
    EntryCountAccumulator copy = new EntryCountAccumulator(entries);
    copy.ids = Arrays.copyOf(ids, size);
    copy.counts = Arrays.copyOf(counts, size);
    copy.size = size;
    copy.total = total == null ? null : total.clone();
    return copy;
  }

  @Override
  public void reset() {
    ids = new int[0];
    counts = new long[0];
    size = 0;
    total = null;
  }

  /** Adds a task's dense counts, {@code dense[entryId]}; a task calls it once, at its end. */
  @Override
  public void add(long[] dense) {
    long[] sum = value();
    for (int e = 0; e < dense.length; e++) {
      sum[e] += dense[e];
    }
    total = null;
    int n = 0;
    for (long c : sum) {
      n += c != 0 ? 1 : 0;
    }
    ids = new int[n];
    counts = new long[n];
    size = 0;
    for (int e = 0; e < sum.length; e++) {
      if (sum[e] != 0) {
        ids[size] = e;
        counts[size++] = sum[e];
      }
    }
  }

  /** Adds a task's sparse counts into the driver's dense sum: O(entries the task saw). */
  @Override
  public void merge(AccumulatorV2<long[], long[]> other) {
    EntryCountAccumulator o = (EntryCountAccumulator) other;
    if (total == null) {
      total = value();
      ids = new int[0];
      counts = new long[0];
      size = 0;
    }
    for (int i = 0; i < o.size; i++) {
      total[o.ids[i]] += o.counts[i];
    }
    if (o.total != null) {
      for (int e = 0; e < entries; e++) {
        total[e] += o.total[e];
      }
    }
  }

  /** The counts as a new dense array, {@code value()[entryId]}. */
  @Override
  public long[] value() {
    long[] dense = total == null ? new long[entries] : total.clone();
    for (int i = 0; i < size; i++) {
      dense[ids[i]] += counts[i];
    }
    return dense;
  }
}
