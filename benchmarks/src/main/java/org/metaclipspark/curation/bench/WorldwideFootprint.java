package org.metaclipspark.curation.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import org.metaclipspark.curation.bench.WorldwideVocabularyGenerator.Script;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.match.PaddedMatcher;
import org.metaclipspark.curation.metadata.Metadata;

/**
 * The per-key figures of worldwide mode at MetaCLIP 2's sizes ({@link
 * WorldwideVocabularyGenerator}): for a large key (413,346 entries) in each kind of script and for
 * a small key, the time to build its {@link PaddedMatcher}, its heap ({@code ramBytesUsed} and the
 * growth of used heap after full collections), its Java-serialized size (what a broadcast ships),
 * and the time from the serialized bytes to the first match (what an executor pays when it first
 * meets the key). Then the whole vocabulary of about 330 keys extrapolated from those figures. Run
 * with a large heap: {@code java -Xmx12g -cp benchmarks/target/benchmarks.jar
 * org.metaclipspark.curation.bench.WorldwideFootprint}.
 */
public final class WorldwideFootprint {

  /** MetaCLIP 2-like tiers: keys per tier and entries per key (33.8M entries in all). */
  private static final int[][] TIERS = {
    {40, WorldwideVocabularyGenerator.LARGE}, {80, 150_000}, {210, 25_000}
  };

  private WorldwideFootprint() {}

  private record Figures(
      Script script,
      int entries,
      double buildSeconds,
      long ram,
      long heap,
      long serialized,
      double firstMatchSeconds) {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        "%-10s %9s %8s %10s %10s %12s %12s%n",
        "script", "entries", "build s", "ram MiB", "heap MiB", "serial. MiB", "1st match s");
    Figures latin = null;
    Figures han = null;
    for (Script script : Script.values()) {
      Figures f = measure(script, WorldwideVocabularyGenerator.LARGE);
      latin = script == Script.LATIN ? f : latin;
      han = script == Script.HAN ? f : han;
    }
    Figures small = measure(Script.LATIN, 25_000);
    long entries = 0;
    double heapAllLatin = 0;
    double serializedAllLatin = 0;
    for (int[] tier : TIERS) {
      entries += (long) tier[0] * tier[1];
      heapAllLatin += (double) tier[0] * tier[1] * latin.heap() / latin.entries();
      serializedAllLatin += (double) tier[0] * tier[1] * latin.serialized() / latin.entries();
    }
    System.out.printf(
        "%nall keys (%d keys, %,d entries) at the Latin key's bytes per entry: heap %.1f GiB,"
            + " serialized %.1f GiB; a Han key holds %.1fx the Latin key's heap%n",
        TIERS[0][0] + TIERS[1][0] + TIERS[2][0],
        entries,
        heapAllLatin / (1 << 30),
        serializedAllLatin / (1 << 30),
        (double) han.heap() / latin.heap());
    System.out.printf("small key: %s%n", small);
  }

  private static Figures measure(Script script, int size) throws Exception {
    Metadata vocabulary =
        WorldwideVocabularyGenerator.generate(script, size, 330 + script.ordinal());
    List<String> texts = WorldwideVocabularyGenerator.texts(vocabulary, script, 100, 7);
    long before = usedHeapAfterGc();
    long start = System.nanoTime();
    PaddedMatcher matcher = PaddedMatcher.compile(vocabulary);
    double build = (System.nanoTime() - start) / 1e9;
    long heap = usedHeapAfterGc() - before;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(matcher);
    }
    start = System.nanoTime();
    PaddedMatcher loaded;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      loaded = (PaddedMatcher) in.readObject();
    }
    int matched = loaded.matchEntryIds(texts.get(0), MatchBuffer.create());
    double first = (System.nanoTime() - start) / 1e9;
    if (matched == 0) {
      throw new IllegalStateException("the first text should match: " + texts.get(0));
    }
    Figures f = new Figures(script, size, build, matcher.ramBytesUsed(), heap, bytes.size(), first);
    System.out.printf(
        "%-10s %,9d %8.1f %10.1f %10.1f %12.1f %12.2f%n",
        script, size, build, mib(f.ram()), mib(f.heap()), mib(f.serialized()), first);
    return f;
  }

  private static double mib(long bytes) {
    return bytes / 1048576.0;
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Keeps a value reachable so that a measurement does not see it collected. */
  static void keep(Object o) throws IOException {
    if (o == null) {
      throw new IOException("unreachable");
    }
  }
}
