package org.metaclipspark.curation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.metaclipspark.curation.balance.SizeTable;

/**
 * The report's charts as PNG bytes, drawn by XChart. AWT runs headless, so this works on servers
 * and cluster drivers with no display. Long curves are thinned to at most {@link #MAX_POINTS}
 * points per series on log-spaced ranks: the curves are monotone, so the shape is kept.
 */
final class ReportCharts {
  static {
    System.setProperty("java.awt.headless", "true");
  }

  static final int WIDTH = 960;
  static final int HEIGHT = 540;
  private static final int MAX_POINTS = 4000;
  private static final Color BEFORE = new Color(0x1f, 0x77, 0xb4);
  private static final Color AFTER = new Color(0xd6, 0x27, 0x28);
  private static final Color CAP = new Color(0x2c, 0xa0, 0x2c);

  private ReportCharts() {}

  /**
   * Entry counts sorted from largest to smallest on log-log axes, before and (if {@code kept} is
   * given) after balancing, with {@code t} as a horizontal line. Entries with count 0 cannot be
   * drawn on a log axis and are left out (the page gives their number).
   */
  static byte[] entryCounts(long[] entryCount, long[] kept, Long t) throws IOException {
    XYChart chart = chart("Entry counts, sorted", "rank of entry (1 = most matched)", "pairs");
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    double[][] before = sortedCurve(entryCount);
    line(chart, "before balancing: entryCount", before, BEFORE, false);
    double maxRank = before[0].length == 0 ? 1 : before[0][before[0].length - 1];
    if (kept != null) {
      line(chart, "after balancing: curated pairs", sortedCurve(kept), AFTER, false);
    }
    if (t != null) {
      line(
          chart,
          String.format(Locale.ROOT, "t = %,d", t),
          new double[][] {{1, Math.max(2, maxRank)}, {t, t}},
          CAP,
          true);
    }
    return png(chart);
  }

  /** The expected curated size against {@code t} (log x), with {@code t} marked. */
  static byte[] sizes(List<SizeTable.Row> rows, Long t) throws IOException {
    XYChart chart =
        chart("Expected curated size against t", "t (cap of Algorithm 1)", "expected pairs");
    chart.getStyler().setXAxisLogarithmic(true);
    double[] x = rows.stream().mapToDouble(SizeTable.Row::t).toArray();
    double[] y = rows.stream().mapToDouble(SizeTable.Row::expectedCuratedPairs).toArray();
    line(chart, "expected curated pairs", new double[][] {x, y}, BEFORE, false);
    long distinct = rows.isEmpty() ? 0 : rows.get(0).distinctPairs();
    line(
        chart,
        String.format(Locale.ROOT, "all distinct pairs: %,d", distinct),
        new double[][] {{x[0], x[x.length - 1]}, {distinct, distinct}},
        Color.GRAY,
        true);
    if (t != null) {
      double at =
          rows.stream()
              .filter(r -> r.t() == t)
              .mapToDouble(SizeTable.Row::expectedCuratedPairs)
              .findFirst()
              .orElse(Double.NaN);
      line(
          chart,
          String.format(Locale.ROOT, "t = %,d: %,.0f expected", t, at),
          new double[][] {{t, t}, {0, distinct}},
          CAP,
          true);
    }
    chart.getStyler().setYAxisMin(0.0).setLegendPosition(Styler.LegendPosition.InsideSE);
    return png(chart);
  }

  /** {@code p(t)}, the tail share of all matches, against {@code t} (log x), {@code t} marked. */
  static byte[] pOfT(List<SizeTable.Row> rows, Long t) throws IOException {
    XYChart chart =
        chart("Tail proportion p(t)", "t (cap of Algorithm 1)", "p(t): share of matches in tail");
    chart
        .getStyler()
        .setXAxisLogarithmic(true)
        .setYAxisMin(0.0)
        .setYAxisMax(1.0)
        .setLegendPosition(Styler.LegendPosition.InsideSE);
    double[] x = rows.stream().mapToDouble(SizeTable.Row::t).toArray();
    double[] y = rows.stream().mapToDouble(SizeTable.Row::pOfT).toArray();
    line(chart, "p(t)", new double[][] {x, y}, BEFORE, false);
    if (t != null) {
      double at =
          rows.stream()
              .filter(r -> r.t() == t)
              .mapToDouble(SizeTable.Row::pOfT)
              .findFirst()
              .orElse(Double.NaN);
      line(
          chart,
          String.format(Locale.ROOT, "t = %,d: p = %.3f", t, at),
          new double[][] {{t, t}, {0, 1}},
          CAP,
          true);
    }
    return png(chart);
  }

  private static XYChart chart(String title, String xTitle, String yTitle) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    XYStyler styler = chart.getStyler();
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendPosition(Styler.LegendPosition.InsideNE);
    styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setAntiAlias(true);
    chart.getStyler().setXAxisDecimalPattern("#,###.##").setYAxisDecimalPattern("#,###.##");
    return chart;
  }

  private static void line(XYChart chart, String name, double[][] xy, Color color, boolean dashed) {
    XYSeries series = chart.addSeries(name, xy[0], xy[1]);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineStyle(
        dashed
            ? new BasicStroke(
                2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f)
            : new BasicStroke(2f));
  }

  /**
   * The non-zero values sorted descending against their 1-based rank, thinned to log-spaced ranks;
   * the first and last rank are always kept.
   */
  static double[][] sortedCurve(long[] values) {
    long[] sorted = Arrays.stream(values).filter(v -> v > 0).sorted().toArray();
    int n = sorted.length;
    if (n == 0) {
      return new double[][] {{1}, {1}};
    }
    int[] ranks = thinnedRanks(n);
    double[] x = new double[ranks.length];
    double[] y = new double[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      x[i] = ranks[i];
      y[i] = sorted[n - ranks[i]];
    }
    return new double[][] {x, y};
  }

  /** Ranks 1..n, all of them when few, else log-spaced with 1 and n included. */
  static int[] thinnedRanks(int n) {
    if (n <= MAX_POINTS) {
      int[] all = new int[n];
      Arrays.setAll(all, i -> i + 1);
      return all;
    }
    int[] ranks = new int[MAX_POINTS + 1];
    int count = 0;
    double step = Math.log(n) / (MAX_POINTS - 1);
    for (int i = 0; i < MAX_POINTS; i++) {
      int r = (int) Math.min(n, Math.round(Math.exp(i * step)));
      if (count == 0 || r > ranks[count - 1]) {
        ranks[count++] = r;
      }
    }
    if (ranks[count - 1] != n) {
      ranks[count++] = n;
    }
    return Arrays.copyOf(ranks, count);
  }

  private static byte[] png(XYChart chart) throws IOException {
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}
