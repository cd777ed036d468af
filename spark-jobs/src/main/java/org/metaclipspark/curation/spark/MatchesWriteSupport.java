package org.metaclipspark.curation.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.metaclipspark.curation.match.MatchBuffer;
import org.metaclipspark.curation.wat.ImageTextPair;

/**
 * Writes {@code matches.v1} rows straight from the reader's pairs and the matcher's buffer into
 * parquet-hadoop's record consumer: no Spark {@code Row}, no {@code InternalRow} conversion. The
 * Parquet schema is the one Spark writes for the declared StructType, and the footer carries that
 * StructType (with its descriptions) under Spark's own key, so Spark reads the files exactly as if
 * it had written them. The shard's accounting goes into the footer when the file is closed.
 *
 * <p>Consecutive pairs of a shard share their page URL (one record) and often their image (several
 * texts of one link); their encoded bytes are reused by identity of the strings. Not thread-safe:
 * one per file.
 */
final class MatchesWriteSupport extends WriteSupport<MatchesWriteSupport.MatchRow> {
  /** The fields of {@code matches.v1}, as Spark 4 writes its StructType. */
  private static final String FIELDS =
      "  required binary uuid (STRING);\n"
          + "  required binary url (STRING);\n"
          + "  required binary text (STRING);\n"
          + "  required binary text_key (STRING);\n"
          + "  required binary page_url (STRING);\n"
          + "  required binary warc_filename (STRING);\n"
          + "  required int64 warc_record_offset;\n"
          + "  required group matched_entry_ids (LIST) {\n"
          + "    repeated group list {\n"
          + "      required int32 element;\n"
          + "    }\n"
          + "  }\n";

  /** The Parquet schema of {@code matches.v1}. */
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType("message spark_schema {\n" + FIELDS + "}");

  /** The Parquet schema of {@code matches.v2}: {@code matches.v1} and the text's key last. */
  static final MessageType SCHEMA_WORLDWIDE =
      MessageTypeParser.parseMessageType(
          "message spark_schema {\n" + FIELDS + "  required binary lang (STRING);\n}");

  /** Footer key under which Spark stores a file's Catalyst schema. */
  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  /**
   * One row to write: a pair, its matched entry ids and, in worldwide mode, its text's key; reused
   * for every row of a file.
   */
  static final class MatchRow {
    ImageTextPair pair;
    MatchBuffer ids;
    String lang;
  }

  private final Binary warcFilename;
  private final Supplier<String> report;
  private final boolean worldwide;
  private final Map<String, Binary> langs = new HashMap<>();
  private final Map<String, Binary> textKeys = new HashMap<>();
  private RecordConsumer out;
  private String lastPageUrl;
  private Binary lastPageUrlBinary;
  private String lastUuid;
  private Binary lastUuidBinary;
  private String lastUrl;
  private Binary lastUrlBinary;

  /**
   * @param shard the shard name written as {@code warc_filename} in every row
   * @param report gives the shard's accounting JSON once all rows are written
   * @param worldwide whether rows carry their key ({@code matches.v2}) or not ({@code matches.v1})
   */
  MatchesWriteSupport(String shard, Supplier<String> report, boolean worldwide) {
    this.warcFilename = Binary.fromString(shard);
    this.report = report;
    this.worldwide = worldwide;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    Map<String, String> meta = new HashMap<>();
    meta.put(
        SPARK_SCHEMA_KEY,
        Schemas.load(worldwide ? Schemas.MATCHES_WORLDWIDE : Schemas.MATCHES).json());
    return new WriteContext(worldwide ? SCHEMA_WORLDWIDE : SCHEMA, meta);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(MatchRow row) {
    ImageTextPair p = row.pair;
    if (p.pageUrl() != lastPageUrl) {
      lastPageUrl = p.pageUrl();
      lastPageUrlBinary = Binary.fromString(lastPageUrl);
    }
    if (p.uuid() != lastUuid) {
      lastUuid = p.uuid();
      lastUuidBinary = Binary.fromString(lastUuid);
    }
    if (p.imageUrl() != lastUrl) {
      lastUrl = p.imageUrl();
      lastUrlBinary = Binary.fromString(lastUrl);
    }
    out.startMessage();
    binary("uuid", 0, lastUuidBinary);
    binary("url", 1, lastUrlBinary);
    binary("text", 2, Binary.fromString(p.text()));
    binary("text_key", 3, textKeys.computeIfAbsent(p.textKey(), Binary::fromString));
    binary("page_url", 4, lastPageUrlBinary);
    binary("warc_filename", 5, warcFilename);
    out.startField("warc_record_offset", 6);
    out.addLong(p.recordOffset());
    out.endField("warc_record_offset", 6);
    out.startField("matched_entry_ids", 7);
    out.startGroup();
    MatchBuffer ids = row.ids;
    int n = ids.size();
    if (n > 0) {
      out.startField("list", 0);
      for (int i = 0; i < n; i++) {
        out.startGroup();
        out.startField("element", 0);
        out.addInteger(ids.get(i));
        out.endField("element", 0);
        out.endGroup();
      }
      out.endField("list", 0);
    }
    out.endGroup();
    out.endField("matched_entry_ids", 7);
    if (worldwide) {
      binary("lang", 8, langs.computeIfAbsent(row.lang, Binary::fromString));
    }
    out.endMessage();
  }

  private void binary(String field, int index, Binary value) {
    out.startField(field, index);
    out.addBinary(value);
    out.endField(field, index);
  }

  @Override
  public FinalizedWriteContext finalizeWrite() {
    return new FinalizedWriteContext(Map.of(ShardFiles.REPORT_KEY, report.get()));
  }
}
