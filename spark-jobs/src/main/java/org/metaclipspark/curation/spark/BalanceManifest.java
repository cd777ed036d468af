package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code _manifest.json} of one curated set of pass 3. {@code count_commit_id} names the pass-2
 * commit it was drawn from; with {@code t}, the seed, the format and the unit it decides whether a
 * rerun may skip the set.
 *
 * @param pass always {@code balance}
 * @param schema {@code curated.v1}
 * @param producer the program and version
 * @param createdAt when the set was committed, ISO-8601
 * @param countCommitId {@code commit_id} of the pass-2 output it read
 * @param inputs {@code distinct_pairs/} and {@code entry_counts/}
 * @param vocabulary as pass 1 recorded it
 * @param config the effective config
 * @param seed the seed of the draws
 * @param t the cap
 * @param p the tail proportion t was derived from, if any
 * @param format {@code parquet} or {@code jsonl}
 * @param oneTextPerImage whether one text per image was kept before the draw
 * @param rowCounts {@code curated}
 * @param statistics how close the head entries came to t
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BalanceManifest(
    @JsonProperty("pass") String pass,
    @JsonProperty("schema") String schema,
    @JsonProperty("producer") String producer,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("count_commit_id") String countCommitId,
    @JsonProperty("inputs") List<String> inputs,
    @JsonProperty("vocabulary") Map<String, Object> vocabulary,
    @JsonProperty("config") Map<String, Object> config,
    @JsonProperty("seed") long seed,
    @JsonProperty("t") long t,
    @JsonProperty("p") Double p,
    @JsonProperty("format") String format,
    @JsonProperty("one_text_per_image") boolean oneTextPerImage,
    @JsonProperty("row_counts") Map<String, Long> rowCounts,
    @JsonProperty("statistics") Statistics statistics) {

  /** The figures of one curated set. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Statistics(
      @JsonProperty("t") long t,
      @JsonProperty("seed") long seed,
      @JsonProperty("curated_pairs") long curatedPairs,
      @JsonProperty("head_entries") int headEntries,
      @JsonProperty("head_kept_over_t") Map<String, Double> headKeptOverT) {}

  /** What differs from a run that would write {@code other}'s set, in words; null if nothing. */
  String differenceFrom(BalanceManifest other) {
    if (!Objects.equals(countCommitId, other.countCommitId)) {
      return "it was drawn from pass-2 commit "
          + countCommitId
          + ", the current pass-2 output is commit "
          + other.countCommitId;
    }
    if (!Objects.equals(format, other.format)) {
      return "its format is " + format + ", this run asks for " + other.format;
    }
    if (oneTextPerImage != other.oneTextPerImage) {
      return "its balance.oneTextPerImage is "
          + oneTextPerImage
          + ", this run's is "
          + other.oneTextPerImage;
    }
    return null;
  }
}
