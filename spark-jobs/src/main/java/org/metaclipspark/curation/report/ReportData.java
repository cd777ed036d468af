package org.metaclipspark.curation.report;

import java.util.List;
import java.util.Map;
import org.metaclipspark.curation.balance.EntryCounts;
import org.metaclipspark.curation.balance.HeadEntries;
import org.metaclipspark.curation.balance.SizeTable;

/**
 * Everything the report shows, read from the outputs of the passes. Manifests are the parsed {@code
 * _manifest.json} files (null when that pass has not run); {@code kept} and the curated fields are
 * null when no balanced output matches the current counts.
 *
 * @param outputDir the output root the report describes
 * @param entryCount entryCount[entryId], as pass 2 wrote it
 * @param kept curated pairs per entry, indexed like {@code entryCount}, or null
 * @param t the cap of the curated output (or of the config when there is none), or null
 * @param curatedDir the curated output shown, or null
 * @param sizes the size table over a grid of caps (with {@code t} in it when known)
 * @param head the entries with the largest counts, largest first
 * @param samples sample pairs of a few head and a few tail entries
 */
record ReportData(
    String outputDir,
    long[] entryCount,
    long[] kept,
    Long t,
    String curatedDir,
    Map<String, Object> matchManifest,
    Map<String, Object> countManifest,
    Map<String, Object> curatedManifest,
    List<SizeTable.Row> sizes,
    List<EntryRow> head,
    List<EntrySample> samples) {

  /** One entry: its id, text, count and (when balanced) kept pairs; kept is -1 if unknown. */
  record EntryRow(int entryId, String entry, long entryCount, long kept) {}

  /** Sample pairs of one entry; {@code group} is "head" or "tail". */
  record EntrySample(String group, EntryRow entry, List<SamplePair> pairs) {}

  /** One pair as shown: the text and the image URL. */
  record SamplePair(String text, String url) {}

  /** Entries whose count is 0. */
  int zeroEntries() {
    int zeros = 0;
    for (long c : entryCount) {
      zeros += c == 0 ? 1 : 0;
    }
    return zeros;
  }

  /** The {@link HeadEntries head entries} at {@code t}; 0 when there is no t. */
  int headEntries() {
    return t == null ? 0 : EntryCounts.of(entryCount).headEntries(t);
  }
}
