package org.metaclipspark.curation.samples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.metaclipspark.curation.samples.PageDescriptions.Link;
import org.metaclipspark.curation.samples.PageDescriptions.Page;
import org.metaclipspark.curation.samples.PageDescriptions.Site;

/**
 * Writes WAT shards in Common Crawl's layout from page descriptions: a {@code warcinfo} record,
 * then for every crawled page a request, a response and a metadata {@code metadata} record, each
 * its own gzip member, with the JSON envelope Common Crawl writes.
 *
 * <p>Every page of every host is crawled twice, into different shards, so the samples hold
 * duplicate pairs for the dedup of pass 2. Two shards carry damage on purpose, so the job summary
 * shows counted skips: the second holds one response record whose JSON is cut short, the last one
 * ends in a truncated gzip member. Output is byte-for-byte deterministic.
 */
public final class SampleShardWriter {
  private static final String CRAWL = "CC-SAMPLE-LOCAL";
  private static final String DATE = "2024-05-31T01:16:45Z";
  private static final JsonFactory JSON = new JsonFactory();

  private SampleShardWriter() {}

  /** One crawled page: its URL and description. */
  private record Crawl(String url, Page page) {}

  /** Writes {@code shardCount} shards named {@code CC-SAMPLE-LOCAL-000N.warc.wat.gz}. */
  public static List<Path> write(List<Site> sites, Path outDir, int shardCount) throws IOException {
    if (shardCount < 1) {
      throw new IllegalArgumentException("shard count must be >= 1, got " + shardCount);
    }
    List<Crawl> pages = new ArrayList<>();
    for (Site site : sites) {
      for (String host : site.hosts()) {
        for (Page page : site.pages()) {
          pages.add(new Crawl(host + page.path(), page));
        }
      }
    }
    // Each page is crawled twice; the second crawl goes to the next shard, so shards share pairs.
    List<List<Crawl>> byShard = new ArrayList<>();
    for (int s = 0; s < shardCount; s++) {
      byShard.add(new ArrayList<>());
    }
    for (int pass = 0; pass < 2; pass++) {
      for (int c = 0; c < pages.size(); c++) {
        byShard.get((c + pass) % shardCount).add(pages.get(c));
      }
    }
    Files.createDirectories(outDir);
    List<Path> shards = new ArrayList<>();
    for (int s = 0; s < shardCount; s++) {
      String name = String.format("%s-%04d.warc.wat.gz", CRAWL, s + 1);
      Path path = outDir.resolve(name);
      try (OutputStream out = Files.newOutputStream(path)) {
        out.write(member(warcinfo(name)));
        for (Crawl crawl : byShard.get(s)) {
          out.write(member(metadataRecord(crawl.url(), "request", requestJson(crawl))));
          out.write(member(metadataRecord(crawl.url(), "response", responseJson(crawl))));
          out.write(member(metadataRecord(crawl.url(), "metadata", metadataJson(crawl))));
        }
        if (s == 1 && shardCount > 2) {
          String cut = responseJson(pages.get(1));
          out.write(member(metadataRecord(pages.get(1).url(), "response", cut.substring(0, 200))));
        }
        if (s == shardCount - 1) {
          byte[] last =
              member(metadataRecord(pages.get(0).url(), "response", responseJson(pages.get(0))));
          out.write(last, 0, last.length / 2);
        }
      }
      shards.add(path);
    }
    return shards;
  }

  private static byte[] member(String record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(record.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private static String warcinfo(String filename) {
    String payload =
        "Software-Info: metaclip-spark sample generator\r\nformat: WARC File Format 1.0\r\n";
    return header("warcinfo", null, id("warcinfo:" + filename), "application/warc-fields", payload)
        + payload
        + "\r\n\r\n";
  }

  private static String metadataRecord(String url, String kind, String json) {
    return header("metadata", url, id(kind + ":" + url), "application/json", json)
        + json
        + "\r\n\r\n";
  }

  private static String header(
      String type, String url, String id, String contentType, String payload) {
    StringBuilder h = new StringBuilder("WARC/1.0\r\n");
    h.append("WARC-Type: ").append(type).append("\r\n");
    if (url != null) {
      h.append("WARC-Target-URI: ").append(url).append("\r\n");
    }
    h.append("WARC-Date: ").append(DATE).append("\r\n");
    h.append("WARC-Record-ID: <urn:uuid:").append(id).append(">\r\n");
    h.append("Content-Type: ").append(contentType).append("\r\n");
    h.append("Content-Length: ")
        .append(payload.getBytes(StandardCharsets.UTF_8).length)
        .append("\r\n\r\n");
    return h.toString();
  }

  private static String id(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private interface JsonBody {
    void write(JsonGenerator json) throws IOException;
  }

  private static String envelope(Crawl crawl, String warcType, JsonBody payloadMetadata) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeObjectFieldStart("Container");
      json.writeStringField("Filename", CRAWL + ".warc.gz");
      json.writeBooleanField("Compressed", true);
      json.writeEndObject();
      json.writeObjectFieldStart("Envelope");
      json.writeStringField("Format", "WARC/1.0");
      json.writeObjectFieldStart("WARC-Header-Metadata");
      json.writeStringField("WARC-Type", warcType);
      json.writeStringField("WARC-Target-URI", crawl.url());
      json.writeEndObject();
      json.writeObjectFieldStart("Payload-Metadata");
      payloadMetadata.write(json);
      json.writeEndObject();
      json.writeEndObject();
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to a string cannot fail", e);
    }
    return text.toString();
  }

  private static String requestJson(Crawl crawl) {
    return envelope(
        crawl,
        "request",
        json -> {
          json.writeStringField("Actual-Content-Type", "application/http; msgtype=request");
          json.writeObjectFieldStart("HTTP-Request-Metadata");
          json.writeObjectFieldStart("Request-Message");
          json.writeStringField("Method", "GET");
          json.writeStringField("Path", crawl.page().path());
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  private static String metadataJson(Crawl crawl) {
    return envelope(
        crawl,
        "metadata",
        json -> json.writeStringField("Actual-Content-Type", "application/warc-fields"));
  }

  private static String responseJson(Crawl crawl) {
    return envelope(
        crawl,
        "response",
        json -> {
          json.writeStringField("Actual-Content-Type", "application/http; msgtype=response");
          json.writeObjectFieldStart("HTTP-Response-Metadata");
          json.writeObjectFieldStart("HTML-Metadata");
          json.writeObjectFieldStart("Head");
          json.writeStringField("Title", crawl.page().title());
          json.writeEndObject();
          json.writeArrayFieldStart("Links");
          for (Link link : crawl.page().links()) {
            writeLink(json, link);
          }
          json.writeEndArray();
          json.writeEndObject();
          json.writeEndObject();
        });
  }

  private static void writeLink(JsonGenerator json, Link link) throws IOException {
    json.writeStartObject();
    json.writeStringField("path", link.tag().equals("img") ? "IMG@/src" : "A@/href");
    if (link.src().equals("@number")) {
      json.writeNumberField("url", 12345);
    } else {
      json.writeStringField("url", link.src());
    }
    for (Map.Entry<String, String> attribute : link.attributes().entrySet()) {
      if (attribute.getValue().equals("@null")) {
        json.writeNullField(attribute.getKey());
      } else {
        json.writeStringField(attribute.getKey(), attribute.getValue());
      }
    }
    json.writeEndObject();
  }

  /** {@code SampleShardWriter PAGES.txt OUT_DIR [SHARDS]}: writes the sample shards. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: SampleShardWriter PAGES.txt OUT_DIR [SHARDS (default 3)]");
      System.exit(2);
    }
    int shardCount = args.length == 3 ? Integer.parseInt(args[2]) : 3;
    List<Path> shards =
        write(PageDescriptions.read(Path.of(args[0])), Path.of(args[1]), shardCount);
    for (Path shard : shards) {
      System.err.printf("wrote %s (%,d bytes)%n", shard, Files.size(shard));
    }
  }
}
