package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code _manifest.json} of one draw index ({@link DrawIndex}). An index serves a rerun only if it
 * was built from the current pass-2 commit with the same seed and unit.
 *
 * @param pass always {@code draw-index}
 * @param schema {@code draw_index.v1}
 * @param producer the program and version
 * @param createdAt when the index was committed, ISO-8601
 * @param countCommitId {@code commit_id} of the pass-2 output it was built from
 * @param seed the seed of the draws
 * @param oneTextPerImage whether one text per image was kept before the thresholds
 * @param rowGroupBytes the row-group size of {@code pairs/}, which bounds what a rerun re-encodes
 * @param rowCounts {@code pairs} and {@code entry_buckets}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DrawIndexManifest(
    @JsonProperty("pass") String pass,
    @JsonProperty("schema") String schema,
    @JsonProperty("producer") String producer,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("count_commit_id") String countCommitId,
    @JsonProperty("seed") long seed,
    @JsonProperty("one_text_per_image") boolean oneTextPerImage,
    @JsonProperty("row_group_bytes") long rowGroupBytes,
    @JsonProperty("row_counts") Map<String, Long> rowCounts) {

  static final String PASS = "draw-index";
  static final String SCHEMA = "draw_index.v1";
}
