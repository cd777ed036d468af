package org.metaclipspark.curation.metadata.wiki;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the wikitext of an article into the plain text a reader sees, for counting words (sources 2
 * and 3 of the vocabulary build, docs/SEMANTICS.md).
 *
 * <p>Dropped: templates ({@code {{...}}}, nested to any depth), tables ({@code {|...|}} at line
 * start, nested), HTML comments, {@code <ref>...</ref>} and {@code <ref name=x/>} (and the other
 * tags whose content is not prose: {@code math}, {@code gallery}, {@code timeline}, ...), file,
 * image, media and category links (with their captions), interlanguage links, bare URLs, the
 * targets of external links, bold/italic quotes, list and heading markers and magic words. Kept:
 * the visible text of links ({@code [[target]]} gives {@code target}, {@code [[target|label]]}
 * gives {@code label}, a link trail such as {@code [[bus]]es} gives {@code buses}), the label of
 * external links, and the content of other HTML tags. Lines are trimmed. HTML entities ({@code
 * &amp;amp;}, {@code &amp;nbsp;}, {@code &amp;#8212;}, the 252 of HTML 4) are decoded last, so a
 * decoded {@code <} is text, never a tag. Line breaks are kept, so callers can keep bigrams within
 * a line.
 *
 * <p>Stateless and thread-safe; linear in the length of the text apart from nesting scans.
 */
public final class Wikitext {
  /** Tags whose content is not article prose; dropped with their content. */
  private static final Set<String> DROP_CONTENT =
      Set.of(
          "ref",
          "references",
          "math",
          "chem",
          "ce",
          "gallery",
          "timeline",
          "score",
          "syntaxhighlight",
          "source",
          "imagemap",
          "hiero",
          "graph",
          "templatedata",
          "mapframe",
          "maplink",
          "inputbox",
          "categorytree");

  /** Tags that separate words when removed (a line break, a cell, a paragraph). */
  private static final Set<String> SPACING_TAGS =
      Set.of("br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "blockquote", "hr");

  /** Link namespaces whose links are not visible text. */
  private static final Set<String> DROPPED_LINK_NAMESPACES =
      Set.of("file", "image", "media", "category");

  /** A language prefix: an interlanguage link such as {@code [[de:Anarchismus]]}. */
  private static final Pattern LANGUAGE_PREFIX = Pattern.compile("[a-z]{2,3}(-[a-z]{2,8})*");

  private static final Pattern HEADING = Pattern.compile("^[ \\t]*=+(.*?)=+[ \\t]*$");
  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|\\w+);");
  private static final Map<String, Integer> ENTITIES = loadEntities();

  /** A tag's attributes are at most this long; a longer "tag" is a lone {@code <} in text. */
  private static final int MAX_TAG_CHARS = 2000;

  private Wikitext() {}

  /**
   * The plain text of {@code wikitext}.
   *
   * @throws WikitextException when a template, table or content tag ({@code <ref>}) is opened and
   *     never closed, with the offset where it opens
   */
  public static String toPlainText(String wikitext) throws WikitextException {
    StringBuilder out = new StringBuilder(wikitext.length() / 2);
    new Scan(wikitext).strip(0, wikitext.length(), out);
    return postProcess(out);
  }

  private static String postProcess(CharSequence stripped) {
    StringBuilder out = new StringBuilder(stripped.length());
    int start = 0;
    while (start <= stripped.length()) {
      int end = start;
      while (end < stripped.length() && stripped.charAt(end) != '\n') {
        end++;
      }
      String line = stripped.subSequence(start, end).toString();
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        line = heading.group(1);
      }
      out.append(decodeEntities(line).strip());
      if (end < stripped.length()) {
        out.append('\n');
      }
      start = end + 1;
    }
    return out.toString();
  }

  /** Decodes HTML 4 named entities and numeric character references; unknown ones stay. */
  static String decodeEntities(String text) {
    if (text.indexOf('&') < 0) {
      return text;
    }
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    while (m.find()) {
      String name = m.group(1);
      int codePoint = -1;
      if (name.charAt(0) == '#') {
        try {
          codePoint =
              name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                  ? Integer.parseInt(name.substring(2), 16)
                  : Integer.parseInt(name.substring(1));
        } catch (NumberFormatException e) {
          codePoint = -1;
        }
        if (!Character.isValidCodePoint(codePoint)
            || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
          codePoint = -1;
        }
      } else {
        codePoint = ENTITIES.getOrDefault(name, -1);
      }
      if (codePoint >= 0) {
        out.append(text, last, m.start()).appendCodePoint(codePoint);
        last = m.end();
      }
    }
    return out.append(text, last, text.length()).toString();
  }

  private static Map<String, Integer> loadEntities() {
    Map<String, Integer> entities = new HashMap<>();
    // html4-entities.tsv: name TAB code point, generated from Python's html.entities.name2codepoint
    try (InputStream in = Wikitext.class.getResourceAsStream("html4-entities.tsv")) {
      if (in == null) {
        throw new IllegalStateException("html4-entities.tsv missing from the metadata jar");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int tab = line.indexOf('\t');
        entities.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(entities);
  }

  /** One pass over one page's wikitext. */
  private static final class Scan {
    private final String text;

    Scan(String text) {
      this.text = text;
    }

    /** Appends the visible text of {@code text[from, to)} to {@code out}. */
    void strip(int from, int to, StringBuilder out) throws WikitextException {
      int i = from;
      while (i < to) {
        char c = text.charAt(i);
        if (atLineStart(i, from)) {
          int j = i;
          while (j < to && "*#:;".indexOf(text.charAt(j)) >= 0) {
            j++;
          }
          if (j == i && text.startsWith("----", i)) {
            while (j < to && text.charAt(j) == '-') {
              j++;
            }
          }
          if (j > i) {
            i = j;
            continue;
          }
        }
        if (c == '<' && text.startsWith("<!--", i)) {
          i = skipComment(i, to);
        } else if (c == '{' && text.startsWith("{{", i)) {
          i = matchTemplate(i, to);
        } else if (c == '{' && text.startsWith("{|", i) && atLineStartAfterIndent(i, from)) {
          i = matchTable(i, to);
        } else if (c == '[' && text.startsWith("[[", i)) {
          int end = matchLink(i, to);
          if (end < 0) {
            i += 2; // brackets that open no link are not text
          } else {
            emitLink(i + 2, end - 2, out);
            i = end;
          }
        } else if (c == '[' && urlAt(i + 1)) {
          i = externalLink(i, to, out);
        } else if ((c == 'h' || c == 'f') && urlAt(i) && (i == 0 || !isWordChar(i - 1))) {
          i = skipUrl(i, to);
        } else if (c == '<') {
          i = tag(i, to, out);
        } else if (c == '\'' && text.startsWith("''", i)) {
          while (i < to && text.charAt(i) == '\'') {
            i++;
          }
        } else if (c == '_' && magicWordEnd(i, to) > 0) {
          i = magicWordEnd(i, to);
        } else if ((c == '}' && text.startsWith("}}", i))
            || (c == ']' && text.startsWith("]]", i))) {
          i += 2; // stray closers
        } else {
          out.append(c);
          i++;
        }
      }
    }

    private boolean atLineStart(int i, int from) {
      return i == from || text.charAt(i - 1) == '\n';
    }

    private boolean atLineStartAfterIndent(int i, int from) {
      int j = i - 1;
      while (j >= from
          && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == ':')) {
        j--;
      }
      return j < from || text.charAt(j) == '\n';
    }

    private int skipComment(int i, int to) {
      int end = text.indexOf("-->", i + 4);
      return end < 0 || end + 3 > to ? to : end + 3; // MediaWiki: an open comment runs to the end
    }

    /** The end of the template opening at {@code i}, past its {@code }}}. */
    private int matchTemplate(int i, int to) throws WikitextException {
      int depth = 0;
      int j = i;
      while (j < to) {
        if (text.startsWith("<!--", j)) {
          j = skipComment(j, to);
        } else if (text.startsWith("{{", j)) {
          depth++;
          j += 2;
        } else if (text.startsWith("}}", j)) {
          depth--;
          j += 2;
          if (depth == 0) {
            return j;
          }
        } else {
          j++;
        }
      }
      throw new WikitextException("template '{{' never closed", i);
    }

    /** The end of the table opening at {@code i}, past its {@code |}} (tables nest). */
    private int matchTable(int i, int to) throws WikitextException {
      int depth = 0;
      int j = i;
      while (j < to) {
        if (text.startsWith("<!--", j)) {
          j = skipComment(j, to);
        } else if (text.startsWith("{{", j)) {
          j = matchTemplate(j, to);
        } else if (text.startsWith("{|", j) && atLineStartAfterIndent(j, i)) {
          depth++;
          j += 2;
        } else if (text.startsWith("|}", j) && atLineStartAfterIndent(j, i)) {
          depth--;
          j += 2;
          if (depth == 0) {
            return j;
          }
        } else {
          j++;
        }
      }
      throw new WikitextException("table '{|' never closed", i);
    }

    /** The end of the internal link opening at {@code i}, past its {@code ]]}, or -1. */
    private int matchLink(int i, int to) throws WikitextException {
      boolean mayBreakLines = isDroppedNamespaceLink(i + 2, to);
      int depth = 0;
      int j = i;
      while (j < to) {
        if (text.startsWith("[[", j)) {
          depth++;
          j += 2;
        } else if (text.startsWith("]]", j)) {
          depth--;
          j += 2;
          if (depth == 0) {
            return j;
          }
        } else if (text.startsWith("{{", j)) {
          j = matchTemplate(j, to);
        } else if (text.charAt(j) == '\n' && depth == 1 && !mayBreakLines) {
          return -1; // a link does not span lines; file and image captions may
        } else {
          j++;
        }
      }
      return -1;
    }

    /** Whether the link target at {@code from} is in a dropped namespace, e.g. {@code File:}. */
    private boolean isDroppedNamespaceLink(int from, int to) {
      int colon = from;
      while (colon < to && colon - from < 16 && Character.isLetter(text.charAt(colon))) {
        colon++;
      }
      return colon < to
          && text.charAt(colon) == ':'
          && DROPPED_LINK_NAMESPACES.contains(text.substring(from, colon).toLowerCase(Locale.ROOT));
    }

    private void emitLink(int from, int to, StringBuilder out) throws WikitextException {
      int pipe = -1;
      int depth = 0;
      for (int j = from; j < to && pipe < 0; j++) {
        char c = text.charAt(j);
        if (c == '[' || c == '{') {
          depth++;
        } else if (c == ']' || c == '}') {
          depth--;
        } else if (c == '|' && depth == 0) {
          pipe = j;
        }
      }
      int targetEnd = pipe < 0 ? to : pipe;
      String target = text.substring(from, targetEnd).trim();
      boolean leadingColon = target.startsWith(":");
      if (!leadingColon) {
        int colon = target.indexOf(':');
        if (colon > 0) {
          String prefix = target.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          if (DROPPED_LINK_NAMESPACES.contains(prefix)) {
            return;
          }
          if (pipe < 0 && LANGUAGE_PREFIX.matcher(prefix).matches()) {
            return; // interlanguage links are shown in the sidebar, not in the text
          }
        }
      }
      if (pipe >= 0 && pipe + 1 < to) {
        strip(pipe + 1, to, out);
      } else {
        int start = from;
        while (start < targetEnd && Character.isWhitespace(text.charAt(start))) {
          start++;
        }
        if (leadingColon) {
          start++;
        }
        strip(start, targetEnd, out);
      }
    }

    private boolean urlAt(int i) {
      return text.startsWith("http://", i)
          || text.startsWith("https://", i)
          || text.startsWith("ftp://", i)
          || text.startsWith("//", i);
    }

    private boolean isWordChar(int i) {
      return Character.isLetterOrDigit(text.charAt(i));
    }

    /** {@code [url label]}: the label's text; {@code [url]}: nothing. */
    private int externalLink(int i, int to, StringBuilder out) throws WikitextException {
      int close = i + 1;
      while (close < to && text.charAt(close) != ']' && text.charAt(close) != '\n') {
        close++;
      }
      if (close >= to || text.charAt(close) != ']') {
        return i + 1; // not a link; the URL that follows is skipped as a bare URL
      }
      int space = i + 1;
      while (space < close && text.charAt(space) != ' ') {
        space++;
      }
      if (space < close) {
        strip(space + 1, close, out);
      }
      return close + 1;
    }

    private int skipUrl(int i, int to) {
      int j = i;
      while (j < to
          && !Character.isWhitespace(text.charAt(j))
          && "<>[]{}|\"".indexOf(text.charAt(j)) < 0) {
        j++;
      }
      return j;
    }

    /** {@code __NOTOC__} and the like: the end of the magic word at {@code i}, or -1. */
    private int magicWordEnd(int i, int to) {
      if (!text.startsWith("__", i)) {
        return -1;
      }
      int j = i + 2;
      while (j < to && text.charAt(j) >= 'A' && text.charAt(j) <= 'Z') {
        j++;
      }
      return j > i + 2 && text.startsWith("__", j) ? j + 2 : -1;
    }

    private int tag(int i, int to, StringBuilder out) throws WikitextException {
      int j = i + 1;
      boolean closing = j < to && text.charAt(j) == '/';
      if (closing) {
        j++;
      }
      int nameStart = j;
      while (j < to && Character.isLetterOrDigit(text.charAt(j))) {
        j++;
      }
      if (j == nameStart || !Character.isLetter(text.charAt(nameStart))) {
        out.append('<');
        return i + 1;
      }
      String name = text.substring(nameStart, j).toLowerCase(Locale.ROOT);
      int gt = j;
      while (gt < to
          && gt - i < MAX_TAG_CHARS
          && text.charAt(gt) != '>'
          && text.charAt(gt) != '<') {
        gt++;
      }
      if (gt >= to || text.charAt(gt) != '>' || (j < gt && !isTagNameEnd(text.charAt(j)))) {
        out.append('<');
        return i + 1;
      }
      boolean selfClosing = text.charAt(gt - 1) == '/';
      if (DROP_CONTENT.contains(name) && !closing && !selfClosing) {
        int end = closingTag(name, gt + 1, to);
        if (end < 0) {
          throw new WikitextException("<" + name + "> never closed", i);
        }
        return end;
      }
      if (SPACING_TAGS.contains(name)) {
        out.append(' ');
      }
      return gt + 1;
    }

    private static boolean isTagNameEnd(char c) {
      return c == ' ' || c == '/' || c == '\t' || c == '\n';
    }

    /** The end of {@code </name>} at or after {@code from}, or -1. */
    private int closingTag(String name, int from, int to) {
      String open = "</" + name;
      for (int j = text.indexOf("</", from); j >= 0 && j < to; j = text.indexOf("</", j + 2)) {
        int after = j + open.length();
        if (text.regionMatches(true, j, open, 0, open.length())
            && after < to
            && (text.charAt(after) == '>' || Character.isWhitespace(text.charAt(after)))) {
          int gt = text.indexOf('>', j);
          if (gt >= 0 && gt < to) {
            return gt + 1;
          }
        }
      }
      return -1;
    }
  }
}
