package org.metaclipspark.curation.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.testsupport.SharedData;
import org.metaclipspark.curation.wat.ImageTextPair;
import org.metaclipspark.curation.wat.WatPairReader;
import org.metaclipspark.curation.wat.WatReaderOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pass-1 ingestion throughput on one core: the time to read the whole bench shard, held in memory
 * so that disk speed does not count.
 *
 * <ul>
 *   <li>{@link #gunzip}: the baseline, JDK {@code GZIPInputStream} inflating into a null sink;
 *   <li>{@link #extract}: {@link WatPairReader}, i.e. inflate + WARC framing + JSON + urljoin +
 *       uuid, consuming every pair, with every payload validated (the default);
 *   <li>{@link #extractAndMatch}: pass 1 as the match job runs it: {@link #extract} plus {@link
 *       SubstringMatcher#matchEntryIds(CharSequence, MatchBuffer)} on every text, 500k entries;
 *   <li>{@link #extractSkippingImagelessPayloads} and {@link
 *       #extractSkippingImagelessPayloadsAndMatch}: the same with {@code
 *       input.validateAllPayloads=false}.
 * </ul>
 *
 * Divide the shard's uncompressed size by the time per operation for MB/s; {@code
 * scripts/bench-ingest.sh} does that and also times {@code gzip -dc} on the same file. The shard
 * path comes from {@code -Dshared.dir} (default {@code ../shared}) and {@code -Dbench.shard}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WatIngestBenchmark {

  private byte[] shard;
  private SubstringMatcher matcher;

  @Setup(Level.Trial)
  public void load() throws IOException {
    Path dir = SharedData.requireDataDir().getParent();
    Path file =
        dir.resolve(
            System.getProperty("bench.shard", "data/bench/CC-SAMPLE-2024-22-BENCH.warc.wat.gz"));
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "bench shard not found at "
              + file.toAbsolutePath()
              + "; pass -Dshared.dir=<path to shared> (and -Dbench.shard=<relative path>)");
    }
    shard = Files.readAllBytes(file);
    matcher =
        SubstringMatcher.compile(
            Metadata.load(SharedData.requireDataDir().resolve("vocab/metadata-500k.json")));
  }

  @Benchmark
  public long gunzip() {
    byte[] sink = new byte[1 << 16];
    long total = 0;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(shard), 1 << 16)) {
      int n;
      while ((n = in.read(sink)) >= 0) {
        total += n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return total;
  }

  @Benchmark
  public long extract() {
    return read(WatReaderOptions.defaults(), false);
  }

  @Benchmark
  public long extractAndMatch() {
    return read(WatReaderOptions.defaults(), true);
  }

  @Benchmark
  public long extractSkippingImagelessPayloads() {
    return read(WatReaderOptions.defaults().withParseAllPayloads(false), false);
  }

  @Benchmark
  public long extractSkippingImagelessPayloadsAndMatch() {
    return read(WatReaderOptions.defaults().withParseAllPayloads(false), true);
  }

  private long read(WatReaderOptions options, boolean match) {
    long hash = 0;
    MatchBuffer buffer = MatchBuffer.create();
    try (WatPairReader reader =
        WatPairReader.open(new ByteArrayInputStream(shard), "bench", options)) {
      while (reader.hasNext()) {
        ImageTextPair p = reader.next();
        hash = hash * 31 + p.uuid().hashCode() + p.text().length();
        if (match) {
          hash += matcher.matchEntryIds(p.text(), buffer);
        }
      }
      if (reader.stats().pairs() == 0) {
        throw new IllegalStateException("no pairs extracted: " + reader.stats());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return hash;
  }
}
