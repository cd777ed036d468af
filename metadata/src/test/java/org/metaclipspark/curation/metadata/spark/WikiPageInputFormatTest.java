package org.metaclipspark.curation.metadata.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.util.ReflectionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.metadata.SharedData;

class WikiPageInputFormatTest {
  static final String DUMP =
      "wiki/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2";
  private static final Pattern PAGE_ID = Pattern.compile("<ns>[^<]*</ns>\\s*<id>([0-9]+)</id>");

  /** Page ids (or "PROBLEM reason") of every split of {@code file} cut at {@code splitSize}. */
  static List<String> read(Path file, long splitSize) throws IOException {
    return read(file, splitSize, new Configuration(false));
  }

  static List<String> read(Path file, long splitSize, Configuration conf) throws IOException {
    conf.set("io.compression.codecs", BZip2Codec.class.getName());
    TaskAttemptContext context = new TaskAttemptContextImpl(conf, new TaskAttemptID());
    long length = Files.size(file);
    List<String> out = new ArrayList<>();
    for (long start = 0; start < length; start += splitSize) {
      FileSplit split =
          new FileSplit(
              new org.apache.hadoop.fs.Path(file.toUri()),
              start,
              Math.min(splitSize, length - start),
              new String[0]);
      try (WikiPageInputFormat.PageReader reader = new WikiPageInputFormat.PageReader()) {
        reader.initialize(split, context);
        while (reader.nextKeyValue()) {
          String value = reader.getCurrentValue().toString();
          if (value.charAt(0) == WikiPageInputFormat.PROBLEM_MARK) {
            out.add("PROBLEM " + value.substring(1));
          } else {
            Matcher m = PAGE_ID.matcher(value);
            assertTrue(m.find(), value.substring(0, Math.min(200, value.length())));
            assertTrue(value.startsWith("<page>") && value.endsWith("</page>"));
            out.add(m.group(1));
          }
        }
      }
    }
    return out;
  }

  @Test
  void everySplittingOfTheBz2DumpReadsEachPageExactlyOnce() throws IOException {
    Path dump = SharedData.file(DUMP);
    List<String> whole = read(dump, Long.MAX_VALUE / 2);
    assertEquals(206, whole.size(), "the sample holds 206 pages");
    assertEquals(206, whole.stream().distinct().count());
    for (long splitSize : new long[] {65_536, 333_333}) {
      assertEquals(whole, read(dump, splitSize), "split size " + splitSize);
    }
  }

  @Test
  void everySplittingOfThePlainXmlDumpReadsEachPageExactlyOnce(@TempDir Path dir)
      throws IOException {
    Path xml = dir.resolve("dump.xml");
    try (InputStream in =
        ReflectionUtils.newInstance(BZip2Codec.class, new Configuration())
            .createInputStream(Files.newInputStream(SharedData.file(DUMP)))) {
      Files.copy(in, xml);
    }
    List<String> whole = read(xml, Long.MAX_VALUE / 2);
    assertEquals(206, whole.size());
    for (long splitSize : new long[] {65_536, 1_000_003}) {
      assertEquals(whole, read(xml, splitSize), "split size " + splitSize);
    }
    // Pages over the size limit are skipped and reported, and reading goes on after each.
    Configuration small = new Configuration(false);
    small.setInt(WikiPageInputFormat.MAX_PAGE_BYTES_KEY, 100_000);
    List<String> limited = read(xml, 1_000_003, small);
    List<String> tooLarge =
        limited.stream().filter(p -> p.startsWith("PROBLEM page.too_large")).toList();
    String text = new String(Files.readAllBytes(xml), java.nio.charset.StandardCharsets.UTF_8);
    Matcher page = Pattern.compile("<page>.*?</page>", Pattern.DOTALL).matcher(text);
    long over = 0;
    while (page.find()) {
      over +=
          page.group().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 100_000 ? 1 : 0;
    }
    assertEquals(21, over, "the sample has 21 pages over 100 kB");
    assertEquals(over, tooLarge.size());
    assertTrue(tooLarge.get(0).contains("at byte offset"), tooLarge.get(0));
    assertEquals(206, limited.size(), "each page is either read or reported");
    // Cut inside a page: the pages before it are read, the cut page is reported.
    byte[] bytes = Files.readAllBytes(xml);
    Path cut = dir.resolve("cut.xml");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    List<String> pages = read(cut, 1 << 20);
    String last = pages.get(pages.size() - 1);
    assertTrue(last.startsWith("PROBLEM page.truncated\tthe dump ends inside a page"), last);
    assertTrue(
        last.contains(cut.getFileName().toString()) && last.contains("at byte offset"), last);
    assertEquals(whole.subList(0, pages.size() - 1), pages.subList(0, pages.size() - 1));
  }

  @Test
  void aBz2DumpCutAtSeveralOffsetsIsReportedNotThrownAndKeepsThePagesBefore(@TempDir Path dir)
      throws IOException {
    byte[] bytes = Files.readAllBytes(SharedData.file(DUMP));
    List<String> whole = read(SharedData.file(DUMP), Long.MAX_VALUE / 2);
    for (int cutAt : new int[] {100, 777_777, bytes.length - 40}) {
      Path cut = dir.resolve("cut-" + cutAt + ".xml.bz2");
      Files.write(cut, Arrays.copyOf(bytes, cutAt));
      for (long splitSize : new long[] {Long.MAX_VALUE / 2, 300_000}) {
        List<String> pages = read(cut, splitSize);
        List<String> problems = pages.stream().filter(p -> p.startsWith("PROBLEM")).toList();
        assertFalse(problems.isEmpty(), "cut at " + cutAt + ": a problem must be reported");
        for (String p : problems) {
          assertTrue(p.contains(cut.toString()) && p.contains("offset"), p);
        }
        List<String> ids = pages.stream().filter(p -> !p.startsWith("PROBLEM")).toList();
        assertEquals(whole.subList(0, ids.size()), ids, "cut at " + cutAt + ", split " + splitSize);
        assertTrue(ids.size() < whole.size(), "cut at " + cutAt);
      }
    }
    // Cut inside the stream trailer (end-of-stream marker and CRC): no page is lost.
    Path trailer = dir.resolve("trailer.xml.bz2");
    Files.write(trailer, Arrays.copyOf(bytes, bytes.length - 3));
    assertEquals(whole, read(trailer, Long.MAX_VALUE / 2));
  }
}
