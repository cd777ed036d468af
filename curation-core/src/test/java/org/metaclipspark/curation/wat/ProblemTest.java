package org.metaclipspark.curation.wat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The problem messages are in manifests and quoted by the README: their text is pinned here. */
class ProblemTest {

  @Test
  void formatsEveryPart() {
    Problem p =
        new Problem(
            SkipReasons.RECORD_BAD_JSON,
            25764,
            "bad JSON",
            "payload byte 200 of 200",
            "Unexpected end-of-input",
            "record skipped");
    assertEquals(
        "bad JSON at offset 25764 in s.wat.gz (payload byte 200 of 200): Unexpected"
            + " end-of-input; record skipped",
        p.format("s.wat.gz"));
  }

  @Test
  void leavesOutContextAndDetailWhenAbsent() {
    Problem p =
        Problem.of(
            SkipReasons.RECORD_INVALID_UTF8,
            7,
            "invalid UTF-8 in the WARC-Target-URI of the record",
            null,
            "the record is skipped");
    assertEquals(
        "invalid UTF-8 in the WARC-Target-URI of the record at offset 7 in x; the record is"
            + " skipped",
        p.format("x"));
    assertEquals(
        "truncated gzip member at offset 3 in x (inside the record block): file ends; skipped",
        Problem.of(SkipReasons.RECORD_TRUNCATED, 3, "truncated gzip member", "file ends", "skipped")
            .withContext("inside the record block")
            .format("x"));
  }

  /** A shard cut inside its WARC header gives the message users have always seen. */
  @Test
  void readerReportsTheExactText() throws IOException {
    byte[] cut = "WARC/1.0\r\nWARC-Type: metadata\r\n".getBytes(StandardCharsets.US_ASCII);
    WatPairReaderTest.Run run = WatPairReaderTest.read(cut);
    assertEquals(1L, run.stats().skipped().get(SkipReasons.RECORD_TRUNCATED));
    assertEquals(
        "truncated record at offset 0 in test.warc.wat.gz: the shard ends inside the WARC"
            + " header; the record is skipped (re-download the shard if it should be complete)",
        run.stats().problems().get(0));
    assertTrue(run.pairs().isEmpty());
  }

  @Test
  void tooLargeRecordReadsLikeTheOthers() throws IOException {
    byte[] payload =
        "{\"pad\":\"".concat("x".repeat(2000)).concat("\"}").getBytes(StandardCharsets.US_ASCII);
    byte[] record = WarcFixtures.metadataRecord("https://example.org/", payload);
    WatPairReaderTest.Run run =
        WatPairReaderTest.read(record, WatReaderOptions.defaults().withMaxRecordBytes(1024));
    assertEquals(1L, run.stats().skipped().get(SkipReasons.RECORD_TOO_LARGE));
    assertEquals(
        "record too large at offset 0 in test.warc.wat.gz: Content-Length "
            + payload.length
            + " is over maxRecordBytes 1024; it was streamed through and skipped"
            + " (raise input.maxRecordBytes to read it)",
        run.stats().problems().get(0));
  }
}
