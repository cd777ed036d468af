package org.metaclipspark.curation.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Makes a large WAT input for the rerun benchmark from a few real shards: {@code COPIES} copies of
 * every source shard, each a new shard whose absolute URLs ({@code http://} and {@code https://},
 * in the WARC header and the JSON payload) get the host prefix {@code gN.}, with {@code N = copy /
 * 2}. So every image gets a new uuid in each group, the texts and their matches stay, and every
 * pair occurs in exactly two shards (copies {@code 2N} and {@code 2N+1}), as a crawl's duplicates
 * do. Each record becomes its own gzip member (level 1); {@code Content-Length} is recomputed.
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.metaclipspark.curation.bench.ReplicateShards SRC_DIR
 * DEST_DIR COPIES [THREADS]}. Deterministic: the same arguments write the same bytes.
 */
public final class ReplicateShards {
  private ReplicateShards() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ReplicateShards SRC_DIR DEST_DIR COPIES [THREADS]");
      System.exit(2);
    }
    Path source = Path.of(args[0]);
    Path dest = Files.createDirectories(Path.of(args[1]));
    int copies = Integer.parseInt(args[2]);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    List<Path> shards;
    try (var files = Files.list(source)) {
      shards = files.filter(p -> p.toString().endsWith(".wat.gz")).sorted().toList();
    }
    List<byte[][]> records = new ArrayList<>();
    for (Path shard : shards) {
      records.add(readRecords(shard));
    }
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> jobs = new ArrayList<>();
    // Copies 2N and 2N+1 hold the same bytes: the odd one is a file copy of the even one. A
    // finished file is renamed from .part, so a rerun skips what an earlier run finished.
    for (int c = 0; c < copies; c += 2) {
      for (int s = 0; s < shards.size(); s++) {
        int copy = c;
        int shard = s;
        jobs.add(
            pool.submit(
                () -> {
                  Path out = dest.resolve(name(copy, shards.get(shard)));
                  if (!Files.exists(out)) {
                    Path part = out.resolveSibling(out.getFileName() + ".part");
                    write(records.get(shard), "g" + (copy / 2) + ".", part);
                    Files.move(part, out);
                  }
                  if (copy + 1 < copies) {
                    Path twin = dest.resolve(name(copy + 1, shards.get(shard)));
                    if (!Files.exists(twin)) {
                      Path part = twin.resolveSibling(twin.getFileName() + ".part");
                      Files.copy(out, part, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                      Files.move(part, twin);
                    }
                  }
                  return null;
                }));
      }
    }
    for (Future<?> job : jobs) {
      job.get();
    }
    pool.shutdown();
    System.err.printf(
        "ReplicateShards: %d shards x %d copies -> %s in %.1f s%n",
        shards.size(), copies, dest, (System.nanoTime() - start) / 1e9);
  }

  private static String name(int copy, Path shard) {
    return String.format("COPY-%05d-%s", copy, shard.getFileName());
  }

  /** The records of a shard, each as its bytes (header, blank line, block), trailing CRLFs cut. */
  private static byte[][] readRecords(Path shard) throws IOException {
    byte[] all;
    try (InputStream in =
        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(shard)))) {
      all = in.readAllBytes();
    }
    List<byte[]> out = new ArrayList<>();
    int pos = 0;
    while (pos < all.length) {
      int headerEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), pos);
      if (headerEnd < 0) {
        break;
      }
      String header = new String(all, pos, headerEnd - pos, StandardCharsets.ISO_8859_1);
      int length = contentLength(header);
      int end = headerEnd + 4 + length;
      out.add(java.util.Arrays.copyOfRange(all, pos, end));
      pos = end;
      while (pos < all.length && (all[pos] == '\r' || all[pos] == '\n')) {
        pos++;
      }
    }
    return out.toArray(byte[][]::new);
  }

  private static void write(byte[][] records, String hostPrefix, Path out) {
    try (OutputStream file = Files.newOutputStream(out)) {
      ByteArrayOutputStream member = new ByteArrayOutputStream(1 << 16);
      for (byte[] record : records) {
        String text = new String(record, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String header = prefixHosts(text.substring(0, split), hostPrefix);
        String block = prefixHosts(text.substring(split + 4), hostPrefix);
        header =
            header.replaceFirst(
                "(?m)^Content-Length: \\d+",
                "Content-Length: " + block.getBytes(StandardCharsets.ISO_8859_1).length);
        member.reset();
        try (GZIPOutputStream gz =
            new GZIPOutputStream(member) {
              {
                def.setLevel(Deflater.BEST_SPEED);
              }
            }) {
          gz.write(
              (header + "\r\n\r\n" + block + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        member.writeTo(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /** JSON escapes the slashes of some URLs ({@code https:\/\/}); both spellings get the prefix. */
  private static String prefixHosts(String s, String prefix) {
    return s.replace("https://", "https://" + prefix)
        .replace("http://", "http://" + prefix)
        .replace("https:\\/\\/", "https:\\/\\/" + prefix)
        .replace("http:\\/\\/", "http:\\/\\/" + prefix);
  }

  private static int contentLength(String header) {
    for (String line : header.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    throw new IllegalStateException("WARC record without Content-Length: " + header);
  }

  private static int indexOf(byte[] data, byte[] pattern, int from) {
    outer:
    for (int i = from; i <= data.length - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
