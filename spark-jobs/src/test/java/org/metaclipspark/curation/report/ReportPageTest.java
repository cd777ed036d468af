package org.metaclipspark.curation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.balance.SizeTable;

/** The page escapes everything that comes from the data and links only http(s) URLs. */
class ReportPageTest {
  private static ReportData data(String entry, String text, String url, String shard) {
    ReportData.EntryRow row = new ReportData.EntryRow(0, entry, 5, 3);
    return new ReportData(
        "/out/<b>",
        new long[] {5, 0, 1},
        new long[] {3, 0, 1},
        3L,
        "/out/curated/t3-seed0",
        Map.of(
            "totals",
            Map.of("shards", 1, "skipped", Map.of("record.<bad>", 2)),
            "per_shard",
            List.of(Map.of("shard", shard, "problems", List.of("bad <json> & more")))),
        Map.of("statistics", Map.of("distinct_pairs", 6)),
        Map.of("seed", 0, "row_counts", Map.of("curated", 4)),
        List.of(new SizeTable.Row(3, 0.25, 1, 4.0, 6)),
        List.of(row),
        List.of(
            new ReportData.EntrySample(
                "head", row, List.of(new ReportData.SamplePair(text, url)))));
  }

  @Test
  void hostileTextEntriesUrlsAndShardNamesAreEscaped() {
    String html =
        ReportPage.render(
            data(
                "<script>alert(1)</script>",
                "\"quoted\" & <i>tagged</i> 'text'",
                "https://x.example/a?b=1&c=\"><script>",
                "shard<1>.wat.gz"),
            List.<String[]>of(new String[] {"a.png", "chart \"one\""}),
            "now");
    assertFalse(html.contains("<script"), html);
    assertFalse(html.contains("<i>"), html);
    assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertTrue(html.contains("&quot;quoted&quot; &amp; &lt;i&gt;tagged&lt;/i&gt; &#39;text&#39;"));
    assertTrue(
        html.contains("<a href=\"https://x.example/a?b=1&amp;c=&quot;&gt;&lt;script&gt;\""), html);
    assertTrue(html.contains("shard&lt;1&gt;.wat.gz"));
    assertTrue(html.contains("record.&lt;bad&gt;"));
    assertTrue(html.contains("bad &lt;json&gt; &amp; more"));
    assertTrue(html.contains("alt=\"chart &quot;one&quot;\""));
    assertTrue(html.contains("<code>/out/&lt;b&gt;</code>"));
  }

  @Test
  void onlyHttpUrlsBecomeLinks() {
    String html =
        ReportPage.render(data("cat", "a cat", "javascript:alert(1)", "s"), List.of(), "now");
    assertFalse(html.contains("href=\"javascript"), html);
    assertTrue(html.contains("<td>javascript:alert(1)</td>"), html);
  }

  @Test
  void escapeMatchesANaiveReplaceOnRandomStrings() {
    Random random = new Random(10);
    String alphabet = "ab<>&\"' é\u00e9\uD83D\uDE00";
    for (int n = 0; n < 2000; n++) {
      StringBuilder s = new StringBuilder();
      for (int i = random.nextInt(12); i > 0; i--) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String input = s.toString();
      String naive =
          input
              .replace("&", "&amp;")
              .replace("<", "&lt;")
              .replace(">", "&gt;")
              .replace("\"", "&quot;")
              .replace("'", "&#39;");
      assertEquals(naive, ReportPage.escape(input), "input: " + input);
    }
  }
}
