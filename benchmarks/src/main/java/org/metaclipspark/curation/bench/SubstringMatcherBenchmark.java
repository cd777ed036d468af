package org.metaclipspark.curation.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.testsupport.SharedData;
import org.metaclipspark.curation.text.Spacing;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Matching throughput, compile time and load time of {@link SubstringMatcher} on the shared 500k
 * metadata and caption corpus, against hankcs ACDAT and the naive loop in the same run.
 *
 * <p>Throughput benchmarks make one pass over a caption list per operation and count characters in
 * the auxiliary counter {@code chars}: read the {@code ·chars} rows, in chars per second. Single
 * threaded. Iteration counts are set here per benchmark, so single-shot builds run a few times and
 * throughput runs long enough; pass JMH options only to override them.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
public class SubstringMatcherBenchmark {

  /**
   * Captions the naive loop scans per operation; it tests every one of the 500k entries per
   * caption.
   */
  private static final int NAIVE_CAPTIONS = 20;

  Metadata metadata;
  String[] entries;
  SubstringMatcher matcher;
  AcdatBaseline acdat;
  byte[] serialized;
  List<String> captions;
  List<String> naiveCaptions;
  long captionChars;
  long naiveChars;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    metadata = Metadata.load(SharedData.requireDataDir().resolve("vocab/metadata-500k.json"));
    entries = new String[metadata.size()];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = metadata.entry(i);
    }
    matcher = SubstringMatcher.compile(metadata);
    acdat = AcdatBaseline.build(metadata);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    matcher.writeTo(bytes);
    serialized = bytes.toByteArray();
    captions =
        SharedData.readJsonStrings(SharedData.requireDataDir().resolve("captions/captions.jsonl"));
    naiveCaptions = captions.subList(0, NAIVE_CAPTIONS);
    captionChars = totalChars(captions);
    naiveChars = totalChars(naiveCaptions);
    System.out.printf(
        "%n# metadata %s: %,d entries; captions: %,d with %,d chars (naive subset %d with %,d chars)%n",
        metadata.source(),
        metadata.size(),
        captions.size(),
        captionChars,
        naiveCaptions.size(),
        naiveChars);
    System.out.printf("# %s; serialized %,d bytes%n", matcher, serialized.length);
  }

  /** Per-thread scratch and the characters-processed counter JMH reports as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Characters scanned; JMH reports it per second. */
    public long chars;

    MatchBuffer buffer;
    int[][] acdatIds;

    @Setup(Level.Iteration)
    public void setUp() {
      chars = 0;
      buffer = MatchBuffer.create();
      acdatIds = new int[][] {new int[64]};
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long matcher(Counters counters) {
    long matches = 0;
    for (String caption : captions) {
      matches += matcher.matchEntryIds(caption, counters.buffer);
    }
    counters.chars += captionChars;
    return matches;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long acdat(Counters counters) {
    long matches = 0;
    for (String caption : captions) {
      matches += acdat.matchEntryIds(caption, counters.acdatIds);
    }
    counters.chars += captionChars;
    return matches;
  }

  /**
   * The contract read literally: {@code spaced(text).contains(" " + entry + " ")} for every entry.
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long naive(Counters counters) {
    long matches = 0;
    for (String caption : naiveCaptions) {
      String spaced = Spacing.spaced(caption);
      for (String entry : entries) {
        if (!entry.isEmpty() && spaced.contains(" " + entry + " ")) {
          matches++;
        }
      }
    }
    counters.chars += naiveChars;
    return matches;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 10)
  public SubstringMatcher compile() {
    return SubstringMatcher.compile(metadata);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 2)
  public AcdatBaseline acdatBuild() {
    return AcdatBaseline.build(metadata);
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 3)
  @Measurement(iterations = 10)
  public SubstringMatcher loadSerialized() throws IOException {
    return SubstringMatcher.readFrom(new ByteArrayInputStream(serialized));
  }

  private static long totalChars(List<String> texts) {
    return texts.stream().mapToLong(String::length).sum();
  }
}
