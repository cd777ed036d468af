package org.metaclipspark.curation.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code samples/pages.txt}: sites (with mirror hosts), their pages, and each page's images
 * and links. The format is documented at the top of that file. Immutable result.
 */
public final class PageDescriptions {
  /** One {@code <img>} or {@code <a>} of a page; {@code attributes} keep the file's order. */
  public record Link(String tag, String src, Map<String, String> attributes) {}

  /** One page path with its title and links. */
  public record Page(String path, String title, List<Link> links) {}

  /** The hosts that serve the same pages. */
  public record Site(List<String> hosts, List<Page> pages) {}

  private PageDescriptions() {}

  /** Reads the descriptions; errors name the file and line. */
  public static List<Site> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Site> sites = new ArrayList<>();
    List<Page> pages = null;
    List<Link> links = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String where = file + ":" + (i + 1);
      int space = line.indexOf(' ');
      String directive = space < 0 ? line : line.substring(0, space);
      String rest = space < 0 ? "" : line.substring(space + 1);
      switch (directive) {
        case "site" -> {
          pages = new ArrayList<>();
          sites.add(new Site(List.of(rest.trim().split("\\s+")), pages));
        }
        case "page" -> {
          require(pages != null, where, "'page' before any 'site'");
          String[] parts = rest.split(" \\| ", 2);
          links = new ArrayList<>();
          pages.add(new Page(parts[0].trim(), parts.length > 1 ? parts[1].trim() : "", links));
        }
        case "img", "link" -> {
          require(links != null, where, "'" + directive + "' before any 'page'");
          String[] parts = rest.split(" \\| ");
          Map<String, String> attributes = new LinkedHashMap<>();
          for (int p = 1; p < parts.length; p++) {
            if (directive.equals("link")) {
              attributes.put("text", unescape(parts[p].trim()));
              continue;
            }
            int eq = parts[p].indexOf('=');
            require(eq > 0, where, "expected key=value, got '" + parts[p] + "'");
            attributes.put(parts[p].substring(0, eq).trim(), unescape(parts[p].substring(eq + 1)));
          }
          links.add(new Link(directive, unescape(parts[0]), attributes));
        }
        default ->
            throw new IllegalArgumentException(
                where
                    + ": unknown directive '"
                    + directive
                    + "'; expected site, page, img or link");
      }
    }
    return sites;
  }

  private static void require(boolean ok, String where, String message) {
    if (!ok) {
      throw new IllegalArgumentException(where + ": " + message);
    }
  }

  /** Resolves the escapes {@code \t}, {@code \n} and {@code \\uXXXX}. */
  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        out.append(c);
        continue;
      }
      char next = s.charAt(++i);
      switch (next) {
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append('\\').append(next);
      }
    }
    return out.toString();
  }
}
