package org.metaclipspark.curation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    Map<?, ?> totals = (Map<?, ?>) manifest("matches").get("totals");
    Map<?, ?> counts = (Map<?, ?>) manifest("entry_counts").get("statistics");
    Map<?, ?> curated = manifest("curated/t3-seed0");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("shards", totals.get("shards"));
    expected.put("records read", totals.get("records"));
    expected.put("records skipped", totals.get("records_skipped"));
    expected.put("matched pairs", totals.get("pairs_matched"));
    expected.put("distinct pairs", counts.get("distinct_pairs"));
    expected.put("entries with count &gt; 0", counts.get("entries_with_count_above_zero"));
    expected.put("t", curated.get("t"));
    expected.put("curated pairs", ((Map<?, ?>) curated.get("row_counts")).get("curated"));
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      String row =
          String.format(
              Locale.ROOT,
              "<tr><th>%s</th><td class=\"n\">%,d</td></tr>",
              e.getKey(),
              ((Number) e.getValue()).longValue());
      assertTrue(html.contains(row), "the summary lacks " + row);
    }
  }

  private Map<?, ?> manifest(String dir) throws IOException {
    return new ObjectMapper()
        .readValue(out.resolve(dir).resolve("_manifest.json").toFile(), Map.class);
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
  void noReportLeavesThePageAsItWas() throws IOException {
    String before = Files.readString(page);
    assertEquals(
        0,
        Main.run(
            "balance", "--out", out.toString(), "--master", "local[1]", "--t", "5", "--no-report"));
    assertTrue(Files.isRegularFile(out.resolve("curated/t5-seed0/_manifest.json")));
    assertEquals(before, Files.readString(page), "the page was rewritten");
  }

  @Test
  void everyChartLoadsInHeadlessChromium() throws Exception {
    Path shot = ReportChecks.assertRendersInChromium(page, "bundled-default");
    assertTrue(Files.size(shot) > 10_000, shot.toString());
  }
}
