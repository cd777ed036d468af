package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.metadata.Vocabularies;

/**
 * {@code matches/_manifest.json}: written once every shard of the run is committed, with every
 * shard's accounting (read back from the committed files, so a resumed run lists each shard once)
 * and their totals. Jackson reads and writes it with the field names below; they are the ones the
 * map-based readers of earlier versions use ({@code vocabulary.path}, {@code vocabulary.sha256},
 * {@code row_counts}, {@code totals}, {@code per_shard}, {@code shards}).
 *
 * @param pass always {@code match}
 * @param schema the data schema, {@code matches.v1}
 * @param producer the program and version that wrote it
 * @param createdAt when this manifest was written (ISO-8601)
 * @param inputs the configured inputs, as given
 * @param shards the resolved, sorted shard list; the shard at index i is in {@code shard-<i, 7
 *     digits>.parquet}
 * @param vocabulary the vocabulary used
 * @param config the effective config, credentials redacted
 * @param seed the configured seed (pass 1 draws nothing)
 * @param rowCounts {@code matches}: the number of rows over all data files
 * @param totals sums over {@code per_shard}
 * @param resumedShards shards committed by an earlier, interrupted run and not read again
 * @param inflaters how many shards each inflater decoded
 * @param perShard every shard's accounting, in shard order
 */
public record MatchManifest(
    String pass,
    String schema,
    String producer,
    @JsonProperty("created_at") String createdAt,
    List<String> inputs,
    List<String> shards,
    VocabularyInfo vocabulary,
    Map<String, Object> config,
    long seed,
    @JsonProperty("row_counts") Map<String, Long> rowCounts,
    Totals totals,
    @JsonProperty("resumed_shards") int resumedShards,
    SortedMap<String, Long> inflaters,
    @JsonProperty("per_shard") List<ShardReport> perShard) {

  /** The vocabulary a pass used; {@code sha256} is over the file's bytes. */
  public record VocabularyInfo(
      String path, int entries, String sha256, int duplicates, @JsonProperty("empty") int empty) {
    static VocabularyInfo of(Metadata metadata) {
      return new VocabularyInfo(
          metadata.source(),
          metadata.size(),
          metadata.sha256(),
          metadata.duplicateCount(),
          metadata.emptyCount());
    }

    /**
     * Worldwide mode: the directory, the entries over all keys, and the SHA-256 of what the matches
     * depend on (the vocabularies, the language-ID model and the label-key table).
     */
    static VocabularyInfo of(String directory, Vocabularies vocabularies, String sha256) {
      return new VocabularyInfo(
          directory,
          Math.toIntExact(vocabularies.totalEntries()),
          sha256,
          Math.toIntExact(vocabularies.duplicateCount()),
          Math.toIntExact(vocabularies.emptyCount()));
    }
  }

  /** Pass 1 totals over all shards; {@code records_skipped} counts {@code record.*} and shards. */
  public record Totals(
      int shards,
      long records,
      @JsonProperty("records_skipped") long recordsSkipped,
      @JsonProperty("image_links") long imageLinks,
      long pairs,
      @JsonProperty("pairs_matched") long pairsMatched,
      SortedMap<String, Long> skipped) {}
}
