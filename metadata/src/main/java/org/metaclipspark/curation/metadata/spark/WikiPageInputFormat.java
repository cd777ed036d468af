package org.metaclipspark.curation.metadata.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.Seekable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.io.compress.SplitCompressionInputStream;
import org.apache.hadoop.io.compress.SplittableCompressionCodec;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads the {@code <page>...</page>} elements of MediaWiki XML dumps, plain or compressed; {@code
 * .xml.bz2} is split by bzip2 block through Hadoop's {@code BZip2Codec}, as {@code
 * LineRecordReader} does.
 *
 * <p>Key: the position of the page's {@code <page>} tag (the byte offset in a plain file; in a bz2
 * file, the compressed position of the bzip2 block it starts in, as the codec reports it). Value:
 * the page's XML, UTF-8. A split owns the pages whose {@code <page>} tag starts at a position
 * within it and reads its last page past its end; the next split skips to its first {@code <page>}
 * tag. Since {@code <} in text is always escaped in XML, {@code <page>} occurs only as a tag.
 *
 * <p>Damage is reported in-band, never thrown, so one bad file does not fail the job: a value that
 * starts with {@link #PROBLEM_MARK} is {@code reason TAB message} (key: the position), for a dump
 * cut inside a page, a corrupt or truncated compressed stream (the split stops there), a dump
 * without its closing {@code </mediawiki>}, or a page over {@link #MAX_PAGE_BYTES_KEY} (skipped;
 * the split goes on after it).
 */
public final class WikiPageInputFormat extends FileInputFormat<LongWritable, Text> {
  /** The first char of a value that reports a problem instead of holding a page. */
  public static final char PROBLEM_MARK = '\u0000';

  /** Hadoop key: a page larger than this many bytes (uncompressed) is skipped and reported. */
  public static final String MAX_PAGE_BYTES_KEY = "metaclip.wiki.maxPageBytes";

  /** Default of {@link #MAX_PAGE_BYTES_KEY}; the largest articles are a few MB. */
  public static final int MAX_PAGE_BYTES_DEFAULT = 256 << 20;

  private static final byte[] PAGE_OPEN = "<page>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PAGE_CLOSE = "</page>".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DUMP_CLOSE = "</mediawiki>".getBytes(StandardCharsets.US_ASCII);

  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    CompressionCodec codec = new CompressionCodecFactory(context.getConfiguration()).getCodec(file);
    return codec == null || codec instanceof SplittableCompressionCodec;
  }

  @Override
  public RecordReader<LongWritable, Text> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new PageReader();
  }

  /** Finds page spans in one split; see the class comment for the ownership rule. */
  static final class PageReader extends RecordReader<LongWritable, Text> {
    private static final int BUFFER = 1 << 16;

    private InputStream in;
    private Seekable positionSource; // compressed: block positions; plain: byte positions
    private boolean compressed;
    private Decompressor decompressor;
    private String file;
    private long start;
    private long end;

    private final byte[] buffer = new byte[BUFFER];
    private int bufferLength;
    private int bufferPos;
    private long bufferStart; // plain: file offset of buffer[0]; compressed: position after fill
    private boolean eof;
    private boolean done;
    private boolean sawDumpClose;
    private boolean tailLacksDumpClose;
    private String pending; // a problem found while opening, returned as the only record
    private boolean tooLarge; // the page being copied is over maxPageBytes
    private int maxPageBytes;
    private long bytesRead;

    private final LongWritable key = new LongWritable();
    private final Text value = new Text();

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
      FileSplit split = (FileSplit) genericSplit;
      Configuration conf = context.getConfiguration();
      maxPageBytes = conf.getInt(MAX_PAGE_BYTES_KEY, MAX_PAGE_BYTES_DEFAULT);
      Path path = split.getPath();
      file = path.toString();
      start = split.getStart();
      end = start + split.getLength();
      FileSystem fs = path.getFileSystem(conf);
      FSDataInputStream fileIn = fs.open(path);
      CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
      if (codec == null) {
        long length = fs.getFileStatus(path).getLen();
        if (end >= length) {
          byte[] tail = new byte[(int) Math.min(256, length)];
          fileIn.readFully(length - tail.length, tail);
          tailLacksDumpClose =
              !new String(tail, StandardCharsets.ISO_8859_1).contains("</mediawiki>");
        }
        fileIn.seek(start);
        in = fileIn;
        positionSource = fileIn;
        bufferStart = start;
      } else {
        compressed = true;
        decompressor = CodecPool.getDecompressor(codec);
        if (codec instanceof SplittableCompressionCodec splittable) {
          try {
            SplitCompressionInputStream cIn =
                splittable.createInputStream(
                    fileIn, decompressor, start, end, SplittableCompressionCodec.READ_MODE.BYBLOCK);
            in = cIn;
            positionSource = cIn;
            start = cIn.getAdjustedStart();
            end = cIn.getAdjustedEnd();
          } catch (IOException e) {
            fileIn.close();
            in = null;
            pending = problem(start, "dump.corrupt", "cannot open compressed stream: " + e);
            return;
          }
        } else {
          in = codec.createInputStream(fileIn, decompressor);
          positionSource = fileIn;
          end = Long.MAX_VALUE; // the whole file is one split
        }
      }
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      if (pending != null) {
        setProblemValue(start, pending);
        pending = null;
        done = true;
        return true;
      }
      if (done || in == null) {
        return false;
      }
      try {
        long at = findPageStart();
        if (at < 0) {
          done = true;
          if (endsWithoutDumpClose()) {
            setProblemValue(
                position(),
                problem(
                    position(),
                    "dump.truncated",
                    "the dump ends without </mediawiki>: the file is cut short"));
            return true;
          }
          return false;
        }
        ByteArrayOutputStream page = new ByteArrayOutputStream(8192);
        page.write(PAGE_OPEN, 0, PAGE_OPEN.length);
        boolean closed = copyUntilPageClose(page);
        if (tooLarge) {
          tooLarge = false; // the reader has skipped to the page's end and goes on
          done = !closed;
          setProblemValue(
              at,
              problem(
                  at,
                  "page.too_large",
                  "page larger than " + maxPageBytes + " bytes (" + MAX_PAGE_BYTES_KEY + ")"));
          return true;
        }
        if (!closed) {
          done = true;
          setProblemValue(
              at,
              problem(
                  at,
                  "page.truncated",
                  "the dump ends inside a page (" + page.size() + " bytes of it read)"));
          return true;
        }
        key.set(at);
        value.set(page.toByteArray());
        return true;
      } catch (IOException e) {
        // A corrupt or cut compressed stream: report where, stop this split.
        done = true;
        setProblemValue(
            position(),
            problem(
                position(),
                "dump.corrupt",
                "corrupt or truncated " + (compressed ? "compressed stream" : "file") + ": " + e));
        return true;
      }
    }

    /**
     * Whether this split holds the dump's end and it lacks {@code </mediawiki>}. Plain files: the
     * split holding the last byte checks the file's tail. Compressed: the split that read up to the
     * end of the stream saw the last bytes, unless it read nothing (a split after the last block).
     */
    private boolean endsWithoutDumpClose() {
      if (!compressed) {
        return tailLacksDumpClose;
      }
      return eof && bytesRead > 0 && !sawDumpClose;
    }

    private String problem(long position, String reason, String message) {
      return reason
          + '\t'
          + message
          + " in "
          + file
          + (compressed ? " near compressed offset " : " at byte offset ")
          + position;
    }

    private void setProblemValue(long position, String problem) {
      key.set(position);
      value.set(PROBLEM_MARK + problem);
    }

    /** Position of the next byte: the byte offset (plain) or the codec's block position. */
    private long position() {
      return compressed ? bufferStart : bufferStart + bufferPos;
    }

    private boolean fill() throws IOException {
      if (eof) {
        return false;
      }
      if (!compressed) {
        bufferStart += bufferLength;
      }
      int n = in.read(buffer, 0, buffer.length);
      while (n == 0) {
        n = in.read(buffer, 0, buffer.length);
      }
      if (n < 0) {
        eof = true;
        bufferLength = 0;
        bufferPos = 0;
        return false;
      }
      bufferLength = n;
      bufferPos = 0;
      bytesRead += n;
      if (compressed) {
        bufferStart = positionSource.getPos();
      }
      return true;
    }

    /**
     * Scans to the next {@code <page>} this split owns, consuming it; returns its position or -1
     * when there is none (end of split or of stream).
     */
    private long findPageStart() throws IOException {
      int matchedOpen = 0;
      int matchedDumpClose = 0;
      long candidate = -1;
      while (true) {
        if (bufferPos >= bufferLength && !fill()) {
          return -1;
        }
        byte b = buffer[bufferPos];
        long here = position();
        bufferPos++;
        matchedOpen = advance(PAGE_OPEN, matchedOpen, b);
        matchedDumpClose = advance(DUMP_CLOSE, matchedDumpClose, b);
        if (matchedDumpClose == DUMP_CLOSE.length) {
          sawDumpClose = true;
          matchedDumpClose = 0;
        }
        if (matchedOpen == 1) {
          candidate = here;
        }
        if (matchedOpen == PAGE_OPEN.length) {
          // Plain files: byte offsets in [start, end). Compressed: the codec's block position
          // <= end, as LineRecordReader decides for bzip2 splits.
          boolean owned = compressed ? candidate <= end : candidate < end;
          if (!owned) {
            return -1;
          }
          return candidate;
        }
        if (matchedOpen == 0 && (compressed ? here > end : here >= end)) {
          // Past the end: any page from here on is the next split's. A bz2 split that owns the
          // last block still reads on to the end of the stream, since its position stays put.
          return -1;
        }
      }
    }

    /** KMP-free matcher for short ASCII patterns without repeated prefixes. */
    private static int advance(byte[] pattern, int matched, byte b) {
      if (pattern[matched] == b) {
        return matched + 1;
      }
      return pattern[0] == b ? 1 : 0;
    }

    /**
     * Copies up to and including {@code </page>}; false at the end of the stream first. A page over
     * {@code maxPageBytes} is read to its end but not kept, and {@code tooLarge} is set.
     */
    private boolean copyUntilPageClose(ByteArrayOutputStream page) throws IOException {
      int matched = 0;
      while (true) {
        if (bufferPos >= bufferLength && !fill()) {
          return false;
        }
        int from = bufferPos;
        boolean closed = false;
        while (bufferPos < bufferLength && !closed) {
          matched = advance(PAGE_CLOSE, matched, buffer[bufferPos++]);
          closed = matched == PAGE_CLOSE.length;
        }
        if (!tooLarge) {
          page.write(buffer, from, bufferPos - from);
          if (page.size() > maxPageBytes) {
            tooLarge = true;
            page.reset();
          }
        }
        if (closed) {
          return true;
        }
      }
    }

    @Override
    public LongWritable getCurrentKey() {
      return key;
    }

    @Override
    public Text getCurrentValue() {
      return value;
    }

    @Override
    public float getProgress() {
      if (end == start || end == Long.MAX_VALUE) {
        return done ? 1f : 0f;
      }
      return Math.min(1f, Math.max(0f, (position() - start) / (float) (end - start)));
    }

    @Override
    public void close() throws IOException {
      try {
        if (in != null) {
          in.close();
        }
      } finally {
        if (decompressor != null) {
          CodecPool.returnDecompressor(decompressor);
          decompressor = null;
        }
      }
    }
  }
}
