package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class UrlResolverTest {

  private static final String RFC_BASE = "http://a/b/c/d;p?q";

  private static String resolve(String base, String ref) {
    return UrlResolver.resolve(base, ref)
        .orElseThrow(() -> new AssertionError("unresolvable: " + ref));
  }

  /** RFC 3986 §5.4.1; Python 3.11 urljoin gives the same for every one. */
  @Test
  void resolvesTheRfc3986NormalExamples() {
    String[][] cases = {
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
    };
    for (String[] c : cases) {
      assertEquals(c[1], resolve(RFC_BASE, c[0]), "reference " + c[0]);
    }
  }

  /** RFC 3986 §5.4.2; for "http:g" the non-strict (backward compatible) answer, as urljoin. */
  @Test
  void resolvesTheRfc3986AbnormalExamples() {
    String[][] cases = {
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http://a/b/c/g"},
    };
    for (String[] c : cases) {
      assertEquals(c[1], resolve(RFC_BASE, c[0]), "reference " + c[0]);
    }
  }

  /** Expected values are Python 3.11 urljoin's. */
  @Test
  void agreesWithPythonUrljoinOnTheShapesPagesUse() {
    assertEquals("http://host/img/a.jpg", resolve("http://host", "img/a.jpg"));
    assertEquals("https://cdn.x/y.png", resolve("https://x.org/a/b", "//cdn.x/y.png"));
    assertEquals("http://x/a/../b", resolve("http://a/b/c", "http://x/a/../b"));
    assertEquals("http://a/a b/c d.png", resolve("http://a/b", "a b/c d.png"));
    assertEquals("http://X/y", resolve("http://a/b/c", "HTTP://X/y"));
    assertEquals("HTTPS://X/y", resolve("http://a/b/c", "HTTPS://X/y"));
    assertEquals(
        "https://r.info/img/d.gif", resolve("https://r.info/liberty/p/t", "../../img/d.gif"));
    assertEquals(
        "https://r.info/liberty/img/p.gif?w=150&h=200",
        resolve("https://r.info/liberty/x", "img/p.gif?w=150&h=200"));
    assertEquals(
        "http://s.co.uk/x/b.jpeg#frag", resolve("https://a/", "http://s.co.uk/x/b.jpeg#frag"));
  }

  @Test
  void keepsOtherSchemesVerbatimSoCallersCanCountThem() {
    assertEquals("javascript:void(0)", resolve("http://a/b", "javascript:void(0)"));
    assertEquals(
        "data:image/gif;base64,R0lG//", resolve("http://a/b", "data:image/gif;base64,R0lG//"));
    assertFalse(UrlResolver.isHttp("javascript:void(0)"));
    assertFalse(UrlResolver.isHttp("data:x"));
    assertTrue(UrlResolver.isHttp("HTTPS://x"));
    assertFalse(UrlResolver.isHttp("httpx://x"));
    assertEquals(Optional.of("data"), UrlResolver.scheme("DATA:x"));
    assertEquals(Optional.empty(), UrlResolver.scheme("/relative:colon"));
  }

  @Test
  void cannotResolveARelativeReferenceWithoutAnAbsoluteBaseOrWithUnbalancedBrackets() {
    assertEquals(Optional.empty(), UrlResolver.resolve("no-scheme/page", "img.png"));
    assertEquals(Optional.empty(), UrlResolver.resolve("", "img.png"));
    assertEquals(Optional.of("https://x/y"), UrlResolver.resolve("", "https://x/y"));
    assertEquals(Optional.empty(), UrlResolver.resolve("http://a/b", "http://[::1/x.png"));
    assertEquals(Optional.empty(), UrlResolver.resolve("http://[a/b", "x.png"));
    assertEquals(
        Optional.of("http://[::1]/x.png"), UrlResolver.resolve("http://a/b", "//[::1]/x.png"));
    assertEquals(Optional.of("http://a/x]y[.png"), UrlResolver.resolve("http://a/b", "x]y[.png"));
  }

  @Test
  void handlesAHundredKilobyteUrlInLinearTime() {
    String segment = "../x/./";
    String ref = segment.repeat(100_000 / segment.length());
    String resolved = resolve("http://a/b/c/d", ref + "end.png");
    // Python 3.11 urljoin gives the same
    assertEquals("http://a/b/x/end.png", resolved);
    String longRef = "/" + "y".repeat(100_000);
    assertEquals("https://h" + longRef, resolve("https://h/p", longRef));
  }

  @Test
  void anEmptyFragmentIsDroppedAsUrljoinDropsIt() {
    assertEquals("https://x/a?q=1", UrlResolver.resolve("https://x/a?q=1#f", "#").orElseThrow());
    assertEquals("https://x/b", UrlResolver.resolve("https://x/a", "b#").orElseThrow());
    assertEquals("https://y/b", UrlResolver.resolve("https://x/a", "https://y/b#").orElseThrow());
    assertEquals("https://x/a#f", UrlResolver.resolve("https://x/a", "#f").orElseThrow());
    assertEquals("http://y/b#", UrlResolver.resolve("https://x/a", "http://y/b#").orElseThrow());
  }
}
