package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The fields of {@code matches/_manifest.json} that pass 2 reads; the others are ignored.
 *
 * @param vocabulary path, entries, sha256, duplicates and empty entries of the vocabulary
 * @param shards the shards pass 1 read, in order
 * @param rowCounts {@code matches}: the matched pairs written
 */
record MatchManifestView(
    @JsonProperty("vocabulary") Map<String, Object> vocabulary,
    @JsonProperty("shards") List<String> shards,
    @JsonProperty("row_counts") Map<String, Long> rowCounts) {

  String vocabularyPath() {
    return (String) vocabulary.get("path");
  }

  String vocabularySha256() {
    return (String) vocabulary.get("sha256");
  }
}
