package org.metaclipspark.curation.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * Matcher throughput per CPU second of the scanning thread, on the shared 500k metadata and
 * captions: the figure to compare two builds with on a loaded machine, where JMH's wall-clock
 * throughput mostly measures the thread's share of the cores. It complements, not replaces, the JMH
 * benchmark. Uses only the matcher's public API, so {@code scripts/bench-matcher-ab.sh} can run it
 * against an older build by putting that build's jar first on the class path.
 *
 * <p>{@code MatcherCpuTime [PASSES]}: 5 warm-up passes over all captions, then {@code PASSES}
 * (default 40) measured ones; prints the median, min and max, and the total match count, which must
 * be equal for two builds that agree.
 */
public final class MatcherCpuTime {

  private MatcherCpuTime() {}

  public static void main(String[] args) throws IOException {
    int passes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    SubstringMatcher matcher =
        SubstringMatcher.compile(
            Metadata.load(SharedData.requireDataDir().resolve("vocab/metadata-500k.json")));
    List<String> captions =
        SharedData.readJsonStrings(SharedData.requireDataDir().resolve("captions/captions.jsonl"));
    long chars = captions.stream().mapToLong(String::length).sum();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MatchBuffer buffer = MatchBuffer.create();
    long matches = 0;
    double[] rates = new double[passes];
    for (int p = -5; p < passes; p++) {
      long start = threads.getCurrentThreadCpuTime();
      for (String caption : captions) {
        matches += matcher.matchEntryIds(caption, buffer);
      }
      long cpuNanos = threads.getCurrentThreadCpuTime() - start;
      if (p >= 0) {
        rates[p] = chars / (cpuNanos / 1e9);
      }
    }
    Arrays.sort(rates);
    System.out.printf(
        "cpu-time throughput: median %.1f M chars/CPU-s (min %.1f, max %.1f) over %d passes;"
            + " %,d matches%n",
        rates[passes / 2] / 1e6, rates[0] / 1e6, rates[passes - 1] / 1e6, passes, matches);
  }
}
