package org.metaclipspark.curation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.testsupport.SharedData;
import picocli.CommandLine;

class MetadataCommandTest {
  private static final String DUMP =
      "wiki/enwiki-latest-pages-articles1.xml-p000000010p000030302-shortened.bz2";
  private static final String PAGEVIEWS = "wiki/pageviews-20240803-060000.gz";

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** A small WordNet dict: three synsets and one damaged line. */
  private static Path smallDict(Path dir) throws IOException {
    Path dict = Files.createDirectories(dir.resolve("dict"));
    Files.write(
        dict.resolve("data.noun"),
        List.of(
            "  1 This software and database is being provided to you, the LICENSEE, by",
            "00001740 03 n 01 entity 0 003 ~ 00001930 n 0000 | that which is perceived",
            "00002137 03 n 02 Anarchism 0 anarchy 0 000 | a political theory",
            "00002452 03 n 01"));
    Files.write(dict.resolve("data.verb"), List.of("00001740 29 v 01 breathe 0 000 | draw air"));
    Files.write(dict.resolve("data.adj"), List.of());
    Files.write(dict.resolve("data.adv"), List.of());
    return dict;
  }

  @Test
  void wordnetWritesTheNamesAndReportsTheDamagedLine(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("wordnet.json");
    Run r =
        run("metadata", "wordnet", "--dict", smallDict(dir).toString(), "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        List.of("entity", "anarchism", "breathe"),
        List.of(new ObjectMapper().readValue(out.toFile(), String[].class)));
    assertTrue(r.out().contains("damaged lines skipped  1"), r.out());
    assertTrue(r.out().contains("data.noun: line 4 (byte offset "), r.out());
  }

  @Test
  void buildMergesTheFourSourcesAndWritesAReport(@TempDir Path dir) throws IOException {
    Path dump = SharedData.file(DUMP); // or a skipped test naming the file
    Path pageviews = SharedData.file(PAGEVIEWS);
    Path views = dir.resolve("pageviews-test.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(views))) {
      o.write(
          "en Anarchism 700 0\nen Main_Page 90 0\nen Talk:Anarchism 900 0\nen Alien_(film) 80 0\n"
              .getBytes(StandardCharsets.UTF_8));
    }
    Path notGzip = dir.resolve("pageviews-broken.gz");
    Files.writeString(notGzip, "en Plain 100 0\n");
    Path out = dir.resolve("metadata.json");
    Run r =
        run(
            "metadata",
            "build",
            "--wordnet",
            smallDict(dir).toString(),
            "--wiki",
            dump.toString(),
            "--pageviews",
            pageviews + "," + views + "," + notGzip,
            "--out",
            out.toString(),
            "--min-unigram",
            "50",
            "--min-pmi",
            "16",
            "--max-entries",
            "200000",
            "--master",
            "local[2]",
            "--set",
            "spark.shufflePartitions=4");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("metaclip-spark metadata build: "), r.out());

    List<String> entries = List.of(new ObjectMapper().readValue(out.toFile(), String[].class));
    for (int i = 0; i < 100; i++) {
      assertEquals(Integer.toString(i), entries.get(i));
    }
    assertEquals(List.of("entity", "anarchism", "breathe"), entries.subList(100, 103));
    Set<String> distinct = new HashSet<>(entries);
    assertEquals(entries.size(), distinct.size());
    assertTrue(entries.contains("Anarchism") && entries.contains("Alien (film)"));
    assertTrue(entries.contains("Main Page") && !entries.contains("Talk:Anarchism"));
    assertTrue(entries.size() <= 200_000);
    System.out.println(r.out());

    JsonNode report = new ObjectMapper().readTree(dir.resolve("metadata.report.json").toFile());
    assertEquals(entries.size(), report.get("entries").asInt());
    List<String> names = List.of("numbers", "wordnet", "unigrams", "bigrams", "titles");
    for (int s = 0; s < names.size(); s++) {
      JsonNode source = report.get("sources").get(s);
      assertEquals(names.get(s), source.get("source").asText());
      long dropped = 0;
      for (JsonNode n : source.get("dropped")) {
        dropped += n.asLong();
      }
      assertEquals(
          source.get("offered").asLong(), source.get("kept").asLong() + dropped, names.get(s));
    }
    assertTrue(report.get("sources").get(2).get("duplicatesOf").size() > 0, "unigrams overlap");
    JsonNode inputs = report.get("inputs");
    assertEquals(1, inputs.get("wordnet").get("damagedLinesSkipped").asInt());
    assertEquals(99, inputs.get("wiki").get("counters").get("pages.redirect").asInt());
    assertEquals(1, inputs.get("pageviews").get("counters").get("file.not_gzip").asInt());
    assertTrue(
        inputs.get("pageviews").get("problems").get(0).asText().contains(notGzip.toString()));
    assertTrue(Files.isRegularFile(dir.resolve("metadata.sources/ngrams/unigrams.tsv")));
    assertTrue(Files.isRegularFile(dir.resolve("metadata.sources/titles.tsv")));
  }
}
