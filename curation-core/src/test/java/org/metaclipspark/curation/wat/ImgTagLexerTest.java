package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexer rules of spec section 4b.5 and 4b.6, one construct each. */
class ImgTagLexerTest {

  /** Each img tag as "src|alt|title" (null shown as "-"), tags without src as "nosrc"/"lazy". */
  static List<String> imgs(String html) {
    List<String> out = new ArrayList<>();
    char[] a = html.toCharArray();
    new ImgTagLexer()
        .lex(
            a,
            a.length,
            new ImgTagLexer.Sink() {
              @Override
              public void img(String src, String alt, String title) {
                out.add(
                    src + "|" + (alt == null ? "-" : alt) + "|" + (title == null ? "-" : title));
              }

              @Override
              public void imgWithoutSrc(boolean lazy) {
                out.add(lazy ? "lazy" : "nosrc");
              }
            });
    return out;
  }

  @Test
  void attributeSyntaxQuotedUnquotedAndSpacedAroundEquals() {
    assertEquals(
        List.of("a|x|-", "b|y|t/", "c|-|-", "d/|-|-", "e|z|-"),
        imgs(
            "<img src=\"a\" alt='x'><IMG SRC = b\nALT= \"y\" Title=t/><img src=c /><img src=d/>"
                + "<img\tsrc='e'alt=\"z\">"));
  }

  @Test
  void theFirstOccurrenceOfANameWins() {
    assertEquals(List.of("a|x|t1"), imgs("<img src=a SRC=b alt=x ALT=y title=t1 title=t2>"));
  }

  @Test
  void tagNamesLoseOneLeadingOrTrailingSlash() {
    assertEquals(List.of("b|-|-"), imgs("<img/src=a><img/ src=b></img src=c alt=d>"));
  }

  @Test
  void anEqualsSignBeforeTheTagEndGivesNoValue() {
    assertEquals(List.of("a|-|-", "nosrc"), imgs("<img src=a alt=><img src="));
  }

  @Test
  void aNameWithoutEqualsHasNoValue() {
    assertEquals(
        List.of("a|-|-", "b||-", "nosrc"), imgs("<img alt src=a><img src=b alt=\"\"><img src>"));
  }

  @Test
  void strictCommentsHideTheirImgs() {
    assertEquals(List.of(), imgs("<!-- a -- --> <img src=x> <!-- y -->"));
    assertEquals(List.of(), imgs("<!-- x --!> <img src=x> <!-- y -->"));
    assertEquals(List.of("b|-|-"), imgs("<!-- <img src=a> --><img src=b>"));
    assertEquals(
        List.of("c|-|-"), imgs("<!--[if lt IE 9]><img src=a><![endif]--><!-- -- \n><img src=c>"));
    assertEquals(List.of(), imgs("<!-- unterminated <img src=a>"));
  }

  @Test
  void scriptAndStyleBodiesAreSkippedToTheirClosingTag() {
    assertEquals(
        List.of("ok|-|-"),
        imgs(
            "<script>var s='<img src=a>'; '</p>'; // </b>\ndocument.write(\"<img src=b>\")"
                + "</SCRIPT ><style>/* <img src=c> */ p:after{content:\"</p>\"}</style><img src=ok>"));
    assertEquals(List.of("d|-|-"), imgs("<script src=\"x.js\" /><img src=d></script>"));
    assertEquals(List.of("e|-|-"), imgs("<script src=/a.js/></script><img src=e>"));
    assertEquals(List.of(), imgs("<script><</script><img src=f>"));
  }

  @Test
  void otherRawTextElementsAreNotSpecial() {
    assertEquals(
        List.of("a|-|-", "b|-|-", "c|-|-", "d|-|-"),
        imgs(
            "<textarea><img src=a></textarea><title><img src=b></title><noscript><img src=c>"
                + "</noscript><![CDATA[<img src=d>]]>"));
  }

  @Test
  void aLessThanStartsATagOnlyBeforeALetterOrMarkupCharacter() {
    assertEquals(
        List.of("a|-|-", "nosrc", "b|-|-"),
        imgs("a < b <<img src=a> <p>5 <= 7 and 3 <4</p><img alt=\"x\" <img src=b>"));
    assertEquals(List.of("c<d|-|-"), imgs("<img src=c<d>"));
  }

  @Test
  void theEndOfThePageEndsATagWithWhatWasRead() {
    assertEquals(List.of("http://x/a.jpg|Cut he|-"), imgs("<img src=http://x/a.jpg alt=\"Cut he"));
    assertEquals(
        List.of("http://x/b"), List.of(imgs("<p><img src='http://x/b").get(0).split("\\|")[0]));
  }

  @Test
  void lazyImagesWithoutSrcAreReportedApart() {
    assertEquals(
        List.of("lazy", "lazy", "nosrc"),
        imgs("<img srcset=\"a 1x\"><img data-src=b src><img alt=c>"));
  }

  @Test
  void valuesAreRawNewlinesAndEntitiesIncluded() {
    assertEquals(List.of("a&amp;b|x\r\ny\t|-"), imgs("<img src=\"a&amp;b\" alt=\"x\r\ny\t\">"));
  }
}
