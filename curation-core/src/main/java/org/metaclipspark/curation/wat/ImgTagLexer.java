package org.metaclipspark.curation.wat;

/**
 * A streaming HTML tag lexer that finds the {@code img} tags of a decoded page, by the rules of
 * spec section 4b.5 (those of the lexer in Common Crawl's WAT generator): there is no tree, so
 * unclosed or misnested elements do not matter.
 *
 * <p>One pass over the characters: text is skipped to the next {@code <}, a tag is read by a small
 * state machine that records attribute spans as offsets (strings are made only for the values of an
 * {@code img} tag's {@code src}, {@code alt} and {@code title}), a comment is skipped by its own
 * state machine, and a {@code script} or {@code style} body is skipped to its closing tag. Each
 * character is examined once, apart from the few letters of a candidate closing tag. Memory is
 * constant.
 *
 * <p>Not thread-safe: the state of the tag being read is kept in fields, so a reader uses one
 * lexer.
 */
final class ImgTagLexer {

  /** Receives the {@code img} tags of a page in document order. */
  interface Sink {
    /**
     * A start or self-closing {@code img} tag whose first {@code src} attribute has a value. The
     * values are raw (not entity-decoded); {@code alt} and {@code title} are null when the first
     * such attribute is absent or has no value.
     */
    void img(String src, String alt, String title);

    /**
     * An {@code img} tag without a {@code src} value; {@code lazy} when it has a {@code srcset} or
     * {@code data-src} attribute instead.
     */
    void imgWithoutSrc(boolean lazy);
  }

  // ---- tag states (the rules of section 4b.5, one per state) ----

  /** Between attributes: whitespace is skipped; {@code >} ends the tag, so does {@code <}. */
  private static final int BETWEEN = 0;

  /** In a name: it runs to whitespace, {@code =}, {@code >} or {@code <}. */
  private static final int NAME = 1;

  /**
   * After {@code =}: whitespace is skipped; a quote opens a quoted value; {@code >} ends the tag,
   * and the name has no value ({@code alt=>} is no alt).
   */
  private static final int EQUALS = 2;

  /** In an unquoted value: it runs to whitespace or {@code >}; a {@code <} belongs to it. */
  private static final int UNQUOTED = 3;

  /** In a single-quoted value, up to the next {@code '}. */
  private static final int SINGLE = 4;

  /** In a double-quoted value, up to the next {@code "}. */
  private static final int DOUBLE = 5;

  /** After a name and whitespace: {@code =} gives it a value, anything else means it has none. */
  private static final int AFTER_NAME = 6;

  // ---- the tag being read: its kind and the spans of the attributes that matter ----

  private static final int OTHER = 0;
  private static final int IMG = 1;
  private static final int SCRIPT = 2;
  private static final int STYLE = 3;

  private static final char[] IMG_NAME = {'i', 'm', 'g'};
  private static final char[] SCRIPT_NAME = {'s', 'c', 'r', 'i', 'p', 't'};
  private static final char[] STYLE_NAME = {'s', 't', 'y', 'l', 'e'};
  private static final char[] SRC = {'s', 'r', 'c'};
  private static final char[] ALT = {'a', 'l', 't'};
  private static final char[] TITLE = {'t', 'i', 't', 'l', 'e'};
  private static final char[] SRCSET = {'s', 'r', 'c', 's', 'e', 't'};
  private static final char[] DATA_SRC = {'d', 'a', 't', 'a', '-', 's', 'r', 'c'};

  /**
   * Whether a {@code script} or {@code style} body ends at the first {@code </} followed by a
   * letter, as in Common Crawl's WAT files before 2025-02 and in upstream webarchive-commons,
   * instead of at its own closing tag (spec section 4b, on older WAT files).
   */
  private final boolean bodyEndsAtAnyEndTag;

  /** A lexer by the rules of spec section 4b.5. */
  ImgTagLexer() {
    this(false);
  }

  /** A lexer whose raw-text bodies end as {@code bodyEndsAtAnyEndTag} says. */
  ImgTagLexer(boolean bodyEndsAtAnyEndTag) {
    this.bodyEndsAtAnyEndTag = bodyEndsAtAnyEndTag;
  }

  /** The page being lexed and its length. */
  private char[] a;

  private int n;

  /** The attribute count of the current tag; attribute 0 is the tag name. */
  private int attributes;

  /** {@link #IMG}, {@link #SCRIPT}, {@link #STYLE} or {@link #OTHER}; set by attribute 0. */
  private int tagKind;

  /** Whether the tag name starts with {@code /}: an end tag, which gives no link. */
  private boolean endTag;

  /**
   * Whether the tag's last attribute is a name ending in {@code /}, with no whitespace after it:
   * the generator's test for a self-closing tag ({@code <script src=x />} opens no body).
   */
  private boolean selfClosing;

  /** Value spans {@code [start, end)} of the first {@code src}, {@code alt}, {@code title}. */
  private int srcStart;

  private int srcEnd;
  private int altStart;
  private int altEnd;
  private int titleStart;
  private int titleEnd;

  /** Whether a first {@code src}, {@code alt}, {@code title} was seen (valued or not). */
  private boolean srcSeen;

  private boolean altSeen;
  private boolean titleSeen;

  /** Whether the {@code img} tag has a {@code srcset} or {@code data-src} attribute. */
  private boolean lazy;

  /** Lexes {@code page[0, length)}, handing every {@code img} tag to {@code sink}. */
  void lex(char[] page, int length, Sink sink) {
    this.a = page;
    this.n = length;
    int i = 0;
    while (i < n) {
      if (a[i] != '<') {
        i++;
        continue;
      }
      // a '<' starts markup only when a letter, '/', '!', '?' or '%' follows
      if (i + 1 >= n) {
        break;
      }
      char c = a[i + 1];
      if (c == '/' || Character.isLetter(c)) {
        i = tag(i + 1, sink);
      } else if (c == '!') {
        i = bang(i);
        if (i < 0) {
          i = tag(-i, sink);
        }
      } else if (c == '?' || c == '%') {
        // processing instructions and server-side code end at the first '>'
        i = indexOf('>', i + 2);
        i = i < 0 ? n : i + 1;
      } else {
        i++;
      }
    }
    this.a = null;
  }

  /**
   * {@code <!} at {@code lt}: {@code <!>} is an empty declaration, {@code <!--} a comment, {@code
   * <!-} followed by anything else is text; any other {@code <!x} is a tag whose name starts with
   * {@code !} ({@code <!DOCTYPE}, {@code <![CDATA[}). Returns where lexing goes on, or the negated
   * start of a tag to read.
   */
  private int bang(int lt) {
    int p = lt + 2;
    if (p >= n) {
      return n;
    }
    if (a[p] == '>') {
      return p + 1;
    }
    if (a[p] != '-') {
      return -(lt + 1);
    }
    if (p + 1 >= n) {
      return n;
    }
    if (a[p + 1] != '-') {
      return p + 2; // "<!-x" is text, and the character after the dash is taken with it
    }
    if (p + 2 < n && a[p + 2] == '>') {
      return p + 3; // "<!-->"
    }
    return comment(p + 2);
  }

  /**
   * Skips a comment from just after {@code <!--}: SGML-strict, it ends only at {@code --} followed
   * by optional whitespace and {@code >}; any other character after that {@code --} (another dash,
   * {@code !}) continues the comment without counting as a dash. An unterminated comment runs to
   * the end of the page.
   */
  private int comment(int p) {
    int dashes = 0; // 0: in the comment, 1: after '-', 2: after "--" (and whitespace)
    for (; p < n; p++) {
      char c = a[p];
      if (dashes == 0) {
        if (c == '-') {
          dashes = 1;
        }
      } else if (dashes == 1) {
        dashes = c == '-' ? 2 : 0;
      } else if (c == '>') {
        return p + 1;
      } else if (!Character.isWhitespace(c)) {
        dashes = 0;
      }
    }
    return n;
  }

  /**
   * Reads the tag whose name starts at {@code p} (just after {@code <}) and returns where lexing
   * goes on: after its {@code >}, at a {@code <} that ended it, at the end of the page (which ends
   * a tag with what was read), or after the body of a {@code script} or {@code style}.
   */
  private int tag(int p, Sink sink) {
    attributes = 0;
    tagKind = OTHER;
    endTag = false;
    selfClosing = false;
    srcSeen = altSeen = titleSeen = lazy = false;
    srcStart = srcEnd = altStart = altEnd = titleStart = titleEnd = -1;
    int state = BETWEEN;
    int nameStart = p;
    int nameEnd = p;
    int valueStart = p;
    boolean whitespace = false; // whitespace after the last attribute
    int end;
    while (true) {
      if (p >= n) {
        switch (state) {
          case NAME -> attribute(nameStart, p, -1, -1);
          case AFTER_NAME -> attribute(nameStart, nameEnd, -1, -1);
          case EQUALS -> attribute(nameStart, nameEnd, -1, -1);
          case UNQUOTED, SINGLE, DOUBLE -> attribute(nameStart, nameEnd, valueStart, p);
          default -> {
            if (whitespace) {
              selfClosing = false;
            }
          }
        }
        end = n;
        break;
      }
      char c = a[p];
      if (state == BETWEEN) {
        if (c == '>' || c == '<') {
          if (whitespace) {
            selfClosing = false;
          }
          end = c == '>' ? p + 1 : p;
          break;
        }
        if (Character.isWhitespace(c)) {
          whitespace = true;
        } else {
          whitespace = false;
          nameStart = p;
          state = NAME;
        }
        p++;
      } else if (state == NAME) {
        if (c == '>' || c == '<') {
          attribute(nameStart, p, -1, -1);
          end = c == '>' ? p + 1 : p;
          break;
        }
        if (Character.isWhitespace(c)) {
          nameEnd = p;
          state = AFTER_NAME;
        } else if (c == '=') {
          nameEnd = p;
          state = EQUALS;
        }
        p++;
      } else if (state == EQUALS) {
        if (c == '>') {
          attribute(nameStart, nameEnd, -1, -1);
          end = p + 1;
          break;
        }
        if (c == '\'') {
          valueStart = p + 1;
          state = SINGLE;
        } else if (c == '"') {
          valueStart = p + 1;
          state = DOUBLE;
        } else if (!Character.isWhitespace(c)) {
          valueStart = p;
          state = UNQUOTED;
        }
        p++;
      } else if (state == UNQUOTED) {
        if (c == '>') {
          attribute(nameStart, nameEnd, valueStart, p);
          end = p + 1;
          break;
        }
        if (Character.isWhitespace(c)) {
          attribute(nameStart, nameEnd, valueStart, p);
          whitespace = true;
          state = BETWEEN;
        }
        p++;
      } else if (state == SINGLE || state == DOUBLE) {
        if (c == (state == SINGLE ? '\'' : '"')) {
          attribute(nameStart, nameEnd, valueStart, p);
          whitespace = false;
          state = BETWEEN;
        }
        p++;
      } else { // AFTER_NAME
        if (c == '=') {
          state = EQUALS;
          p++;
        } else if (Character.isWhitespace(c)) {
          p++;
        } else {
          // a name without '=' has no value; the character is read again between attributes
          attribute(nameStart, nameEnd, -1, -1);
          whitespace = true;
          state = BETWEEN;
        }
      }
    }
    if (tagKind == IMG && !endTag) {
      if (srcStart >= 0) {
        sink.img(
            new String(a, srcStart, srcEnd - srcStart),
            altStart >= 0 ? new String(a, altStart, altEnd - altStart) : null,
            titleStart >= 0 ? new String(a, titleStart, titleEnd - titleStart) : null);
      } else {
        sink.imgWithoutSrc(lazy);
      }
    } else if ((tagKind == SCRIPT || tagKind == STYLE) && !endTag && !selfClosing) {
      return rawTextEnd(end, tagKind == SCRIPT ? SCRIPT_NAME : STYLE_NAME);
    }
    return end;
  }

  /**
   * Records attribute {@code [nameStart, nameEnd)} with value {@code [valueStart, valueEnd)}, or
   * none when {@code valueStart < 0}. Attribute 0 is the tag name: a leading {@code /} makes an end
   * tag, and a leading and a trailing {@code /} are removed before it is compared ignoring case. Of
   * the later attributes only the first of each name counts.
   */
  private void attribute(int nameStart, int nameEnd, int valueStart, int valueEnd) {
    selfClosing = nameEnd > nameStart && a[nameEnd - 1] == '/';
    if (attributes++ == 0) {
      int s = nameStart;
      int e = nameEnd;
      if (s < e && a[s] == '/') {
        endTag = true;
        s++;
      }
      if (s < e && a[e - 1] == '/') {
        e--;
      }
      if (nameIs(s, e, IMG_NAME)) {
        tagKind = IMG;
      } else if (nameIs(s, e, SCRIPT_NAME)) {
        tagKind = SCRIPT;
      } else if (nameIs(s, e, STYLE_NAME)) {
        tagKind = STYLE;
      }
      return;
    }
    if (tagKind != IMG) {
      return;
    }
    if (!srcSeen && nameIs(nameStart, nameEnd, SRC)) {
      srcSeen = true;
      srcStart = valueStart;
      srcEnd = valueEnd;
    } else if (!altSeen && nameIs(nameStart, nameEnd, ALT)) {
      altSeen = true;
      altStart = valueStart;
      altEnd = valueEnd;
    } else if (!titleSeen && nameIs(nameStart, nameEnd, TITLE)) {
      titleSeen = true;
      titleStart = valueStart;
      titleEnd = valueEnd;
    } else if (nameIs(nameStart, nameEnd, SRCSET) || nameIs(nameStart, nameEnd, DATA_SRC)) {
      lazy = true;
    }
  }

  /**
   * Where the body of a {@code script} or {@code style} element that starts at {@code p} ends: at
   * the {@code <} of its closing tag ({@code </script} in any case, followed by whitespace, {@code
   * /}, {@code >}, {@code <}, {@code =} or the end of the page), or at the end of the page. Inside
   * the body a {@code <} takes the character after it along, and {@code <!} the next one or, when
   * that is a dash, two, so {@code <</script>} does not close it.
   */
  private int rawTextEnd(int p, char[] name) {
    while (p < n) {
      if (a[p++] != '<' || p >= n) {
        continue;
      }
      char c = a[p++];
      if (c == '!') {
        if (p < n && a[p++] == '-' && p < n) {
          p++;
        }
      } else if (c == '/' && p < n) {
        c = a[p];
        if (Character.isLetter(c)) {
          if (bodyEndsAtAnyEndTag) {
            return p - 2;
          }
          int e = p + name.length;
          if (e <= n && nameIs(p, e, name) && (e == n || endsName(a[e]))) {
            return p - 2;
          }
        } else {
          p++;
        }
      }
    }
    return n;
  }

  private static boolean endsName(char c) {
    return c == '>' || c == '/' || c == '<' || c == '=' || Character.isWhitespace(c);
  }

  /** Whether {@code a[s, e)} equals the lower-case ASCII {@code name}, ignoring case. */
  private boolean nameIs(int s, int e, char[] name) {
    if (e - s != name.length) {
      return false;
    }
    for (int k = 0; k < name.length; k++) {
      char c = a[s + k];
      if (c != name[k]
          && Character.toLowerCase(c) != name[k]
          && Character.toUpperCase(c) != Character.toUpperCase(name[k])) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(char c, int from) {
    for (int p = from; p < n; p++) {
      if (a[p] == c) {
        return p;
      }
    }
    return -1;
  }
}
