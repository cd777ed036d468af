package org.metaclipspark.curation.wat;

import java.io.Serializable;

/**
 * One image-text pair extracted from a WAT metadata record, before matching and dedup.
 *
 * <p>Immutable and thread-safe.
 *
 * @param uuid the image id: first 24 lower-case hex digits of SHA-224 over the UTF-8 bytes of
 *     {@code imageUrl} without spaces and tabs ({@link ImageUuid#of})
 * @param imageUrl the image URL, resolved against the page URL, {@code http} or {@code https}
 * @param textKey the link attribute the text came from: {@code alt}, {@code title} or {@code
 *     data-image-title}
 * @param text the cleaned text, never empty
 * @param pageUrl the record's {@code WARC-Target-URI}
 * @param shard the shard name given to {@link WatPairReader#open}
 * @param recordOffset byte offset of the WARC record in the shard: the start of its gzip member in
 *     the compressed file, or of its {@code WARC/} line in a plain file
 */
public record ImageTextPair(
    String uuid,
    String imageUrl,
    String textKey,
    String text,
    String pageUrl,
    String shard,
    long recordOffset)
    implements Serializable {}
