package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextValuesTest {

  /**
   * Every char for which CPython 3.11 {@code str.isspace()} is true, computed with {@code python3
   * -c "print([hex(c) for c in range(0x110000) if chr(c).isspace()])"}.
   */
  private static final int[] PYTHON_SPACES = {
    0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
    0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
    0x205f, 0x3000
  };

  @Test
  void isPythonSpaceIsTrueForExactlyPythonsWhitespace() {
    List<Integer> actual = new ArrayList<>();
    for (int c = 0; c <= 0xFFFF; c++) {
      if (TextValues.isPythonSpace((char) c)) {
        actual.add(c);
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int c : PYTHON_SPACES) {
      expected.add(c);
    }
    assertEquals(expected, actual);
  }

  @Test
  void pythonStripRemovesUnicodeSpacesThatJavaStripKeeps() {
    assertEquals("a b", TextValues.pythonStrip("\u00a0\u3000 a b\u0085\u001f\u202f"));
    assertEquals("\u200ba\u200b", TextValues.pythonStrip(" \u200ba\u200b "), "ZWSP is not space");
    assertEquals("", TextValues.pythonStrip(" \t\u2028 "));
    assertEquals("x", TextValues.pythonStrip("x"));
  }

  @Test
  void cleanTextReplacesLineBreaksAndKeepsInnerTabs() {
    assertEquals("a  b\tc", TextValues.cleanText("\ra\n\rb\tc\n"));
    assertEquals("", TextValues.cleanText("\n\r \u00a0"));
    assertEquals("apposition 🏔️", TextValues.cleanText(" apposition 🏔️ "));
  }

  @Test
  void stripAsciiWhitespaceKeepsOtherSpaces() {
    assertEquals(
        "https://x/a b.png", TextValues.stripAsciiWhitespace(" \t\n\r\fhttps://x/a b.png\t"));
    assertEquals("\u000bx\u00a0", TextValues.stripAsciiWhitespace("\u000bx\u00a0"));
    assertTrue(TextValues.isPythonSpace('\u000b'));
    assertFalse(TextValues.isPythonSpace('\u200b'));
  }
}
