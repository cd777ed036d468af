package org.metaclipspark.curation.wat;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The accounting of one shard read by a {@link WatPairReader}: what was read, used and skipped,
 * with the reason and shard offset of every damaged record.
 *
 * <p>The counters are live while the reader runs and complete once its {@code hasNext()} has
 * returned false. These identities hold at every record boundary, in particular at the end:
 *
 * <ol>
 *   <li>{@code records() == metadataRecords() + htmlPages() + otherRecords() +
 *       skippedWithPrefix("record.")}
 *   <li>{@code imageLinks() == linksWithPairs() + linksWithoutText() + skippedWithPrefix("link.")}
 *   <li>{@code pairs() >= linksWithPairs()}, one pair per non-empty text of a kept link
 * </ol>
 *
 * {@code records()} counts every WARC record started, plus each damaged stretch of the shard that
 * could not be read as a record (a corrupt gzip member, bytes that are not a record); such a
 * stretch counts once however many records it held. {@code metadataRecords()} counts {@code
 * metadata} records with a {@code WARC-Target-URI} whose payload parsed as JSON, with or without
 * links; {@code htmlPages()} the HTML response records of a WARC shard whose tags were read; {@code
 * otherRecords()} every other intact record that is not skipped by reason ({@code warcinfo},
 * metadata without a target URI). {@link #inputKind()} says which kind the shard is. Link, JSON and
 * text counters only include records that parsed completely, so a record skipped for bad JSON adds
 * nothing to them.
 *
 * <p>Not thread-safe: read it from the thread that drives the reader, or after it is done.
 */
public final class ShardStats implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String shard;
  private final int maxProblems;
  private long compressedBytes;
  private long uncompressedBytes;
  private long records;
  private long metadataRecords;
  private long otherRecords;
  private String inputKind = WarcRecordReader.KIND_UNKNOWN;
  private long htmlPages;
  private long htmlPagesTruncated;
  private long imageLinks;
  private long linksWithPairs;
  private long linksWithoutText;
  private long pairs;
  private final TreeMap<String, Long> skipped = new TreeMap<>();
  private final ArrayList<String> problems = new ArrayList<>();
  private long problemsOmitted;

  ShardStats(String shard, int maxProblems) {
    this.shard = shard;
    this.maxProblems = maxProblems;
  }

  /** The shard name given to {@link WatPairReader#open}. */
  public String shard() {
    return shard;
  }

  /** Bytes consumed from the input stream: compressed bytes for gzip, all bytes for plain WARC. */
  public long bytesRead() {
    return compressedBytes;
  }

  /** Same as {@link #bytesRead()}. */
  public long compressedBytes() {
    return compressedBytes;
  }

  /** Decoded bytes: the uncompressed size of what was read. */
  public long uncompressedBytes() {
    return uncompressedBytes;
  }

  /** WARC records seen, damaged ones included (identity 1). */
  public long records() {
    return records;
  }

  /** Metadata records with a {@code WARC-Target-URI} whose JSON payload parsed. */
  public long metadataRecords() {
    return metadataRecords;
  }

  /**
   * What the shard holds, told by its content: {@code "wat"}, {@code "warc"}, or {@code "unknown"}
   * when it has no intact record other than {@code warcinfo}.
   */
  public String inputKind() {
    return inputKind;
  }

  /** WARC shards: HTML response records whose tags were read, with or without image links. */
  public long htmlPages() {
    return htmlPages;
  }

  /**
   * WARC shards: those of {@link #htmlPages()} whose record has a {@code WARC-Truncated} header;
   * their payload is used as it is (spec section 4b.3).
   */
  public long htmlPagesTruncated() {
    return htmlPagesTruncated;
  }

  /** Intact records that are not used: {@code warcinfo}, requests, metadata without target. */
  public long otherRecords() {
    return otherRecords;
  }

  /** Links whose {@code path} starts with {@code IMG@/src} (identity 2). */
  public long imageLinks() {
    return imageLinks;
  }

  /** Image links with an http(s) URL and at least one non-empty text. */
  public long linksWithPairs() {
    return linksWithPairs;
  }

  /** Image links with an http(s) URL but no usable text (all absent, empty or not strings). */
  public long linksWithoutText() {
    return linksWithoutText;
  }

  /** Pairs emitted. */
  public long pairs() {
    return pairs;
  }

  /** Skip reason (see {@link SkipReasons}) to count, sorted by reason. */
  public SortedMap<String, Long> skipped() {
    return Collections.unmodifiableSortedMap(skipped);
  }

  /** The sum of {@link #skipped()} over reasons starting with {@code prefix}. */
  public long skippedWithPrefix(String prefix) {
    long sum = 0;
    for (Map.Entry<String, Long> e : skipped.tailMap(prefix).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      sum += e.getValue();
    }
    return sum;
  }

  /**
   * The first {@link WatReaderOptions#maxProblems()} messages about damaged records, each naming
   * the shard offset, what is wrong and what to do (the format is {@link Problem#format}); {@link
   * #problemsOmitted()} counts the rest.
   */
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  /** Problems counted but not kept in {@link #problems()}. */
  public long problemsOmitted() {
    return problemsOmitted;
  }

  /** All counters in a fixed order, for a JSON manifest. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("shard", shard);
    m.put("compressed_bytes", compressedBytes);
    m.put("uncompressed_bytes", uncompressedBytes);
    m.put("input_kind", inputKind);
    m.put("records", records);
    m.put("metadata_records", metadataRecords);
    m.put("html_pages", htmlPages);
    m.put("html_pages_truncated", htmlPagesTruncated);
    m.put("other_records", otherRecords);
    m.put("image_links", imageLinks);
    m.put("links_with_pairs", linksWithPairs);
    m.put("links_without_text", linksWithoutText);
    m.put("pairs", pairs);
    m.put("skipped", new LinkedHashMap<>(skipped));
    m.put("problems", new ArrayList<>(problems));
    m.put("problems_omitted", problemsOmitted);
    return m;
  }

  @Override
  public String toString() {
    return toMap().toString();
  }

  void setBytes(long compressed, long uncompressed) {
    this.compressedBytes = compressed;
    this.uncompressedBytes = uncompressed;
  }

  /** Counts one skipped record (or damaged stretch) and keeps its message. */
  void skipRecord(Problem problem) {
    records++;
    skip(problem.reason(), 1);
    problem(problem);
  }

  void skip(String reason, long n) {
    if (n > 0) {
      skipped.merge(reason, n, Long::sum);
    }
  }

  void problem(Problem problem) {
    if (problems.size() < maxProblems) {
      problems.add(problem.format(shard));
    } else {
      problemsOmitted++;
    }
  }

  void metadataRecord(long links, long withPairs, long withoutText, long emitted) {
    records++;
    metadataRecords++;
    imageLinks += links;
    linksWithPairs += withPairs;
    linksWithoutText += withoutText;
    pairs += emitted;
  }

  /** Counts one intact record skipped by reason, with no message (it is not damaged). */
  void skipQuietly(String reason) {
    records++;
    skip(reason, 1);
  }

  void inputKind(String kind) {
    this.inputKind = kind;
  }

  void htmlPage(boolean truncated, long links, long withPairs, long withoutText, long emitted) {
    records++;
    htmlPages++;
    if (truncated) {
      htmlPagesTruncated++;
    }
    imageLinks += links;
    linksWithPairs += withPairs;
    linksWithoutText += withoutText;
    pairs += emitted;
  }

  void otherRecord() {
    records++;
    otherRecords++;
  }
}
