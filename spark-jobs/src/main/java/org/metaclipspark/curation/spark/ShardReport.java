package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.metaclipspark.curation.stats.MatchFigures;
import org.metaclipspark.curation.wat.ShardStats;

/**
 * What pass 1 saw in one shard: the reader's accounting ({@link ShardStats}), how many pairs
 * matched, and where the shard's rows are. It is committed with the rows, in the footer of the
 * shard's Parquet file ({@link ShardFiles}), and listed in {@code matches/_manifest.json} under
 * {@code per_shard}; Jackson reads and writes it with the field names below.
 *
 * <p>A shard that could not be opened has zeros, a {@code shard.unreadable} skip and the reason as
 * its first problem; one whose reading failed on its last attempt keeps what was read, with a
 * {@code shard.failed} skip. The reader's identities hold for every report: {@code records ==
 * metadata_records + html_pages + other_records + skipped(record.*)}, {@code image_links ==
 * links_with_pairs + links_without_text + skipped(link.*)}, {@code pairs == pairs_matched +
 * pairs_unmatched}.
 *
 * @param shard the shard path, as listed by the match pass
 * @param index the shard's position in the sorted shard list, which names its file
 * @param file the shard's data file in {@code matches/}
 * @param inputKind what the shard holds, told by its content: {@code wat}, {@code warc}, or {@code
 *     unknown} (no record but {@code warcinfo}, or never opened)
 * @param htmlPages WARC shards: the HTML response records whose tags were read
 * @param skipped skip reason to count, {@code shard.*} included
 * @param problems the first problem messages, a failure first
 */
public record ShardReport(
    String shard,
    int index,
    String file,
    @JsonProperty("compressed_bytes") long compressedBytes,
    @JsonProperty("uncompressed_bytes") long uncompressedBytes,
    long records,
    @JsonProperty("input_kind") String inputKind,
    @JsonProperty("metadata_records") long metadataRecords,
    @JsonProperty("html_pages") long htmlPages,
    @JsonProperty("other_records") long otherRecords,
    @JsonProperty("image_links") long imageLinks,
    @JsonProperty("links_with_pairs") long linksWithPairs,
    @JsonProperty("links_without_text") long linksWithoutText,
    long pairs,
    @JsonProperty("pairs_matched") long pairsMatched,
    @JsonProperty("pairs_unmatched") long pairsUnmatched,
    SortedMap<String, Long> skipped,
    List<String> problems,
    @JsonProperty("problems_omitted") long problemsOmitted,
    String inflater)
    implements Serializable, MatchFigures.Shard {

  /** Skip reason of a shard that cannot be opened (it does not exist, or the last attempt). */
  public static final String SHARD_UNREADABLE = "shard.unreadable";

  /** Skip reason of a shard whose reading failed on its last attempt; what was read is kept. */
  public static final String SHARD_FAILED = "shard.failed";

  public ShardReport {
    skipped = new TreeMap<>(skipped);
    problems = List.copyOf(problems);
  }

  /**
   * The report of one shard from its reader's stats ({@code null}: the shard was never opened), its
   * matched and unmatched pair counts, and a failure message or {@code null}.
   */
  static ShardReport of(
      String shard,
      int index,
      ShardStats stats,
      long matched,
      long unmatched,
      String failure,
      String inflater) {
    TreeMap<String, Long> skipped =
        stats == null ? new TreeMap<>() : new TreeMap<>(stats.skipped());
    List<String> problems = new ArrayList<>();
    if (failure != null) {
      skipped.merge(stats == null ? SHARD_UNREADABLE : SHARD_FAILED, 1L, Long::sum);
      problems.add(failure);
    }
    if (stats == null) {
      return new ShardReport(
          shard,
          index,
          ShardFiles.fileName(index),
          0,
          0,
          0,
          "unknown",
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          matched,
          unmatched,
          skipped,
          problems,
          0,
          inflater);
    }
    problems.addAll(stats.problems());
    return new ShardReport(
        shard,
        index,
        ShardFiles.fileName(index),
        stats.compressedBytes(),
        stats.uncompressedBytes(),
        stats.records(),
        stats.inputKind(),
        stats.metadataRecords(),
        stats.htmlPages(),
        stats.otherRecords(),
        stats.imageLinks(),
        stats.linksWithPairs(),
        stats.linksWithoutText(),
        stats.pairs(),
        matched,
        unmatched,
        skipped,
        problems,
        stats.problemsOmitted(),
        inflater);
  }
}
