package org.metaclipspark.curation.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import org.metaclipspark.curation.match.SubstringMatcher;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * Prints the memory and size figures of the matcher on the shared 500k metadata next to ACDAT's:
 * {@code ramBytesUsed()}, the size of the binary and Java-serialized forms, and the retained heap
 * measured as the growth of used heap after full collections. Run by {@code
 * scripts/bench-matcher.sh}.
 */
public final class MatcherFootprint {

  private MatcherFootprint() {}

  public static void main(String[] args) throws IOException {
    Metadata metadata =
        Metadata.load(SharedData.requireDataDir().resolve("vocab/metadata-500k.json"));
    System.out.printf(
        "metadata %s: %,d entries, %,d duplicates, %,d empty, sha256 %s%n",
        metadata.source(),
        metadata.size(),
        metadata.duplicateCount(),
        metadata.emptyCount(),
        metadata.sha256());

    long before = usedHeapAfterGc();
    SubstringMatcher matcher = SubstringMatcher.compile(metadata);
    long matcherHeap = usedHeapAfterGc() - before;
    CountingStream binary = new CountingStream();
    matcher.writeTo(binary);
    ByteArrayOutputStream javaForm = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(javaForm)) {
      out.writeObject(matcher);
    }
    System.out.printf("%s%n", matcher);
    System.out.printf(
        "SubstringMatcher: ramBytesUsed %s, measured heap %s, binary form %s, Java-serialized %s%n",
        mib(matcher.ramBytesUsed()), mib(matcherHeap), mib(binary.count), mib(javaForm.size()));

    before = usedHeapAfterGc();
    AcdatBaseline acdat = AcdatBaseline.build(metadata);
    long acdatHeap = usedHeapAfterGc() - before;
    System.out.printf("ACDAT 1.2.3: measured heap %s%n", mib(acdatHeap));
    // Both stay reachable up to here, so neither measurement saw the other collected.
    System.out.printf(
        "still reachable: %d entries, %s%n",
        matcher.entryCount(), acdat.getClass().getSimpleName());
  }

  private static long usedHeapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static String mib(long bytes) {
    return String.format("%,d bytes (%.1f MiB)", bytes, bytes / 1048576.0);
  }

  /** Counts bytes without keeping them. */
  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
