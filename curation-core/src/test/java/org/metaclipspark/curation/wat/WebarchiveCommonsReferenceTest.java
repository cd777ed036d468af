package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.archive.extract.ExtractingResourceFactoryMapper;
import org.archive.extract.ExtractingResourceProducer;
import org.archive.extract.ProducerUtils;
import org.archive.extract.WATExtractorOutput;
import org.archive.resource.Resource;
import org.junit.jupiter.api.Test;

/**
 * The second reference of the WARC path: upstream {@code webarchive-commons} 1.3.0 (the library
 * Common Crawl's WAT generator is a fork of) writes WAT records from the shared WARCs, and our WAT
 * path reads them. Our WARC path must equal that exactly once the known differences between
 * upstream and Common Crawl's fork are set to upstream's ({@link HtmlPage.Rules}), apart from one
 * more: upstream does not read a page with two HTTP {@code Content-Type} headers as HTML. Each
 * difference is counted and asserted on its own.
 */
class WebarchiveCommonsReferenceTest {

  @Test
  void ourWarcPathEqualsUpstreamsWatRecordsUpToTheKnownDifferences() throws Exception {
    for (Path warc : org.metaclipspark.curation.testsupport.SharedData.warcShards()) {
      String name = warc.getFileName().toString();
      Map<String, List<List<String>>> upstream = byPage(upstreamWat(warc), null);
      Map<String, List<List<String>>> asUpstream =
          byPage(Files.readAllBytes(warc), HtmlPage.Rules.WEBARCHIVE_COMMONS_1_3);
      Set<String> twoContentTypes = pagesWithTwoContentTypes(warc);

      // 1. upstream's rules reproduce upstream's WAT on every page but those with two
      //    Content-Type headers, which upstream leaves without links
      Set<String> pages = new TreeSet<>(upstream.keySet());
      pages.addAll(asUpstream.keySet());
      int notHtmlUpstream = 0;
      for (String page : pages) {
        List<List<String>> theirs = upstream.getOrDefault(page, List.of());
        List<List<String>> ours = asUpstream.getOrDefault(page, List.of());
        if (twoContentTypes.contains(page)) {
          assertEquals(List.of(), theirs, name + " " + page);
          notHtmlUpstream += ours.isEmpty() ? 0 : 1;
        } else {
          assertEquals(sorted(theirs), sorted(ours), name + " " + page);
        }
      }

      // 2. each rule of Common Crawl's fork, switched on alone, changes pairs of the synthetic
      //    shards (which exercise all three)
      Map<String, List<List<String>>> spec =
          byPage(Files.readAllBytes(warc), HtmlPage.Rules.COMMON_CRAWL_2025);
      int entities =
          pagesDiffering(
              asUpstream, byPage(Files.readAllBytes(warc), new HtmlPage.Rules(true, false, true)));
      int payloadType =
          pagesDiffering(
              asUpstream, byPage(Files.readAllBytes(warc), new HtmlPage.Rules(false, true, true)));
      int script =
          pagesDiffering(
              asUpstream,
              byPage(Files.readAllBytes(warc), new HtmlPage.Rules(false, false, false)));
      int all = pagesDiffering(asUpstream, spec);
      System.out.printf(
          "%s: pages differing from upstream's rules by entity decoding %d, payload type %d,"
              + " script bodies %d, all three %d; pages upstream does not read as HTML for two"
              + " Content-Type headers: %d%n",
          name, entities, payloadType, script, all, notHtmlUpstream);
      if (name.startsWith("CC-SAMPLE")) {
        assertTrue(entities > 0 && payloadType > 0 && script > 0 && notHtmlUpstream > 0, name);
        assertTrue(all >= Math.max(entities, Math.max(payloadType, script)), name);
      } else {
        // the real page: entity references in its alt texts (&#8217; and the like), nothing else
        assertEquals(List.of(1, 0, 0, 0), List.of(entities, payloadType, script, notHtmlUpstream));
      }
    }
  }

  /** The WAT file upstream writes for {@code warc}. */
  static byte[] upstreamWat(Path warc) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExtractingResourceProducer producer =
        new ExtractingResourceProducer(
            ProducerUtils.getProducer(warc.toString()), new ExtractingResourceFactoryMapper());
    WATExtractorOutput wat = new WATExtractorOutput(out, "reference.warc.wat.gz");
    for (Resource r; (r = producer.getNext()) != null; ) {
      wat.output(r);
    }
    producer.close();
    return out.toByteArray();
  }

  /** The pairs of a WAT file ({@code rules} null) or of a WARC file read by {@code rules}. */
  static Map<String, List<List<String>>> byPage(byte[] shard, HtmlPage.Rules rules)
      throws IOException {
    Map<String, List<List<String>>> m = new TreeMap<>();
    InputStream in = new ByteArrayInputStream(shard);
    try (WatPairReader r =
        rules == null
            ? WatPairReader.open(in, "reference", WatReaderOptions.defaults())
            : WatPairReader.open(in, "ours", WatReaderOptions.defaults(), rules)) {
      while (r.hasNext()) {
        ImageTextPair p = r.next();
        m.computeIfAbsent(p.pageUrl(), k -> new ArrayList<>())
            .add(List.of(p.uuid(), p.imageUrl(), p.textKey(), p.text()));
      }
      assertTrue(r.stats().problems().stream().allMatch(s -> s.startsWith("no HTTP response")));
    }
    return m;
  }

  static int pagesDiffering(Map<String, List<List<String>>> a, Map<String, List<List<String>>> b) {
    Set<String> pages = new TreeSet<>(a.keySet());
    pages.addAll(b.keySet());
    int n = 0;
    for (String page : pages) {
      if (!sorted(a.getOrDefault(page, List.of()))
          .equals(sorted(b.getOrDefault(page, List.of())))) {
        n++;
      }
    }
    return n;
  }

  static List<String> sorted(List<List<String>> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(String.join("\u0001", r)));
    out.sort(null);
    return out;
  }

  /** Target URIs of response records whose HTTP header has Content-Type twice (any case). */
  static Set<String> pagesWithTwoContentTypes(Path warc) throws IOException {
    byte[] plain = new GZIPInputStream(Files.newInputStream(warc)).readAllBytes();
    String text = new String(plain, StandardCharsets.ISO_8859_1);
    Set<String> pages = new TreeSet<>();
    int at = 0;
    while ((at = text.indexOf("WARC/1.0\r\n", at)) >= 0) {
      int headerEnd = text.indexOf("\r\n\r\n", at);
      String header = text.substring(at, headerEnd);
      int httpEnd = text.indexOf("\r\n\r\n", headerEnd + 4);
      at = headerEnd + 4;
      if (!header.contains("WARC-Type: response") || httpEnd < 0) {
        continue;
      }
      String http = text.substring(headerEnd + 4, httpEnd).toLowerCase(java.util.Locale.ROOT);
      int first = http.indexOf("\ncontent-type:");
      if (first >= 0 && http.indexOf("\ncontent-type:", first + 1) >= 0) {
        int u = header.indexOf("WARC-Target-URI: ") + 17;
        String uri = header.substring(u, header.indexOf('\r', u));
        pages.add(uri.startsWith("<") ? uri.substring(1, uri.length() - 1) : uri);
      }
    }
    return pages;
  }
}
