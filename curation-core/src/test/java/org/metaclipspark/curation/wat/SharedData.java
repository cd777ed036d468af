package org.metaclipspark.curation.wat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The WAT tests' view of the shared data: where it is comes from the one locator, {@link
 * org.metaclipspark.curation.testsupport.SharedData} (which skips tests without it); what is here
 * is only what needs the reader's types.
 */
final class SharedData {

  private SharedData() {}

  /** The {@code data/wat} directory, or a skipped test with the reason. */
  static Path watDir() {
    return org.metaclipspark.curation.testsupport.SharedData.watDir();
  }

  static List<Path> shards() throws IOException {
    return org.metaclipspark.curation.testsupport.SharedData.shards();
  }

  static Path smallestShard() throws IOException {
    return shards().get(0);
  }

  /** Each line of the expected file as [uuid, imageUrl, textKey, text]. */
  static List<List<String>> expectedPairs(Path shard) throws IOException {
    return org.metaclipspark.curation.testsupport.SharedData.expectedPairs(shard);
  }

  static List<List<String>> asRows(List<ImageTextPair> pairs) {
    List<List<String>> rows = new ArrayList<>(pairs.size());
    for (ImageTextPair p : pairs) {
      rows.add(List.of(p.uuid(), p.imageUrl(), p.textKey(), p.text()));
    }
    return rows;
  }

  /** Reads every pair of {@code in}; the stats of the run end up in {@code statsOut[0]}. */
  static List<ImageTextPair> readAll(
      InputStream in, String shard, WatReaderOptions options, ShardStats[] statsOut)
      throws IOException {
    List<ImageTextPair> pairs = new ArrayList<>();
    try (WatPairReader reader = WatPairReader.open(in, shard, options)) {
      while (reader.hasNext()) {
        pairs.add(reader.next());
      }
      if (statsOut != null) {
        statsOut[0] = reader.stats();
      }
    }
    return pairs;
  }
}
