package org.metaclipspark.curation.metadata.wiki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WikitextTest {
  private static String plain(String wikitext) throws WikitextException {
    return Wikitext.toPlainText(wikitext);
  }

  @Test
  void templatesNestedInTemplatesAreDroppedWhole() throws WikitextException {
    assertEquals(
        "Before  after.", plain("Before {{Infobox|name={{nowrap|X {{small|y}}}}|z=1}} after."));
    assertEquals("a  b", plain("a {{outer|{{{1}}}|{{inner}}}} b").replace("}", ""));
  }

  @Test
  void refTagsWithContentAndSelfClosingRefsAreDropped() throws WikitextException {
    assertEquals(
        "Anarchism is a philosophy. It grew.",
        plain(
            "Anarchism is a philosophy.<ref>Woodcock, ''Anarchism'', p. 1</ref>"
                + " It grew.<ref name=x/>"));
    assertEquals("A B", plain("A<ref name=\"iaf\" /> B<REF group=n>note [[link]]</REF>"));
  }

  @Test
  void tablesAreDroppedAlsoWhenNested() throws WikitextException {
    assertEquals(
        "Intro\n\nOutro",
        plain(
            "Intro\n{| class=wikitable\n|-\n| cell || {{t}}\n{|\n| inner\n|}\n| more\n|}\nOutro"));
  }

  @Test
  void linksKeepTheirVisibleTextWithAndWithoutLabel() throws WikitextException {
    assertEquals(
        "political philosophy advocates self-governed societies and buses.",
        plain(
            "[[political philosophy]] advocates [[self-governance|self-governed]] societies and"
                + " [[bus]]es."));
    assertEquals(
        "see Category:Foo and history", plain("see [[:Category:Foo]] and [[#History|history]]"));
  }

  @Test
  void fileCategoryAndInterlanguageLinksAreDroppedWithTheirCaptions() throws WikitextException {
    assertEquals(
        "Text  more  end",
        plain(
            "Text [[File:Flag.svg|thumb|A [[flag]] of {{country|X}}]] more [[Category:Political"
                + " philosophy]] end[[de:Anarchismus]]"));
    assertEquals("x", plain("[[Image:a.png|left]]x"));
    assertEquals("a\nb", plain("a\n[[File:Map.png|thumb|350px|A caption\non two lines]]b"));
  }

  @Test
  void htmlEntitiesAreDecodedAndHtmlTagsRemoved() throws WikitextException {
    assertEquals(
        "AT&T costs 5\u00a0€ \u2014 <not a tag> café",
        plain("AT&amp;T costs 5&nbsp;&euro; &mdash; &lt;not a tag&gt; caf&#233;"));
    assertEquals("bold text and small", plain("<b>bold</b> text and <small>small</small>"));
    assertEquals("a b", plain("a<br/>b").replace("  ", " "));
  }

  @Test
  void markupOfEmphasisHeadingsListsCommentsAndUrlsIsDropped() throws WikitextException {
    assertEquals(
        "History\nbold and italic\nitem\nlabel\n",
        plain(
            "== History ==\n'''bold''' and ''italic''<!-- hidden -->\n* item\n"
                + "[http://example.org/x label] http://example.org/bare\n__NOTOC__"));
  }

  @Test
  void unbalancedTemplateIsAnErrorWithItsOffset() {
    WikitextException e =
        assertThrows(WikitextException.class, () -> plain("Fine text. {{cite web|url=x"));
    assertEquals(11, e.offset());
    assertTrue(e.getMessage().contains("'{{' never closed"), e.getMessage());
  }

  @Test
  void unclosedRefAndTableAreErrors() {
    assertThrows(WikitextException.class, () -> plain("x<ref>never closed"));
    assertThrows(WikitextException.class, () -> plain("x\n{|\n| cell\n"));
  }

  @Test
  void standardTokenizerKeepsCaseAndDropsPunctuation() {
    ArticleTokenizer tokenizer = ArticleTokenizer.forAnalyzer(ArticleTokenizer.DEFAULT_ANALYZER);
    assertEquals(
        List.of("Anarchism", "is", "a", "U.S", "don't", "3.14", "New", "York"),
        tokenizer.tokens("Anarchism is a — U.S. (don't) 3.14; New-York!"));
  }

  @Test
  void aTokenizerClassIsUsedAloneAndAnAnalyzerWithItsFilters() {
    ArticleTokenizer whitespace =
        ArticleTokenizer.forAnalyzer("org.apache.lucene.analysis.core.WhitespaceTokenizer");
    assertEquals(List.of("New-York,", "Don't"), whitespace.tokens("New-York, Don't"));
    ArticleTokenizer simple =
        ArticleTokenizer.forAnalyzer("org.apache.lucene.analysis.core.SimpleAnalyzer");
    assertEquals(List.of("new", "york", "don", "t"), simple.tokens("New-York, Don't"));
  }

  @Test
  void analyzerThatDoesNotExistNamesTheFix() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ArticleTokenizer.forAnalyzer("org.example.NoSuchAnalyzer"));
    assertTrue(e.getMessage().contains("classpath"), e.getMessage());
    assertFalse(
        assertThrows(
                IllegalArgumentException.class,
                () -> ArticleTokenizer.forAnalyzer("java.lang.String"))
            .getMessage()
            .isEmpty());
  }

  @Test
  void pmiIsLog2OfObservedOverExpected() {
    // count(a b) = 2, count(a) = 4, count(b) = 8, N = 1024: log2(2 * 1024 / 32) = 6
    assertEquals(6.0, Pmi.pmi(2, 4, 8, 1024), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Pmi.pmi(0, 1, 1, 1));
  }
}
