package org.metaclipspark.curation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.metaclipspark.curation.balance.SizeTable;

/**
 * Writes the report as one HTML page: inline CSS, no script, no network; the charts are PNG files
 * beside it. Every value from the data (entries, texts, URLs, shard names, messages) goes through
 * {@link #escape}, and only {@code http(s)} URLs become links.
 */
final class ReportPage {
  /** Per-shard rows shown; a crawl's other shards are in matches/_manifest.json. */
  static final int MAX_SHARD_ROWS = 50;

  private static final int MAX_PROBLEMS = 20;

  private final StringBuilder html = new StringBuilder(1 << 16);

  private ReportPage() {}

  /** The page for {@code data}; {@code charts} are the chart file names beside it, with titles. */
  static String render(ReportData data, List<String[]> charts, String generatedAt) {
    ReportPage p = new ReportPage();
    p.page(data, charts, generatedAt);
    return p.html.toString();
  }

  private void page(ReportData d, List<String[]> charts, String generatedAt) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>metaclip-spark report: ")
        .append(escape(d.outputDir()))
        .append("</title>\n<style>\n")
        .append("body{font-family:sans-serif;margin:2em auto;max-width:1000px;color:#222}\n")
        .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}\n")
        .append("th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}\n")
        .append("td.n{text-align:right;font-variant-numeric:tabular-nums}\n")
        .append("th{background:#f2f2f2}\nimg{max-width:100%;height:auto;border:1px solid #ddd}\n")
        .append("h2{border-bottom:1px solid #ddd;padding-bottom:0.2em;margin-top:1.6em}\n")
        .append(".note{color:#666;font-size:0.9em}\n")
        .append("</style>\n</head>\n<body>\n");
    html.append("<h1>metaclip-spark curation report</h1>\n<p class=\"note\">Output ")
        .append(code(d.outputDir()))
        .append(", written ")
        .append(escape(generatedAt))
        .append(" from the outputs alone; rewrite it with <code>scripts/metaclip-spark report")
        .append(" --out ")
        .append(escape(d.outputDir()))
        .append("</code>.</p>\n");
    summary(d);
    html.append("<h2>Charts</h2>\n");
    for (String[] chart : charts) {
      html.append("<figure><img src=\"")
          .append(escape(chart[0]))
          .append("\" alt=\"")
          .append(escape(chart[1]))
          .append("\" width=\"")
          .append(ReportCharts.WIDTH)
          .append("\" height=\"")
          .append(ReportCharts.HEIGHT)
          .append("\"><figcaption class=\"note\">")
          .append(escape(chart[1]))
          .append("</figcaption></figure>\n");
    }
    if (charts.isEmpty()) {
      html.append("<p>No entry matched, so there is nothing to chart.</p>\n");
    }
    head(d);
    sizes(d);
    samples(d);
    passOne(d);
    html.append("</body>\n</html>\n");
  }

  private void summary(ReportData d) {
    html.append("<h2>Summary</h2>\n<table>\n");
    Map<String, Object> totals = map(d.matchManifest(), "totals");
    if (totals != null) {
      row("shards", totals.get("shards"));
      row("records read", totals.get("records"));
      row("records skipped", totals.get("records_skipped"));
      row("image links", totals.get("image_links"));
      row("pairs", totals.get("pairs"));
      row("matched pairs", totals.get("pairs_matched"));
    }
    Map<String, Object> stats = map(d.countManifest(), "statistics");
    if (stats != null) {
      row("distinct pairs", stats.get("distinct_pairs"));
    }
    row("entries (metadata)", d.entryCount().length);
    row("entries with count &gt; 0", d.entryCount().length - d.zeroEntries(), true);
    row("entries with zero matches", d.zeroEntries());
    if (d.t() != null) {
      row("t", d.t());
      row("head entries (entryCount &ge; t)", d.headEntries(), true);
      d.sizes().stream()
          .filter(r -> r.t() == d.t())
          .findFirst()
          .ifPresent(
              r -> {
                html.append("<tr><th>p(t)</th><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.4f", r.pOfT()))
                    .append("</td></tr>\n");
                html.append("<tr><th>expected curated pairs at t</th><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%,.1f", r.expectedCuratedPairs()))
                    .append("</td></tr>\n");
              });
    }
    if (d.curatedManifest() != null) {
      row("seed", d.curatedManifest().get("seed"));
      Map<String, Object> rowCounts = map(d.curatedManifest(), "row_counts");
      row("curated pairs", rowCounts == null ? null : rowCounts.get("curated"));
      html.append("<tr><th>curated output</th><td>")
          .append(code(d.curatedDir()))
          .append("</td></tr>\n");
    } else {
      html.append("<tr><th>curated output</th><td>none for these counts yet; run")
          .append(" <code>balance</code></td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void head(ReportData d) {
    html.append("<h2>Head entries</h2>\n<p>The ")
        .append(d.head().size())
        .append(" entries with the most matches")
        .append(d.kept() == null ? "" : ", and how many of their pairs were kept")
        .append(". ")
        .append(String.format(Locale.ROOT, "%,d", d.zeroEntries()))
        .append(" of ")
        .append(String.format(Locale.ROOT, "%,d", d.entryCount().length))
        .append(" entries have zero matches.</p>\n<table>\n<tr><th>rank</th><th>entry_id</th>")
        .append("<th>entry</th><th>entryCount</th>");
    if (d.kept() != null) {
      html.append("<th>curated</th><th>curated / t</th>");
    }
    html.append("</tr>\n");
    int rank = 0;
    for (ReportData.EntryRow e : d.head()) {
      html.append("<tr><td class=\"n\">")
          .append(++rank)
          .append("</td><td class=\"n\">")
          .append(e.entryId())
          .append("</td><td>")
          .append(escape(e.entry()))
          .append("</td>")
          .append(number(e.entryCount()));
      if (d.kept() != null) {
        html.append(number(e.kept()))
            .append("<td class=\"n\">")
            .append(
                d.t() == null ? "" : String.format(Locale.ROOT, "%.3f", (double) e.kept() / d.t()))
            .append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private void sizes(ReportData d) {
    if (d.sizes().isEmpty()) {
      return;
    }
    html.append("<h2>Size against t</h2>\n<p>Expected curated pairs")
        .append(" (sum over distinct pairs of 1 &minus; &prod;(1 &minus; t / max(entryCount, t))),")
        .append(" p(t) and head entries for a grid of t, from one scan of distinct_pairs.</p>\n")
        .append("<table>\n<tr><th>t</th><th>p(t)</th><th>head entries</th>")
        .append("<th>expected curated pairs</th></tr>\n");
    for (SizeTable.Row r : d.sizes()) {
      boolean marked = d.t() != null && r.t() == d.t();
      html.append(marked ? "<tr style=\"font-weight:bold\">" : "<tr>")
          .append(number(r.t()))
          .append("<td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.4f", r.pOfT()))
          .append("</td>")
          .append(number(r.headEntries()))
          .append("<td class=\"n\">")
          .append(String.format(Locale.ROOT, "%,.1f", r.expectedCuratedPairs()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void samples(ReportData d) {
    html.append("<h2>Sample pairs</h2>\n<p>Up to five ")
        .append(d.kept() == null ? "distinct (not yet balanced)" : "curated")
        .append(" pairs of a few head and a few tail entries, chosen by a hash of (uuid, text).")
        .append("</p>\n");
    for (ReportData.EntrySample s : d.samples()) {
      html.append("<h3>")
          .append(s.group())
          .append(" entry ")
          .append(s.entry().entryId())
          .append(": &ldquo;")
          .append(escape(s.entry().entry()))
          .append("&rdquo; <span class=\"note\">(entryCount ")
          .append(String.format(Locale.ROOT, "%,d", s.entry().entryCount()));
      if (s.entry().kept() >= 0) {
        html.append(", curated ").append(String.format(Locale.ROOT, "%,d", s.entry().kept()));
      }
      html.append(")</span></h3>\n<table>\n<tr><th>text</th><th>image</th></tr>\n");
      for (ReportData.SamplePair p : s.pairs()) {
        html.append("<tr><td>").append(escape(p.text())).append("</td><td>");
        String url = p.url() == null ? "" : p.url();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
          html.append("<a href=\"")
              .append(escape(url))
              .append("\" rel=\"noreferrer noopener\">")
              .append(escape(abbreviate(url)))
              .append("</a>");
        } else {
          html.append(escape(url));
        }
        html.append("</td></tr>\n");
      }
      html.append("</table>\n");
    }
  }

  private void passOne(ReportData d) {
    html.append("<h2>Pass 1 accounting</h2>\n");
    Map<String, Object> totals = map(d.matchManifest(), "totals");
    if (totals == null) {
      html.append("<p>No matches/_manifest.json.</p>\n");
      return;
    }
    Map<String, Object> skipped = map(totals, "skipped");
    html.append("<p>Skipped, by reason (record.*: whole records; json.*, link.*, text.*: parts of")
        .append(
            " records; img.*: img tags of WARC pages without a src; shard.*: whole shards).</p>")
        .append("\n<table>\n<tr><th>reason</th>")
        .append("<th>count</th></tr>\n");
    if (skipped == null || skipped.isEmpty()) {
      html.append("<tr><td colspan=\"2\">nothing was skipped</td></tr>\n");
    } else {
      skipped.forEach(
          (k, v) ->
              html.append("<tr><td>")
                  .append(escape(k))
                  .append("</td>")
                  .append(number(v))
                  .append("</tr>\n"));
    }
    html.append("</table>\n");
    List<Map<String, Object>> shards = list(d.matchManifest().get("per_shard"));
    TreeMap<String, Long> kinds = new TreeMap<>();
    for (Map<String, Object> s : shards) {
      Object kind = s.get("input_kind");
      kinds.merge(kind == null ? "wat" : String.valueOf(kind), 1L, Long::sum);
    }
    html.append("<p>Input kinds (told by each shard's content): ");
    StringBuilder kindList = new StringBuilder();
    kinds.forEach(
        (k, v) ->
            kindList
                .append(kindList.length() == 0 ? "" : ", ")
                .append(escape(k))
                .append(' ')
                .append(String.format("%,d", v)));
    html.append(kindList.length() == 0 ? "none" : kindList).append(" shards.</p>\n");
    List<Map<String, Object>> shown = new ArrayList<>(shards);
    // For a crawl, the shards with the most skips are the ones worth a look.
    shown.sort((a, b) -> Long.compare(skips(b), skips(a)));
    shown = shown.subList(0, Math.min(MAX_SHARD_ROWS, shown.size()));
    html.append("<p>")
        .append(
            shards.size() <= MAX_SHARD_ROWS
                ? "Every shard"
                : "The " + MAX_SHARD_ROWS + " of " + shards.size() + " shards with the most skips")
        .append(":</p>\n<table>\n<tr><th>shard</th><th>kind</th><th>records</th>")
        .append("<th>image links</th>")
        .append("<th>pairs</th><th>matched</th><th>skipped</th></tr>\n");
    for (Map<String, Object> s : shown) {
      html.append("<tr><td>")
          .append(escape(String.valueOf(s.get("shard"))))
          .append("</td><td>")
          .append(escape(String.valueOf(s.getOrDefault("input_kind", "wat"))))
          .append("</td>")
          .append(number(s.get("records")))
          .append(number(s.get("image_links")))
          .append(number(s.get("pairs")))
          .append(number(s.get("pairs_matched")))
          .append(number(skips(s)))
          .append("</tr>\n");
    }
    html.append("</table>\n");
    List<String> problems = new ArrayList<>();
    for (Map<String, Object> s : shards) {
      Object p = s.get("problems");
      if (p instanceof List<?> l) {
        for (Object m : l) {
          if (problems.size() < MAX_PROBLEMS) {
            problems.add(String.valueOf(m));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      html.append("<p>First problems (all are in matches/_manifest.json):</p>\n<ul>\n");
      problems.forEach(p -> html.append("<li>").append(escape(p)).append("</li>\n"));
      html.append("</ul>\n");
    }
  }

  private static long skips(Map<String, Object> shard) {
    Object skipped = shard.get("skipped");
    long total = 0;
    if (skipped instanceof Map<?, ?> m) {
      for (Object v : m.values()) {
        total += v instanceof Number n ? n.longValue() : 0;
      }
    }
    return total;
  }

  private void row(String label, Object value) {
    row(label, value, false);
  }

  /** A summary row; {@code label} is escaped unless it is already HTML. */
  private void row(String label, Object value, boolean labelIsHtml) {
    html.append("<tr><th>")
        .append(labelIsHtml ? label : escape(label))
        .append("</th>")
        .append(number(value))
        .append("</tr>\n");
  }

  private static String number(Object value) {
    String text =
        value instanceof Number n && !(value instanceof Double || value instanceof Float)
            ? String.format(Locale.ROOT, "%,d", n.longValue())
            : value == null ? "&ndash;" : escape(String.valueOf(value));
    return "<td class=\"n\">" + text + "</td>";
  }

  private static String code(String s) {
    return "<code>" + escape(s) + "</code>";
  }

  private static String abbreviate(String url) {
    return url.length() <= 90 ? url : url.substring(0, 87) + "...";
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> m, String key) {
    Object v = m == null ? null : m.get(key);
    return v instanceof Map<?, ?> ? (Map<String, Object>) v : null;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object v) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (v instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?>) {
          out.add((Map<String, Object>) o);
        }
      }
    }
    return out;
  }

  /** HTML-escapes text for element content and double-quoted attributes. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
