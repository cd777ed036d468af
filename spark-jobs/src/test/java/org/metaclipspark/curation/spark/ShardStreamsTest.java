package org.metaclipspark.curation.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ShardStreams.Retrying} against a file system that fails on purpose: failed opens, reads
 * that break part-way (seekable, and not seekable as Hadoop's HttpFileSystem), a file that keeps
 * failing, and one that does not exist. The bytes read must equal the file's, for random failure
 * points (seeded; the seed and the point are in the message).
 */
class ShardStreamsTest {
  /** Fails the first {@code failOpens} opens, then breaks the next {@code breaks} reads. */
  static final class FlakyFs extends RawLocalFileSystem {
    int failOpens;
    int breaks;
    long breakAt;
    boolean seekable = true;
    int opens;

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
      opens++;
      if (failOpens > 0) {
        failOpens--;
        throw new IOException("injected: connection refused");
      }
      FSDataInputStream real = super.open(f, bufferSize);
      return new FSDataInputStream(new Breaking(real));
    }

    final class Breaking extends FSInputStream {
      private final FSDataInputStream in;

      Breaking(FSDataInputStream in) {
        this.in = in;
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        long pos = in.getPos();
        if (breaks > 0 && pos + len > breakAt) {
          if (pos < breakAt) {
            return in.read(b, off, (int) (breakAt - pos));
          }
          breaks--;
          throw new IOException("injected: connection reset at byte " + pos);
        }
        return in.read(b, off, len);
      }

      @Override
      public void seek(long pos) throws IOException {
        if (!seekable) {
          throw new UnsupportedOperationException("no seek");
        }
        in.seek(pos);
      }

      @Override
      public long getPos() throws IOException {
        return in.getPos();
      }

      @Override
      public boolean seekToNewSource(long targetPos) {
        return false;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    }
  }

  private static FlakyFs fs() throws IOException {
    FlakyFs fs = new FlakyFs();
    fs.initialize(java.net.URI.create("file:///"), new Configuration());
    return fs;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  @Test
  void readsResumeAtTheByteReached(@TempDir java.nio.file.Path tmp) throws IOException {
    long seed = 8L;
    Random random = new Random(seed);
    byte[] data = new byte[300_000];
    random.nextBytes(data);
    java.nio.file.Path file = tmp.resolve("shard.wat.gz");
    Files.write(file, data);
    for (int trial = 0; trial < 20; trial++) {
      FlakyFs fs = fs();
      fs.failOpens = random.nextInt(2);
      fs.breaks = 1 + random.nextInt(2);
      fs.breakAt = random.nextInt(data.length);
      fs.seekable = random.nextBoolean();
      String where =
          "seed "
              + seed
              + ", trial "
              + trial
              + ": break at "
              + fs.breakAt
              + ", seek "
              + fs.seekable;
      int failures = fs.failOpens + fs.breaks;
      try (ShardStreams.Retrying in = new ShardStreams.Retrying(fs, new Path(file.toUri()), 4, 1)) {
        assertArrayEquals(data, readAll(in), where);
        assertEquals(failures, in.retried(), where);
      }
    }
  }

  @Test
  void aFileThatKeepsFailingNamesItselfAndTheOffset(@TempDir java.nio.file.Path tmp)
      throws IOException {
    java.nio.file.Path file = tmp.resolve("bad.wat.gz");
    Files.write(file, new byte[10_000]);
    FlakyFs fs = fs();
    fs.breaks = 100;
    fs.breakAt = 5_000;
    try (ShardStreams.Retrying in = new ShardStreams.Retrying(fs, new Path(file.toUri()), 3, 1)) {
      IOException e = assertThrows(IOException.class, () -> readAll(in));
      assertTrue(
          e.getMessage().contains(file.getFileName().toString())
              && e.getMessage().contains("at byte 5000")
              && e.getMessage().contains("after 4 attempt(s)"),
          e.getMessage());
    }
    FlakyFs refusing = fs();
    refusing.failOpens = 100;
    IOException e =
        assertThrows(
            IOException.class,
            () -> new ShardStreams.Retrying(refusing, new Path(file.toUri()), 2, 1));
    assertTrue(e.getMessage().contains("at byte 0 after 3 attempt(s)"), e.getMessage());
    assertEquals(3, refusing.opens);
  }

  @Test
  void aMissingFileIsNotRetried(@TempDir java.nio.file.Path tmp) throws IOException {
    FlakyFs fs = fs();
    assertThrows(
        FileNotFoundException.class,
        () -> new ShardStreams.Retrying(fs, new Path(tmp.resolve("none").toUri()), 4, 1));
    assertEquals(1, fs.opens);
  }
}
