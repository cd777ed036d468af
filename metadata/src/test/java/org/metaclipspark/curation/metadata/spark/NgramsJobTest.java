package org.metaclipspark.curation.metadata.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.compress.BZip2Codec;
import org.apache.hadoop.util.ReflectionUtils;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.metadata.SharedData;
import org.metaclipspark.curation.metadata.wiki.ArticleTokenizer;

class NgramsJobTest {
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("NgramsJobTest")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  static NgramsJob.Result run(List<String> dumps, Path out) throws IOException {
    return NgramsJob.run(
        spark, dumps, out, ArticleTokenizer.DEFAULT_ANALYZER, 1, Double.NEGATIVE_INFINITY);
  }

  static Map<String, Long> unigrams(Path dir) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("unigrams.tsv"))) {
      String[] f = line.split("\t", -1);
      assertEquals(2, f.length, line);
      assertNull(counts.put(f[0], Long.parseLong(f[1])), "duplicate token " + f[0]);
    }
    return counts;
  }

  static String decompressedSample() throws IOException {
    BZip2Codec codec = ReflectionUtils.newInstance(BZip2Codec.class, new Configuration());
    try (InputStream in =
        codec.createInputStream(
            Files.newInputStream(SharedData.file(WikiPageInputFormatTest.DUMP)))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** One page of the real sample, by title, as it stands in the dump. */
  static String samplePage(String title) throws IOException {
    Matcher m = Pattern.compile("<page>.*?</page>", Pattern.DOTALL).matcher(decompressedSample());
    while (m.find()) {
      if (m.group().contains("<title>" + title + "</title>")) {
        return m.group();
      }
    }
    throw new AssertionError("no page " + title + " in the sample");
  }

  static Path writeDump(Path dir, String name, String... pages) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "<mediawiki>\n" + String.join("\n", pages) + "\n</mediawiki>\n");
    return file;
  }

  static String page(String title, int ns, int id, String extra, String text) {
    return "  <page>\n    <title>"
        + title
        + "</title>\n    <ns>"
        + ns
        + "</ns>\n    <id>"
        + id
        + "</id>\n"
        + extra
        + "    <revision>\n      <id>1</id>\n      <text xml:space=\"preserve\">"
        + text
        + "</text>\n    </revision>\n  </page>";
  }

  @Test
  void realDumpSkipsRedirectsHasNoMarkupAndPmiFollowsFromTheCounts(@TempDir Path out)
      throws IOException {
    Path dump = SharedData.file(WikiPageInputFormatTest.DUMP);
    NgramsJob.Result r = run(List.of(dump.toString()), out);

    UnitReport.Summary report = r.report();
    assertEquals(206, report.get("pages.read"), report.counters().toString());
    // 100 redirects, one of them in namespace 4 ("Wikipedia:Adding Wikipedia articles to Nupedia")
    assertEquals(99, report.get("pages.redirect"), report.counters().toString());
    assertEquals(1, report.get("pages.other_namespace"));
    assertEquals(
        106,
        report.get("pages.article") + report.get("page.bad_wikitext"),
        report.problems().toString());

    Map<String, Long> unigrams = unigrams(out);
    // Redirect pages hold only "#REDIRECT [[Target]]"; none of their words is counted.
    assertFalse(unigrams.containsKey("REDIRECT"));
    long n = 0;
    for (Map.Entry<String, Long> e : unigrams.entrySet()) {
      String token = e.getKey();
      n += e.getValue();
      assertFalse(token.isEmpty());
      for (char c : "[]{}|<>=&;\"*#\t\n".toCharArray()) {
        assertTrue(token.indexOf(c) < 0, "markup char '" + c + "' in token '" + token + "'");
      }
      assertFalse(token.contains("''"), "bold/italic quotes in token '" + token + "'");
      assertFalse(token.matches("[0-9]+px"), "an image size leaked from a file link: " + token);
    }
    for (String leaked :
        List.of(
            "nbsp", "ndash", "mdash", "quot", "reflist", "Reflist", "px", "png", "jpg", "svg",
            "http")) {
      assertFalse(unigrams.containsKey(leaked), "markup word leaked as a token: " + leaked);
    }
    assertEquals(r.totalTokens(), n);
    assertEquals(report.get("tokens"), n);

    List<String> bigramLines = Files.readAllLines(out.resolve("bigrams.tsv"));
    assertEquals(r.bigrams(), bigramLines.size());
    long previousCount = Long.MAX_VALUE;
    String previousEntry = "";
    for (String line : bigramLines) {
      String[] f = line.split("\t", -1);
      long count = Long.parseLong(f[2]);
      double expected =
          Math.log((double) count * n / ((double) unigrams.get(f[0]) * unigrams.get(f[1])))
              / Math.log(2);
      assertEquals(expected, Double.parseDouble(f[3]), 1e-9, line);
      String entry = f[0] + " " + f[1];
      assertTrue(
          count < previousCount || (count == previousCount && entry.compareTo(previousEntry) > 0),
          "order: " + previousEntry + " then " + line);
      previousCount = count;
      previousEntry = entry;
    }
  }

  @Test
  void outputDoesNotDependOnSplitsOrShufflePartitions(@TempDir Path dir) throws IOException {
    Path dump = SharedData.file(WikiPageInputFormatTest.DUMP);
    String key = "mapreduce.input.fileinputformat.split.maxsize";
    Path oneSplit = dir.resolve("one");
    spark.sparkContext().hadoopConfiguration().setLong(key, 1L << 30);
    spark.conf().set("spark.sql.shuffle.partitions", "3");
    try {
      run(List.of(dump.toString()), oneSplit);
    } finally {
      spark.sparkContext().hadoopConfiguration().unset(key);
      spark.conf().set("spark.sql.shuffle.partitions", "4");
    }
    Path manySplits = dir.resolve("many");
    spark.sparkContext().hadoopConfiguration().setLong(key, 300_000); // six splits
    try {
      run(List.of(dump.toString()), manySplits);
    } finally {
      spark.sparkContext().hadoopConfiguration().unset(key);
    }
    for (String file : List.of("unigrams.tsv", "bigrams.tsv")) {
      assertEquals(
          Files.readString(oneSplit.resolve(file)),
          Files.readString(manySplits.resolve(file)),
          file + " differs between 1 split / 3 shuffle partitions and 6 splits / 4");
    }
  }

  @Test
  void countsOfOneRealArticleMatchAHandCount(@TempDir Path dir) throws IOException {
    Path dump = writeDump(dir, "one.xml", samplePage("Algorithms (journal)"));
    Path out = dir.resolve("out");
    NgramsJob.Result r = run(List.of(dump.toString()), out);
    assertEquals(1, r.report().get("pages.article"));
    Map<String, Long> u = unigrams(out);
    // Counted by hand in the visible text (the infobox, <ref>s, templates and categories are not):
    // "mathematics journal", "The journal is published", "The journal is abstracted", "another
    // journal"
    assertEquals(4, u.get("journal"));
    assertEquals(1, u.get("Algorithms")); // "'''''Algorithms''''' is a ..."; the infobox is dropped
    assertEquals(1, u.get("algorithms")); // "[[algorithm]]s"
    assertEquals(1, u.get("MDPI")); // "published by [[MDPI]]"; infobox and cite web dropped
    assertEquals(5, u.get("and"));
    assertEquals(4, u.get("is"));
    assertEquals(1, u.get("2008")); // "established in 2008"; the infobox's "2008-present" is not
    assertFalse(u.containsKey("Category"));
    assertFalse(u.containsKey("http"));
    Map<String, Long> bigrams = new HashMap<>();
    for (String line : Files.readAllLines(out.resolve("bigrams.tsv"))) {
      String[] f = line.split("\t");
      bigrams.put(f[0] + " " + f[1], Long.parseLong(f[2]));
    }
    assertEquals(2, bigrams.get("The journal"));
    assertEquals(1, bigrams.get("Kazuo Iwama"));
    assertEquals(1, bigrams.get("peer reviewed")); // [[Peer review|peer-reviewed]]
    assertNull(bigrams.get("Abstracting Service"), "no bigram across lines");
  }

  @Test
  void edgeCasePagesAreSkippedAndCountedWithTitleAndPosition(@TempDir Path dir) throws IOException {
    Path dump =
        writeDump(
            dir,
            "edge.xml",
            page("Good", 0, 1, "", "alpha beta {{t|{{nested|gamma}}}} alpha beta"),
            page("Talk:Good", 1, 2, "", "talkword talkword"),
            page("Old", 0, 3, "    <redirect title=\"Good\" />\n", "#REDIRECT [[Good]]"),
            page("Broken", 0, 4, "", "brokenword {{cite web|url=x never closed"),
            "  <page><title>Bad xml</title><ns>0<ns></page>",
            page(
                "Refs",
                0,
                5,
                "",
                "delta&lt;ref name=x/&gt; epsilon&lt;ref&gt;refword&lt;/ref&gt;"));
    Path out = dir.resolve("out");
    NgramsJob.Result r = run(List.of(dump.toString()), out);
    UnitReport.Summary report = r.report();
    assertEquals(6, report.get("pages.read"));
    assertEquals(2, report.get("pages.article"));
    assertEquals(1, report.get("pages.other_namespace"));
    assertEquals(1, report.get("pages.redirect"));
    assertEquals(1, report.get("page.bad_wikitext"));
    assertEquals(1, report.get("page.bad_xml"));
    String broken =
        report.problems().stream().filter(p -> p.contains("'Broken'")).findFirst().orElseThrow();
    assertTrue(broken.contains("(id 4)") && broken.contains("never closed"), broken);
    assertTrue(
        broken.contains("at char 11 of the wikitext") && broken.contains(dump.toString()), broken);
    assertTrue(broken.contains("at position "), broken);
    Map<String, Long> u = unigrams(out);
    assertEquals(Map.of("alpha", 2L, "beta", 2L, "delta", 1L, "epsilon", 1L), u);
  }

  @Test
  void aCutBz2DumpIsReportedAndTheJobCompletes(@TempDir Path dir) throws IOException {
    byte[] bytes = Files.readAllBytes(SharedData.file(WikiPageInputFormatTest.DUMP));
    Path cut = dir.resolve("cut.xml.bz2");
    Files.write(cut, Arrays.copyOf(bytes, 400_001));
    NgramsJob.Result r = run(List.of(cut.toString()), dir.resolve("out"));
    long damage =
        r.report().get("dump.corrupt")
            + r.report().get("page.truncated")
            + r.report().get("dump.truncated");
    assertTrue(damage >= 1, r.report().counters().toString());
    assertTrue(r.report().get("pages.read") > 0 && r.report().get("pages.read") < 206);
    assertTrue(
        r.report().problems().stream()
            .anyMatch(p -> p.contains(cut.toString()) && p.contains("offset")),
        r.report().problems().toString());
  }
}
