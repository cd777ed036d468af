package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page decode buffer grows to a large page and does not keep that size afterwards. */
class HtmlPageBufferTest {

  private static byte[] response(String body) {
    return ("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> read(HtmlPage page, byte[] block) {
    List<String> urls = new ArrayList<>();
    int r =
        page.read(
            block,
            block.length,
            null,
            new HtmlPage.Links() {
              @Override
              public void imageLink(String url, String alt, String title) {
                urls.add(url + " " + alt);
              }

              @Override
              public void imgWithoutSrc(boolean lazy) {}
            });
    assertEquals(HtmlPage.HTML, r);
    return urls;
  }

  @Test
  void aLargePageDoesNotPinItsBufferForTheNextPages() {
    HtmlPage page = new HtmlPage();
    String padding = "<p>filler text</p>".repeat(HtmlPage.KEEP_CHARS / 9);
    byte[] large = response("<html><img src=\"http://a.example/1.jpg\" alt=\"one\">" + padding);
    assertEquals(List.of("http://a.example/1.jpg one"), read(page, large));
    assertTrue(page.bufferChars() > HtmlPage.KEEP_CHARS, "grew to " + page.bufferChars());
    byte[] small = response("<html><img src=\"http://a.example/2.jpg\" alt=\"two\">");
    assertEquals(List.of("http://a.example/2.jpg two"), read(page, small));
    assertTrue(page.bufferChars() <= 1 << 16, "kept " + page.bufferChars() + " chars");
  }
}
