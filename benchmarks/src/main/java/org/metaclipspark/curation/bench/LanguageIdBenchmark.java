package org.metaclipspark.curation.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.metaclipspark.curation.lid.LanguageIdModel;
import org.metaclipspark.curation.lid.LidBuffer;
import org.metaclipspark.curation.testsupport.SharedData;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Language-ID throughput of {@link LanguageIdModel} on one thread, in texts per second (the {@code
 * ·texts} rows), on the shared captions: the English ones ({@code captions/captions.jsonl}) and the
 * multilingual ones ({@code worldwide/captions.jsonl}). The baseline in the same run is the UTF-8
 * encoding of the same texts with {@code String.getBytes}, the least any labeller of Java strings
 * must do.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
public class LanguageIdBenchmark {

  /** Which captions: {@code captions} (English) or {@code worldwide} (multilingual). */
  @Param({"captions", "worldwide"})
  public String corpus;

  LanguageIdModel model;
  List<String> texts;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Path data = SharedData.requireDataDir();
    model = LanguageIdModel.load(data.resolve("lid/lid.176.ftz"));
    texts = new ArrayList<>(SharedData.readJsonStrings(data.resolve(corpus + "/captions.jsonl")));
    long chars = 0;
    for (String text : texts) {
      chars += text.length();
    }
    System.out.printf(
        "%n# %s: %,d texts, %,d chars (%.1f per text)%n",
        corpus, texts.size(), chars, chars / (double) texts.size());
  }

  /** Per-thread scratch and the texts-processed counter JMH reports as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    /** Texts labelled; JMH reports it per second. */
    public long texts;

    LidBuffer buffer;

    @Setup(Level.Iteration)
    public void setUp() {
      texts = 0;
      buffer = LidBuffer.create();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long top1(Counters counters) {
    long labels = 0;
    for (String text : texts) {
      model.predict(text, 1, counters.buffer);
      labels += counters.buffer.labelIndex(0);
    }
    counters.texts += texts.size();
    return labels;
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long top3(Counters counters) {
    long labels = 0;
    for (String text : texts) {
      labels += model.predict(text, 3, counters.buffer);
    }
    counters.texts += texts.size();
    return labels;
  }

  /** The baseline: the UTF-8 form of each text, which the model computes first. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public long utf8Baseline(Counters counters) {
    long bytes = 0;
    for (String text : texts) {
      bytes += text.getBytes(StandardCharsets.UTF_8).length;
    }
    counters.texts += texts.size();
    return bytes;
  }
}
