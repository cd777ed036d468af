package org.metaclipspark.curation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.cli.Main;

/**
 * The report of the embedded default, written by {@code curate} and rewritten by {@code report}
 * from the outputs alone; its charts decode, are not blank and load in headless Chromium.
 */
@Tag("spark")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportJobTest {
  private Path out;
  private Path page;

  @BeforeAll
  void curateTheBundledDefault(@TempDir Path dir) {
    out = dir;
    int exit =
        Main.run(
            "curate",
            "--conf",
            "../conf/local.json",
            "--input",
            "../samples/wat",
            "--vocab",
            "../samples/vocab/wordnet31-synsets.json",
            "--out",
            out.toString(),
            "--master",
            "local[2]");
    assertEquals(0, exit);
    page = out.resolve("report/index.html");
  }

  @Test
  void curateWritesThePageWithEverySection() throws IOException {
    String html = Files.readString(page);
    for (String part :
        List.of(
            "<h2>Summary</h2>",
            "<h2>Head entries</h2>",
            "<h2>Size against t</h2>",
            "<h2>Sample pairs</h2>",
            "<h2>Pass 1 accounting</h2>",
            "<th>entries with zero matches</th>",
            "record.bad_json",
            "record.truncated",
            "<h3>head entry",
            "<h3>tail entry",
            "<a href=\"http")) {
      assertTrue(html.contains(part), "the page lacks " + part);
    }
    // nothing on the page comes from the network: the only URLs are the sample links
    assertFalse(html.matches("(?s).*src=\"[^\"]*:.*"), "an image from elsewhere");
    assertFalse(html.contains("<script"), "the page needs no script");
    assertFalse(html.contains("<link"), "the page needs no stylesheet");
    assertEquals(
        List.of(ReportJob.ENTRY_COUNTS_PNG, ReportJob.SIZES_PNG, ReportJob.P_OF_T_PNG),
        ReportChecks.charts(page));
    for (String chart : ReportChecks.charts(page)) {
      ReportChecks.assertNotBlank(
          page.resolveSibling(chart), ReportCharts.WIDTH, ReportCharts.HEIGHT);
    }
    try (var files = Files.list(page.getParent())) {
      assertTrue(
          files.noneMatch(f -> f.getFileName().toString().endsWith(".crc")), "no .crc files");
    }
  }

  @Test
  void theSummaryHoldsTheFiguresOfTheManifests() throws IOException {
    String html = Files.readString(page);
    // The bundled default: 3 shards, 185 records, 121 distinct pairs, t = 3, 116 curated pairs.
    for (String row :
        List.of(
            "<tr><th>shards</th><td class=\"n\">3</td></tr>",
            "<tr><th>records read</th><td class=\"n\">185</td></tr>",
            "<tr><th>distinct pairs</th><td class=\"n\">121</td></tr>",
            "<tr><th>t</th><td class=\"n\">3</td></tr>",
            "<tr><th>curated pairs</th><td class=\"n\">116</td></tr>")) {
      assertTrue(html.contains(row), "the summary lacks " + row);
    }
  }

  @Test
  void reportRewritesThePageFromTheOutputsAlone() throws IOException {
    Path copy = out.resolve("report-before.html");
    Files.copy(page, copy);
    Files.delete(page);
    Files.delete(page.resolveSibling(ReportJob.SIZES_PNG));
    assertEquals(
        0, Main.run("report", "--out", out.toString(), "--master", "local[1]", "--t", "3"));
    assertTrue(Files.isRegularFile(page.resolveSibling(ReportJob.SIZES_PNG)));
    String stamp = "written [0-9T:Z-]+ from";
    assertEquals(
        Files.readString(copy).replaceAll(stamp, ""), Files.readString(page).replaceAll(stamp, ""));
  }

  @Test
  void everyChartLoadsInHeadlessChromium() throws Exception {
    Path shot = ReportChecks.assertRendersInChromium(page, "bundled-default");
    assertTrue(Files.size(shot) > 10_000, shot.toString());
  }
}
