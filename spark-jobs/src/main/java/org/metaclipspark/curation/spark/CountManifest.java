package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code _manifest.json} of pass 2, in both {@code distinct_pairs/} and {@code entry_counts/}. The
 * {@code input_files} (name and size of each data file of {@code matches/}) and the vocabulary's
 * SHA-256 identify what was counted: a rerun skips the pass when they are unchanged and stops when
 * they differ.
 *
 * @param pass always {@code count}
 * @param schema {@code distinct_pairs.v1} or {@code entry_counts.v1}
 * @param producer the program and version
 * @param createdAt when the pass committed, ISO-8601
 * @param commitId a random id of this commit; pass 3 records it
 * @param inputs the directory read, {@code matches/}
 * @param inputFiles every data file of {@code matches/}, sorted by name: the locator order
 * @param vocabulary as pass 1 recorded it
 * @param config the effective config
 * @param seed the configured seed (pass 2 draws nothing)
 * @param winnerRule which duplicate of a key is kept
 * @param rowCounts {@code distinct_pairs} and {@code entry_counts}
 * @param statistics the summary figures
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CountManifest(
    @JsonProperty("pass") String pass,
    @JsonProperty("schema") String schema,
    @JsonProperty("producer") String producer,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("commit_id") String commitId,
    @JsonProperty("inputs") List<String> inputs,
    @JsonProperty("input_files") List<InputFile> inputFiles,
    @JsonProperty("vocabulary") Map<String, Object> vocabulary,
    @JsonProperty("config") Map<String, Object> config,
    @JsonProperty("seed") long seed,
    @JsonProperty("winner_rule") String winnerRule,
    @JsonProperty("row_counts") Map<String, Long> rowCounts,
    @JsonProperty("statistics") Statistics statistics) {

  /** One data file of {@code matches/}. */
  record InputFile(@JsonProperty("name") String name, @JsonProperty("bytes") long bytes) {}

  /** The figures of pass 2; {@code t}, head entries and {@code p(t)} only when a t was given. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Statistics(
      @JsonProperty("distinct_pairs") long distinctPairs,
      @JsonProperty("total_matches") long totalMatches,
      @JsonProperty("entries_with_count_above_zero") int entriesMatched,
      @JsonProperty("t") Long t,
      @JsonProperty("head_entries") Integer headEntries,
      @JsonProperty("p_of_t") Double pOfT) {}

  /**
   * What differs between the committed inputs and {@code files} with vocabulary {@code sha256}, in
   * words, or null when nothing does.
   */
  String differenceFrom(List<InputFile> files, String sha256) {
    Object committedSha = vocabulary == null ? null : vocabulary.get("sha256");
    if (!Objects.equals(committedSha, sha256)) {
      return "the vocabulary's sha256 is " + sha256 + ", the committed counts used " + committedSha;
    }
    if (inputFiles == null) {
      return "the committed manifest lists no input files (written by an older version)";
    }
    if (!inputFiles.equals(files)) {
      for (InputFile f : files) {
        if (!inputFiles.contains(f)) {
          return "matches/ holds " + f.name() + " (" + f.bytes() + " bytes), which was not counted";
        }
      }
      for (InputFile f : inputFiles) {
        if (!files.contains(f)) {
          return "matches/ no longer holds " + f.name() + " (" + f.bytes() + " bytes)";
        }
      }
      return "the data files of matches/ are in another order";
    }
    return null;
  }
}
