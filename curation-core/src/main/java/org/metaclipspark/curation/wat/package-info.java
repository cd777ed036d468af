/**
 * WAT and WARC ingestion: a streaming, damage-tolerant WARC reader and the extraction of image-text
 * pairs from Common Crawl WAT metadata records: each image link ({@code path} starting {@code
 * IMG@/src}) of a page's {@code HTML-Metadata.Links} gives one pair per non-empty text among {@code
 * alt}, {@code title} and {@code data-image-title}, with its {@code url} resolved against the page
 * URL.
 *
 * <p>A WARC shard (raw Common Crawl WARC files, or a user's own crawl from wget, Heritrix or
 * Browsertrix) gives the pairs that the WAT record Common Crawl's generator writes for each of its
 * responses would give (spec section 4b): {@code HtmlPage} parses the HTTP header, applies the HTML
 * test and cuts the payload, {@code HtmlCharset} picks the charset (HTTP header, meta tag,
 * juniversalchardet, UTF-8), {@code ImgTagLexer} finds the {@code img} tags in one pass, and the
 * links go through the same section 4 steps as WAT links. Which kind a shard is, is told by its
 * first record that is not {@code warcinfo}, not by its name.
 *
 * <p>Entry point: {@link org.metaclipspark.curation.wat.WatPairReader#open}, which turns one shard
 * ({@code .warc.wat.gz} with one gzip member per record, or plain {@code .wat}) into a stream of
 * {@link org.metaclipspark.curation.wat.ImageTextPair}s in file order, and keeps a {@link
 * org.metaclipspark.curation.wat.ShardStats} account of everything it read, used or skipped.
 * Damaged input never throws: each damaged record is skipped, counted by reason and described with
 * its shard offset, and reading resumes at the next intact record.
 *
 * <p>The building blocks are usable on their own: {@link
 * org.metaclipspark.curation.wat.UrlResolver} (RFC 3986 reference resolution that agrees with
 * Python's {@code urljoin} on ordinary URLs), {@link org.metaclipspark.curation.wat.TextValues}
 * (Python {@code str.strip()} whitespace), {@link org.metaclipspark.curation.wat.ImageUuid} and
 * {@link org.metaclipspark.curation.wat.WatPathsList} (Common Crawl {@code wat.paths} lists).
 *
 * <p>Inside the reader, each layer has its class: {@code DecodedShard} inflates and checks gzip
 * members and resynchronizes after damage, {@code WarcRecordReader} frames WARC records, {@code
 * PayloadWalk} walks a payload's JSON (WAT) or {@code HtmlPage} reads a response (WARC), and {@code
 * WatPairReader} turns what they find into pairs. A damaged record becomes a {@code Problem},
 * counted under one of the {@link org.metaclipspark.curation.wat.SkipReasons} and formatted in one
 * place.
 */
package org.metaclipspark.curation.wat;
