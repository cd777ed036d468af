package org.metaclipspark.curation.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;

/**
 * Opens shards and list files through Hadoop's file systems with retries: a failed open, or a read
 * that fails part-way (a reset connection, a 503 from {@code https://data.commoncrawl.org/}), is
 * tried again after a backoff that doubles each time, and a read resumes at the byte it had reached
 * (by seek, or by reading up to it where the file system cannot seek, as Hadoop's {@code
 * HttpFileSystem}). A file that does not exist is not retried. When the retries are used up the
 * last failure is thrown, naming the file and the byte offset; the caller's rules for the last
 * attempt apply then. The settings ({@link ConfigKeys#INPUT_RETRIES}, {@value
 * ConfigKeys#INPUT_RETRY_BACKOFF_MS}) reach the executors inside the Hadoop configuration.
 */
public final class ShardStreams {
  static final String RETRIES = "metaclip." + ConfigKeys.INPUT_RETRIES.name();
  static final String BACKOFF_MS = "metaclip." + ConfigKeys.INPUT_RETRY_BACKOFF_MS.name();

  private ShardStreams() {}

  /** The Spark settings that carry {@code config}'s retry settings into the Hadoop conf. */
  public static void configure(org.apache.spark.SparkConf conf, CurationConfig config) {
    conf.set("spark.hadoop." + RETRIES, Integer.toString(config.inputRetries()));
    conf.set("spark.hadoop." + BACKOFF_MS, Long.toString(config.inputRetryBackoffMs()));
  }

  /** Opens {@code path} for reading from the start, with the retries {@code hadoop} sets. */
  public static InputStream open(Path path, Configuration hadoop) throws IOException {
    int retries = hadoop.getInt(RETRIES, 4);
    long backoff = hadoop.getLong(BACKOFF_MS, 1000);
    return new Retrying(path.getFileSystem(hadoop), path, retries, backoff);
  }

  /** An input stream that reopens its file after a failure and resumes at the same byte. */
  static final class Retrying extends InputStream {
    private final FileSystem fs;
    private final Path path;
    private final int retries;
    private final long backoffMs;
    private InputStream in;
    private long position;
    private int retried;

    Retrying(FileSystem fs, Path path, int retries, long backoffMs) throws IOException {
      this.fs = fs;
      this.path = path;
      this.retries = retries;
      this.backoffMs = backoffMs;
      this.in = openAt(0);
    }

    /** How many retries this stream has used. */
    int retried() {
      return retried;
    }

    private InputStream openAt(long offset) throws IOException {
      while (true) {
        try {
          FSDataInputStream s = fs.open(path);
          try {
            skipTo(s, offset);
          } catch (IOException e) {
            s.close();
            throw e;
          }
          return s;
        } catch (FileNotFoundException e) {
          throw e;
        } catch (IOException e) {
          backOff(e, offset);
        }
      }
    }

    private static void skipTo(FSDataInputStream s, long offset) throws IOException {
      if (offset == 0) {
        return;
      }
      try {
        s.seek(offset);
        return;
      } catch (UnsupportedOperationException | IOException e) {
        // HttpFileSystem cannot seek: read up to the offset instead.
      }
      byte[] skip = new byte[64 * 1024];
      long left = offset;
      while (left > 0) {
        int n = s.read(skip, 0, (int) Math.min(skip.length, left));
        if (n < 0) {
          throw new IOException("file ended at byte " + (offset - left) + " of " + offset);
        }
        left -= n;
      }
    }

    /** Waits before the next try, or throws {@code failure} when the retries are used up. */
    private void backOff(IOException failure, long offset) throws IOException {
      if (retried >= retries) {
        throw new IOException(
            "cannot read "
                + path
                + " at byte "
                + offset
                + " after "
                + (retried + 1)
                + " attempt(s): "
                + failure.getMessage(),
            failure);
      }
      long wait = backoffMs << Math.min(retried, 20);
      retried++;
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to retry " + path);
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (true) {
        try {
          int n = in.read(b, off, len);
          if (n > 0) {
            position += n;
          }
          return n;
        } catch (FileNotFoundException e) {
          throw e;
        } catch (IOException e) {
          closeQuietly();
          backOff(e, position);
          in = openAt(position);
        }
      }
    }

    private void closeQuietly() {
      try {
        in.close();
      } catch (IOException e) {
        // The stream failed already; the reopened one replaces it.
      }
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
