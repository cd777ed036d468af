package org.metaclipspark.curation.metadata.wiki;

import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One {@code <page>} of a MediaWiki {@code pages-articles} export: title, namespace, id, whether it
 * is a redirect, and the wikitext of its (last) revision. Immutable.
 *
 * @param title the page title, e.g. {@code Anarchism}
 * @param ns the namespace number; articles are 0
 * @param id the page id
 * @param redirect whether the page has a {@code <redirect>} element
 * @param text the wikitext of the last {@code <revision>}, empty when there is none
 */
public record WikiPage(String title, int ns, long id, boolean redirect, String text) {
  private static final XMLInputFactory XML = newFactory();

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false); // no external entities from a dump
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  /**
   * Parses one {@code <page>...</page>} element as it stands in a dump (no namespace declarations
   * are needed).
   *
   * @throws XMLStreamException when the element is not well-formed XML
   */
  public static WikiPage parse(String pageXml) throws XMLStreamException {
    XMLStreamReader r = XML.createXMLStreamReader(new StringReader(pageXml));
    try {
      String title = null;
      int ns = 0;
      long id = -1;
      boolean redirect = false;
      String text = "";
      int depth = 0;
      boolean inRevision = false;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = r.getLocalName();
          if (depth == 2) {
            // getElementText consumes the end tag, hence depth-- on those.
            switch (name) {
              case "title" -> {
                title = r.getElementText();
                depth--;
              }
              case "ns" -> {
                ns = Integer.parseInt(r.getElementText().trim());
                depth--;
              }
              case "id" -> {
                id = Long.parseLong(r.getElementText().trim());
                depth--;
              }
              case "redirect" -> redirect = true;
              case "revision" -> inRevision = true;
              default -> {}
            }
          } else if (depth == 3 && inRevision && name.equals("text")) {
            text = r.getElementText();
            depth--;
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth == 2 && r.getLocalName().equals("revision")) {
            inRevision = false;
          }
          depth--;
        }
      }
      if (title == null) {
        throw new XMLStreamException("page without <title>");
      }
      return new WikiPage(title, ns, id, redirect, text);
    } catch (NumberFormatException e) {
      throw new XMLStreamException("page with a non-numeric <ns> or <id>: " + e.getMessage());
    } finally {
      r.close();
    }
  }
}
