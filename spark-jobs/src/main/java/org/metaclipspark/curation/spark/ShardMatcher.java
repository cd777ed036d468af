package org.metaclipspark.curation.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.wat.ImageTextPair;
import org.metaclipspark.curation.wat.WatPairReader;
import org.metaclipspark.curation.wat.WatReaderOptions;

/**
 * Pass 1 for one shard, as a lazy iterator of {@code matches.v1} rows: read pairs with the core
 * reader, match each text, keep the matched ones. When the shard is exhausted its {@link
 * ShardReport} goes to the accumulator. Damage inside the shard is counted by the reader. An I/O
 * failure (say, a dropped S3 connection) is thrown while Spark has attempts left, so the shard is
 * read again from the start; on the last attempt, and for a shard that does not exist, it is
 * reported instead of thrown, so one bad shard cannot stop a crawl.
 */
final class ShardMatcher implements Iterator<Row> {
  private final String shard;
  private final SubstringMatcher matcher;
  private final ShardReportAccumulator reports;
  private final MatchBuffer buffer = MatchBuffer.create();
  private InputStream stream;
  private WatPairReader reader;
  private Row next;
  private long matched;
  private long unmatched;
  private final boolean lastAttempt;
  private boolean done;

  ShardMatcher(
      String shard,
      Configuration hadoop,
      WatReaderOptions options,
      SubstringMatcher matcher,
      ShardReportAccumulator reports,
      int maxTaskAttempts) {
    this.shard = shard;
    this.matcher = matcher;
    this.reports = reports;
    TaskContext task = TaskContext.get();
    this.lastAttempt = task == null || task.attemptNumber() + 1 >= maxTaskAttempts;
    try {
      Path path = new Path(shard);
      stream = ShardStreams.open(path, hadoop); // retries transient failures
      reader = WatPairReader.open(stream, shard, options);
    } catch (FileNotFoundException e) {
      finish("cannot open shard " + shard + ": it does not exist (" + e.getMessage() + ")");
    } catch (IOException e) {
      if (!lastAttempt) {
        throw new UncheckedIOException("cannot open shard " + shard + "; Spark will retry it", e);
      }
      finish("cannot open shard " + shard + " (last attempt): " + e);
    }
  }

  @Override
  public boolean hasNext() {
    while (next == null && !done) {
      try {
        if (!reader.hasNext()) {
          finish(null);
          break;
        }
        ImageTextPair pair = reader.next();
        if (matcher.matchEntryIds(pair.text(), buffer) == 0) {
          unmatched++;
          continue;
        }
        int[] ids = buffer.toArray();
        matched++;
        next =
            RowFactory.create(
                pair.uuid(),
                pair.imageUrl(),
                pair.text(),
                pair.textKey(),
                pair.pageUrl(),
                shard,
                pair.recordOffset(),
                ids);
      } catch (UncheckedIOException e) {
        if (!lastAttempt) {
          throw e; // the task fails and Spark reads the whole shard again
        }
        finish(
            "reading shard "
                + shard
                + " failed on the last attempt after "
                + (matched + unmatched)
                + " pairs; the rest of the shard is skipped: "
                + e.getCause());
      }
    }
    return next != null;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Row row = next;
    next = null;
    return row;
  }

  private void finish(String failure) {
    done = true;
    reports.add(
        new ShardReport(
            shard, reader == null ? null : reader.stats(), matched, unmatched, failure));
    try {
      if (reader != null) {
        reader.close();
      } else if (stream != null) {
        stream.close();
      }
    } catch (IOException e) {
      // The shard was read to its end; a failing close loses nothing.
    }
  }
}
