package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ImageUuidTest {

  /**
   * Vectors computed with {@code python3 -c "import hashlib; s=URL;
   * print(hashlib.sha224(s.replace(' ','').replace('\t','').encode()).hexdigest()[:24])"}.
   */
  @Test
  void matchesPythonHashlibVectors() {
    assertEquals("830ea075166a60fac7650ab1", ImageUuid.of("https://example.com/a.jpg"));
    assertEquals("661095f633b052e3d92d7122", ImageUuid.of("http://x.org/a b\tc.png"));
    assertEquals("0b74a0f43312e21e82dcd7e4", ImageUuid.of("https://例え.jp/画像.png"));
    assertEquals("d14a028c2a3a2bc9476102bb", ImageUuid.of(""));
  }

  @Test
  void ignoresSpacesAndTabsButNotOtherWhitespace() {
    assertEquals(ImageUuid.of("http://x.org/abc.png"), ImageUuid.of(" http://x.org/a b\tc.png\t"));
    assertEquals(24, ImageUuid.of("http://x.org/a\nb").length());
    org.junit.jupiter.api.Assertions.assertNotEquals(
        ImageUuid.of("http://x.org/ab"), ImageUuid.of("http://x.org/a\nb"));
  }
}
