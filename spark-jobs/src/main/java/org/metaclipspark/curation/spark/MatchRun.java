package org.metaclipspark.curation.spark;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * What pass 1's output depends on, written to {@code matches/_run.json} before the first shard is
 * read: the schema, the sorted shard list, the vocabulary's SHA-256 and the reader settings. A
 * rerun into the same directory resumes only if its own {@code MatchRun} is equal; otherwise it
 * stops with {@link #differencesFrom} as the message. Paths of the config's inputs and of the
 * vocabulary are kept for the message only: the same shards named another way, or the same
 * vocabulary at another path, resume.
 *
 * @param schema the data schema, e.g. {@code matches.v1}
 * @param shards the resolved shard list, sorted; a shard's index names its file
 * @param vocabularySha256 SHA-256 of the vocabulary file
 * @param vocabularyPath where the vocabulary was read (not compared)
 * @param maxRecordBytes {@link ConfigKeys#INPUT_MAX_RECORD_BYTES}
 * @param validateAllPayloads {@link ConfigKeys#INPUT_VALIDATE_ALL_PAYLOADS}
 */
public record MatchRun(
    String schema,
    List<String> shards,
    @JsonProperty("vocabulary_sha256") String vocabularySha256,
    @JsonProperty("vocabulary_path") String vocabularyPath,
    @JsonProperty("max_record_bytes") long maxRecordBytes,
    @JsonProperty("validate_all_payloads") boolean validateAllPayloads) {

  /** File name inside {@code matches/}. */
  public static final String FILE_NAME = "_run.json";

  public MatchRun {
    shards = List.copyOf(shards);
  }

  /** The identity of a run of {@code config} over {@code shards} with this vocabulary. */
  static MatchRun of(
      CurationConfig config,
      List<String> shards,
      String schema,
      MatchManifest.VocabularyInfo vocabulary) {
    return new MatchRun(
        schema,
        shards,
        vocabulary.sha256(),
        vocabulary.path(),
        config.maxRecordBytes(),
        config.validateAllPayloads());
  }

  /**
   * What differs between this run and the {@code committed} one, in words, or an empty list if this
   * run may resume it.
   */
  List<String> differencesFrom(MatchRun committed) {
    List<String> out = new ArrayList<>();
    if (!schema.equals(committed.schema)) {
      out.add("the schema is " + schema + ", the committed output is " + committed.schema);
    }
    if (!shards.equals(committed.shards)) {
      TreeSet<String> added = new TreeSet<>(shards);
      committed.shards.forEach(added::remove);
      TreeSet<String> removed = new TreeSet<>(committed.shards);
      shards.forEach(removed::remove);
      out.add(
          "the input list differs: "
              + shards.size()
              + " shards now, "
              + committed.shards.size()
              + " committed"
              + describe(", added", added)
              + describe(", missing", removed));
    }
    if (!vocabularySha256.equals(committed.vocabularySha256)) {
      out.add(
          "the vocabulary differs: "
              + vocabularyPath
              + " has sha256 "
              + vocabularySha256
              + ", the committed output used "
              + committed.vocabularyPath
              + " with sha256 "
              + committed.vocabularySha256);
    }
    if (maxRecordBytes != committed.maxRecordBytes) {
      out.add(
          "'"
              + ConfigKeys.INPUT_MAX_RECORD_BYTES.name()
              + "' is "
              + maxRecordBytes
              + ", the committed output used "
              + committed.maxRecordBytes);
    }
    if (validateAllPayloads != committed.validateAllPayloads) {
      out.add(
          "'"
              + ConfigKeys.INPUT_VALIDATE_ALL_PAYLOADS.name()
              + "' is "
              + validateAllPayloads
              + ", the committed output used "
              + committed.validateAllPayloads);
    }
    return out;
  }

  private static String describe(String label, TreeSet<String> paths) {
    if (paths.isEmpty()) {
      return "";
    }
    List<String> first = new ArrayList<>(paths).subList(0, Math.min(3, paths.size()));
    return label
        + " "
        + paths.size()
        + " ("
        + String.join(", ", first)
        + (paths.size() > first.size() ? ", ..." : "")
        + ")";
  }
}
