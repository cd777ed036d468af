package org.metaclipspark.curation.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks of a written report, shared by the tests on the bundled default and on the shared shards:
 * every chart PNG decodes and is not blank, and in headless Chromium (skipped when it is not
 * installed; {@code .ci/run} installs it) every image of the page loads and the page's screenshot
 * is not blank. Screenshots are kept under {@code target/report-screenshots/}.
 */
public final class ReportChecks {
  private static final Pattern IMG = Pattern.compile("<img src=\"([^\"]+)\"");

  private ReportChecks() {}

  /** The chart file names the page refers to, in page order. */
  public static List<String> charts(Path page) throws IOException {
    List<String> out = new ArrayList<>();
    Matcher m = IMG.matcher(Files.readString(page));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** Asserts that {@code png} decodes to an image of the expected size that is not blank. */
  public static void assertNotBlank(Path png, int width, int height) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image != null, png + " does not decode as an image");
    if (width > 0) {
      assertEquals(width, image.getWidth(), png.toString());
      assertEquals(height, image.getHeight(), png.toString());
    }
    Set<Integer> colours = new HashSet<>();
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        inked += rgb == 0xffffff ? 0 : 1;
      }
    }
    long sampled = (long) ((image.getHeight() + 1) / 2) * ((image.getWidth() + 1) / 2);
    assertTrue(colours.size() > 8, png + " has only " + colours.size() + " colours");
    assertTrue(inked * 100 > sampled, png + " is almost all white: " + inked + " of " + sampled);
  }

  /**
   * Renders the page in headless Chromium: asserts that every image loaded with its natural size,
   * and saves a screenshot as {@code target/report-screenshots/NAME.png}, which must not be blank.
   */
  public static Path assertRendersInChromium(Path page, String name)
      throws IOException, InterruptedException {
    String chromium = chromium();
    Assumptions.assumeTrue(
        chromium != null,
        "headless Chromium not found (apt-get install chromium); skipping the browser check");
    List<String> charts = charts(page);
    // A copy with a script that lists each image's natural size, read back with --dump-dom.
    Path probe = page.resolveSibling("_browser_check.html");
    String html = Files.readString(page, StandardCharsets.UTF_8);
    Files.writeString(
        probe,
        html.replace(
            "</body>",
            "<script>window.addEventListener('load',function(){var p=document.createElement('pre');"
                + "p.id='image-check';p.textContent=Array.from(document.images).map(function(i){"
                + "return i.getAttribute('src')+' '+i.naturalWidth+'x'+i.naturalHeight;})"
                + ".join('\\n');document.body.appendChild(p);});</script></body>"),
        StandardCharsets.UTF_8);
    String dom = runChromium(chromium, probe, "--dump-dom", "--virtual-time-budget=5000");
    Files.delete(probe);
    Matcher m = Pattern.compile("(?s)<pre id=\"image-check\">(.*?)</pre>").matcher(dom);
    assertTrue(m.find(), "the check script did not run; Chromium printed:\n" + tail(dom));
    List<String> loaded = m.group(1).isEmpty() ? List.of() : List.of(m.group(1).split("\n"));
    assertEquals(charts.size(), loaded.size(), "images in the page: " + loaded);
    for (int i = 0; i < charts.size(); i++) {
      assertEquals(
          charts.get(i) + " " + ReportCharts.WIDTH + "x" + ReportCharts.HEIGHT,
          loaded.get(i),
          "image did not load in Chromium");
    }
    Path dir = Files.createDirectories(Path.of("target", "report-screenshots"));
    Path shot = dir.resolve(name + ".png").toAbsolutePath();
    Files.deleteIfExists(shot);
    runChromium(chromium, page, "--screenshot=" + shot, "--window-size=1100,2600");
    assertTrue(Files.isRegularFile(shot), "Chromium wrote no screenshot " + shot);
    assertNotBlank(shot, 0, 0);
    return shot;
  }

  /** Runs headless Chromium on {@code page} with {@code flags}; returns what it printed. */
  private static String runChromium(String chromium, Path page, String... flags)
      throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command = new ArrayList<>();
    command.add(chromium);
    command.add("--headless");
    command.add("--no-sandbox"); // tests may run as root
    command.add("--disable-gpu");
    command.add("--no-first-run");
    command.add("--hide-scrollbars");
    command.add("--user-data-dir=" + profile);
    command.addAll(List.of(flags));
    command.add(page.toAbsolutePath().toUri().toString());
    Path output = Files.createTempFile("chromium", ".out");
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        throw new AssertionError("Chromium did not finish in 90 s: " + command);
      }
      return Files.readString(output, StandardCharsets.UTF_8);
    } finally {
      process.destroyForcibly();
      Files.delete(output);
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate.toString();
        }
      }
    }
    return null;
  }

  private static String tail(String s) {
    return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
  }
}
