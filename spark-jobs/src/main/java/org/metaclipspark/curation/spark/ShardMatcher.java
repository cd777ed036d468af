package org.metaclipspark.curation.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.TaskContext;
import org.metaclipspark.curation.lid.LidBuffer;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.match.WorldwideMatcher;
import org.metaclipspark.curation.wat.ImageTextPair;
import org.metaclipspark.curation.wat.WatPairReader;
import org.metaclipspark.curation.wat.WatReaderOptions;

/**
 * Pass 1 for one shard, run inside its Spark task: read pairs with the core reader, match each
 * text, write the matched ones to the shard's Parquet file with the accounting in its footer, and
 * commit the file ({@link ShardFiles}). A shard that is already committed is not read again; its
 * committed accounting is returned.
 *
 * <p>Damage inside the shard is counted by the reader. An I/O failure of the shard (say, a dropped
 * S3 connection) is thrown while Spark has attempts left, so the shard is read again from the
 * start; on the last attempt, and for a shard that does not exist, it is reported instead of
 * thrown, so one bad shard cannot stop a crawl: the shard is committed with the pairs read before
 * the failure and a {@code shard.failed} (or {@code shard.unreadable}) skip.
 */
final class ShardMatcher {
  /** What a task returns: the shard's accounting, and whether an earlier run committed it. */
  record Outcome(ShardReport report, boolean alreadyCommitted) implements java.io.Serializable {}

  /** Everything a task needs besides the shard; serializable, shipped once per task. */
  record Settings(
      String matchesDir,
      WatReaderOptions options,
      FaultInjector faults,
      int maxTaskAttempts,
      String codec)
      implements java.io.Serializable {}

  /**
   * The matching of pass 1: English mode's one automaton, or worldwide mode's language ID and
   * automaton per key (spec §8); exactly one is set. Serializable, broadcast once.
   */
  record Matching(SubstringMatcher english, WorldwideMatcher worldwide)
      implements java.io.Serializable {
    static Matching english(SubstringMatcher matcher) {
      return new Matching(matcher, null);
    }

    static Matching worldwide(WorldwideMatcher matcher) {
      return new Matching(null, matcher);
    }

    boolean isWorldwide() {
      return worldwide != null;
    }
  }

  private ShardMatcher() {}

  /** Runs pass 1 on the shard at {@code index} of the sorted shard list. */
  static Outcome run(
      String shard,
      int index,
      Configuration hadoop,
      Matching matcher,
      Settings settings,
      ShardProgress progress)
      throws IOException {
    Path dir = new Path(settings.matchesDir());
    Path target = new Path(dir, ShardFiles.fileName(index));
    FileSystem fs = target.getFileSystem(hadoop);
    if (fs.exists(target)) {
      return new Outcome(ShardFiles.readReport(target, hadoop), true);
    }
    TaskContext task = TaskContext.get();
    boolean lastAttempt = task == null || task.attemptNumber() + 1 >= settings.maxTaskAttempts();
    boolean direct = !Commit.renamesAtomically(fs);
    Path file =
        direct
            ? target
            : new Path(
                new Path(dir, ShardFiles.ATTEMPTS_DIR),
                target.getName() + "." + (task == null ? "driver" : task.taskAttemptId()));

    Scan scan = new Scan(shard, index, matcher, lastAttempt, progress.shard());
    boolean committed = false;
    ParquetWriter<MatchesWriteSupport.MatchRow> writer =
        new Builder(file, new MatchesWriteSupport(shard, scan::reportJson, matcher.isWorldwide()))
            .withConf(hadoop)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.fromConf(settings.codec()))
            // Measured (docs/BENCHMARKS.md): dictionaries only where values repeat, since the
            // others fall back to plain after filling a page; no min/max statistics on the
            // long strings, which nothing filters on.
            .withDictionaryEncoding(false)
            .withDictionaryEncoding("text_key", true)
            .withDictionaryEncoding("warc_filename", true)
            .withStatisticsEnabled("uuid", false)
            .withStatisticsEnabled("url", false)
            .withStatisticsEnabled("text", false)
            .withStatisticsEnabled("page_url", false)
            .withStatisticsEnabled("warc_filename", false)
            .withSizeStatisticsEnabled(false)
            .build();
    try {
      scan.writeAll(hadoop, settings.options(), writer);
      settings.faults().check("match"); // rows written, nothing committed yet
      writer.close();
      writer = null;
      if (!direct) {
        commit(fs, file, target);
      }
      committed = true;
      return new Outcome(scan.report(), false);
    } finally {
      // A failed attempt leaves nothing under the final name. On an object store the writer is
      // not closed, since closing would complete the upload of a partial file: an upload that is
      // never completed never appears.
      if (!committed && !direct) {
        if (writer != null) {
          try {
            writer.close();
          } catch (IOException | RuntimeException e) {
            // the attempt failed already; its file is deleted below
          }
        }
        fs.delete(file, false);
      }
    }
  }

  /**
   * Renames a finished attempt to its final name. If another attempt of the shard committed first,
   * its file stays (the same rows and accounting) and this one is dropped.
   */
  private static void commit(FileSystem fs, Path attempt, Path target) throws IOException {
    if (fs.exists(target)) {
      fs.delete(attempt, false);
      return;
    }
    if (!fs.rename(attempt, target)) {
      if (fs.exists(target)) {
        fs.delete(attempt, false);
        return;
      }
      throw new IOException("cannot commit " + attempt + " as " + target + ": rename failed");
    }
  }

  /** The read-match-write loop of one shard and its counters. */
  private static final class Scan {
    private final String shard;
    private final int index;
    private final Matching matcher;
    private final boolean lastAttempt;
    private final ShardProgress.Shard progress;
    private WatPairReader reader;
    private long matched;
    private long unmatched;
    private String failure;
    private ShardReport report;

    Scan(
        String shard,
        int index,
        Matching matcher,
        boolean lastAttempt,
        ShardProgress.Shard progress) {
      this.progress = progress;
      this.shard = shard;
      this.index = index;
      this.matcher = matcher;
      this.lastAttempt = lastAttempt;
    }

    void writeAll(
        Configuration hadoop,
        WatReaderOptions options,
        ParquetWriter<MatchesWriteSupport.MatchRow> writer)
        throws IOException {
      Path path = new Path(shard);
      InputStream stream;
      try {
        stream = ShardStreams.open(path, hadoop); // retries transient failures
      } catch (FileNotFoundException e) {
        failure = "cannot open shard " + shard + ": it does not exist (" + e.getMessage() + ")";
        return;
      } catch (IOException e) {
        if (!lastAttempt) {
          throw new UncheckedIOException("cannot open shard " + shard + "; Spark will retry it", e);
        }
        failure = "cannot open shard " + shard + " (last attempt): " + e;
        return;
      }
      reader = WatPairReader.open(stream, shard, options);
      MatchBuffer buffer = MatchBuffer.create();
      LidBuffer lid = LidBuffer.create();
      SubstringMatcher english = matcher.english();
      WorldwideMatcher worldwide = matcher.worldwide();
      MatchesWriteSupport.MatchRow row = new MatchesWriteSupport.MatchRow();
      row.ids = buffer;
      try {
        while (reader.hasNext()) {
          ImageTextPair pair = reader.next();
          progress.update(reader.stats(), matched);
          if (worldwide == null) {
            english.matchEntryIds(pair.text(), buffer);
          } else {
            row.lang = worldwide.key(worldwide.match(pair.text(), lid, buffer));
          }
          if (buffer.size() == 0) {
            unmatched++;
            continue;
          }
          matched++;
          row.pair = pair;
          writer.write(row);
        }
      } catch (UncheckedIOException e) {
        if (!lastAttempt) {
          throw e; // the task fails and Spark reads the whole shard again
        }
        failure =
            "reading shard "
                + shard
                + " failed on the last attempt after "
                + (matched + unmatched)
                + " pairs; the rest of the shard is skipped: "
                + e.getCause();
      } finally {
        try {
          reader.close();
        } catch (IOException e) {
          // the shard was read as far as it could be; a failing close loses nothing
        }
      }
    }

    /** Called by the writer when it closes the file: the accounting goes into its footer. */
    String reportJson() {
      progress.done(reader == null ? null : reader.stats(), matched);
      report =
          ShardReport.of(
              shard,
              index,
              reader == null ? null : reader.stats(),
              matched,
              unmatched,
              failure,
              reader == null ? "none" : reader.inflater());
      return ShardFiles.toJson(report);
    }

    ShardReport report() {
      return report;
    }
  }

  /** A parquet-hadoop writer builder for {@link MatchesWriteSupport}. */
  private static final class Builder
      extends ParquetWriter.Builder<MatchesWriteSupport.MatchRow, Builder> {
    private final MatchesWriteSupport support;

    Builder(Path file, MatchesWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<MatchesWriteSupport.MatchRow> getWriteSupport(Configuration conf) {
      return support;
    }
  }
}
