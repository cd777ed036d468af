package org.metaclipspark.curation.metadata.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.metadata.SharedData;

class TitlesJobTest {
  private static final String PAGEVIEWS = "wiki/pageviews-20240803-060000.gz";
  private static SparkSession spark;

  @BeforeAll
  static void startSpark() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("TitlesJobTest")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  static Path gzip(Path file, List<String> lines) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  static List<String> realLines() throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedData.file(PAGEVIEWS)))) {
      return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
  }

  /**
   * Rule 4 of the vocabulary build (docs/SEMANTICS.md) written out plainly, independent of
   * PageviewLine.
   */
  static Map<String, Long> naiveTitles(List<List<String>> files, long minViews) {
    Map<String, Long> sums = new TreeMap<>();
    for (List<String> file : files) {
      for (String line : file) {
        String[] f = line.split(" ", -1);
        if (f.length != 4 || !f[2].matches("[0-9]+")) {
          continue;
        }
        long views = Long.parseLong(f[2]);
        String title = f[1].replace('_', ' ');
        if (f[0].equals("en") && views / 50 > 0 && !title.contains(":")) {
          sums.merge(title, views, Long::sum);
        }
      }
    }
    Map<String, Long> kept = new TreeMap<>();
    sums.forEach(
        (t, v) -> {
          if (v >= minViews) {
            kept.put(t, v);
          }
        });
    return kept;
  }

  static Map<String, Long> readTsv(Path file) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t", -1);
      out.put(f[0], Long.parseLong(f[1]));
    }
    return out;
  }

  @Test
  void realPageviewsCountOnlyEnglishTitlesWith50ViewsAnHourAndNoColon(@TempDir Path dir)
      throws IOException {
    List<String> real = realLines();
    assertEquals(1000, real.size());
    // The real hour has no "en" line with 50 views; scaled by 60 (a file written here), many do,
    // and its Category:, User:, File: titles must then go.
    List<String> scaled = new ArrayList<>();
    for (String line : real) {
      String[] f = line.split(" ");
      scaled.add(f[0] + " " + f[1] + " " + Long.parseLong(f[2]) * 60 + " " + f[3]);
    }
    Path scaledFile = gzip(dir.resolve("pageviews-scaled.gz"), scaled);
    Path out = dir.resolve("titles.tsv");
    TitlesJob.Result r =
        TitlesJob.run(
            spark, List.of(SharedData.file(PAGEVIEWS).toString(), scaledFile.toString()), 70, out);

    Map<String, Long> expected = naiveTitles(List.of(real, scaled), 70);
    assertTrue(expected.size() > 50, "the scaled file must give titles: " + expected.size());
    assertEquals(expected, new TreeMap<>(readTsv(out)));
    assertEquals(expected.size(), r.titles());
    assertTrue(expected.keySet().stream().noneMatch(t -> t.contains(":") || t.contains("_")));

    UnitReport.Summary s = r.report();
    assertEquals(2000, s.get("lines.read"));
    long en = real.stream().filter(l -> l.startsWith("en ")).count();
    assertEquals(2 * (1000 - en), s.get("lines.other_domain"));
    assertEquals(0, s.get("lines.malformed"));
    assertEquals(
        2000,
        s.get("lines.counted")
            + s.get("lines.other_domain")
            + s.get("lines.under_50_views")
            + s.get("lines.title_with_colon"));
    assertTrue(s.get("lines.title_with_colon") > 0);
  }

  @Test
  void edgeCasesMalformedLinesAndANonGzipFileAreCountedWithFileAndLine(@TempDir Path dir)
      throws IOException {
    Path a =
        gzip(
            dir.resolve("a.gz"),
            List.of(
                "en Main_Page 50 0", // counted: 50 // 50 = 1
                "en Main_Page 49 0", // under 50 in this hour: not counted
                "en Special:Search 5000 0", // colon
                "en.m Main_Page 900 0", // other domain
                "de Main_Page 900 0", // other domain
                "en Just_Under 69 0", // counts (69 // 50 = 1), but 69 < 70 in all
                "en Two_Fields",
                "en Bad_Count -5 0",
                "en Bad_Count x 0",
                "en Too many fields 70 0"));
    Path b =
        gzip(
            dir.resolve("b.gz"),
            List.of("en Main_Page 30 0", "en Main_Page 20 0", "en Alpha 70 0"));
    Path notGzip = dir.resolve("c.gz");
    Files.writeString(notGzip, "en Plain_Text 500 0\n");
    List<String> cutLines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      cutLines.add("de Cut_" + i + " 10 0"); // none would count; the cut must not matter
    }
    byte[] whole = Files.readAllBytes(gzip(dir.resolve("full.gz"), cutLines));
    Path truncated = dir.resolve("d.gz");
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
    Path list = dir.resolve("files.txt");
    Files.writeString(list, "a.gz\n# a comment\nb.gz\n");

    Path out = dir.resolve("titles.tsv");
    TitlesJob.Result r =
        TitlesJob.run(
            spark, List.of(list.toString(), notGzip.toString(), truncated.toString()), 70, out);
    // Main_Page: 50 (a) only, since b's 30 and 20 are each under 50 an hour; Alpha 70.
    assertEquals(Map.of("Alpha", 70L), readTsv(out));
    UnitReport.Summary s = r.report();
    assertEquals(4, s.get("lines.malformed"), s.counters().toString());
    assertEquals(1, s.get("file.not_gzip"));
    assertEquals(1, s.get("file.truncated"));
    assertEquals(1, s.get("lines.title_with_colon"));
    // a.gz: en.m and de; d.gz: the lines read before the cut, all "de".
    long readBeforeCut = s.get("lines.read") - 10 - 3;
    assertTrue(
        readBeforeCut > 0 && readBeforeCut < 20_000, "lines before the cut: " + readBeforeCut);
    assertEquals(2 + readBeforeCut, s.get("lines.other_domain"));
    assertEquals(3, s.get("lines.under_50_views")); // 49 (a), 30 and 20 (b)
    assertEquals(3, s.get("lines.counted")); // Main_Page 50, Just_Under 69 (a), Alpha 70 (b)
    String notGzipProblem =
        s.problems().stream().filter(p -> p.contains("is not gzip")).findFirst().orElseThrow();
    assertTrue(notGzipProblem.contains(notGzip.toString()), notGzipProblem);
    assertTrue(
        s.problems().stream().anyMatch(p -> p.contains(a.toString() + ": line 7:")),
        s.problems().toString());
    assertTrue(
        s.problems().stream()
            .anyMatch(p -> p.contains(truncated.toString()) && p.contains("truncated")),
        s.problems().toString());
  }
}
