package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each HTML page of the shared WARCs, before section 4: the charset it is decoded with, where that
 * came from, and its links with their raw values after entity decoding, equal the {@code
 * links.jsonl} that the generator itself was checked against (see {@code shared/data/warc}).
 */
class WarcLinksGoldenTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyPageHasTheCharsetAndLinksOfItsLinksJsonLine() throws IOException {
    for (Path warc : org.metaclipspark.curation.testsupport.SharedData.warcShards()) {
      String name = warc.getFileName().toString().replace(".warc.gz", ".links.jsonl");
      Map<Long, JsonNode> expected = new HashMap<>();
      for (String line :
          Files.readAllLines(
              warc.resolveSibling("expected").resolve(name), StandardCharsets.UTF_8)) {
        JsonNode n = JSON.readTree(line);
        expected.put(n.get("offset").asLong(), n);
      }
      ShardStats stats = new ShardStats(name, 10);
      HtmlPage page = new HtmlPage();
      int pages = 0;
      try (WarcRecordReader records =
          new WarcRecordReader(
              DecodedShard.open(Files.newInputStream(warc)), WatReaderOptions.defaults(), stats)) {
        while (records.nextWantedRecord()) {
          List<List<String>> links = new ArrayList<>();
          int r =
              page.read(
                  records.block(),
                  records.blockLength(),
                  records.identifiedPayloadType(),
                  new HtmlPage.Links() {
                    @Override
                    public void imageLink(String url, String alt, String title) {
                      links.add(List.of(url, String.valueOf(alt), String.valueOf(title)));
                    }

                    @Override
                    public void imgWithoutSrc(boolean lazy) {}
                  });
          long offset = records.recordOffset();
          JsonNode e = expected.get(offset);
          String where = name + " record at " + offset;
          assertEquals(e != null, r == HtmlPage.HTML, where + ": an HTML page in links.jsonl");
          if (e == null) {
            continue;
          }
          pages++;
          String uri = e.get("uri").asText(); // as written: angle brackets stay
          assertEquals(
              uri.startsWith("<") ? uri.substring(1, uri.length() - 1) : uri,
              records.targetUri(),
              where);
          assertEquals(e.get("charsetFrom").asText(), page.charsetFrom(), where);
          if (page.charset() != null) {
            assertEquals(
                HtmlCharset.charset(e.get("charset").asText()), page.charset(), where + " charset");
          }
          List<List<String>> want = new ArrayList<>();
          for (JsonNode l : e.get("links")) {
            want.add(
                List.of(
                    l.get("url").asText(),
                    l.has("alt") ? l.get("alt").asText() : "null",
                    l.has("title") ? l.get("title").asText() : "null"));
          }
          assertEquals(want, links, where);
        }
      }
      assertEquals(expected.size(), pages, name + ": every page of links.jsonl was read");
    }
  }
}
