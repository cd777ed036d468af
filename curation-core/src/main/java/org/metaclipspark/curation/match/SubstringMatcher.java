package org.metaclipspark.curation.match;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntConsumer;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.text.Spacing;

/**
 * Finds the {@code matchedEntryIds} of texts: the entries {@code e} whose padded form {@code " " +
 * e + " "} occurs in the spaced text ({@code shared/spec/curation.md} §2–3).
 *
 * <h2>Why tokens</h2>
 *
 * Every pattern starts and ends with a space, so a match always covers whole space-separated tokens
 * of the spaced text. Splitting the spaced text {@code " " + s + " "} on single spaces gives an
 * empty token, then the tokens of {@code s}, then an empty token; the pattern of entry {@code e}
 * occurs exactly when the tokens of {@code e} (it split on single spaces, empty tokens kept) occur
 * as consecutive tokens of {@code s}. The matcher therefore runs Aho-Corasick over word ids instead
 * of characters: each distinct entry token is a <em>word</em>, the automaton's alphabet.
 *
 * <p>The scan never builds the spaced text. It walks the text's UTF-16 code units once, cutting a
 * token at each space, {@code \t}, {@code \n} and {@code \r}, and around each of the seven
 * punctuation marks (which become one-character tokens), while hashing the current token's
 * characters. At each token end it looks the token up in an open-addressing word table (a token
 * that is no word sends the automaton to its root) and takes one Aho-Corasick step. Tokens of the
 * text never contain those ten characters (bar the one-character punctuation tokens), so entries
 * with such a token (for example {@code "cat."}) can never match and are left out when compiling,
 * as the contract intends. Strings are compared as UTF-16 code units, which gives the contract's
 * code point answers because token boundaries are ASCII.
 *
 * <h2>Automaton layout</h2>
 *
 * All of it lives in a few flat arrays whose packing is documented on the fields ({@link #states},
 * {@link #wordTable}, {@link #outputEntryIds}). States are numbered in breadth-first order,
 * children of a state sorted by word id, so the children of state {@code s} are a contiguous range
 * found by binary search. State 0 is the root; state {@code w + 1} is the root's child for word
 * {@code w}, for every word, which makes the root's transition a constant-time addition and lets
 * failure chains stop at depth one. Output lists are stored expanded along dictionary-suffix links,
 * so a state lists every entry ending there, nested ones included ({@code "new york"} lists {@code
 * "york"}).
 *
 * <h2>Contract</h2>
 *
 * Instances are immutable and thread-safe; one instance can serve every thread of an executor.
 * {@link #compile} runs in time linear in the total length of the entries (plus sorting of the
 * multi-word trie levels); a scan runs in expected time linear in the text length plus the number
 * of reported matches (hash lookups per token, amortized failure steps, binary search among a
 * state's children). {@link #writeTo} and {@link #readFrom} give a compact, versioned binary form
 * that Java serialization also uses, so Spark broadcasts move the flat arrays only.
 */
public final class SubstringMatcher implements Serializable {

  private static final long serialVersionUID = 1L;

  /** First bytes of the binary form: "MCSM" (MetaClip Substring Matcher). */
  private static final int MAGIC = 0x4D43534D;

  private static final int FORMAT_VERSION = 1;

  /** Chars of a {@link #wordHeap} entry before the word's characters. */
  private static final int HEAP_HEADER = 1;

  /** Longest word whose characters are packed into its {@link #wordTable} key. */
  private static final int INLINE_MAX_LENGTH = 15;

  /** Longs per {@link #wordTable} slot. */
  private static final int SLOT = 3;

  /** Bit 63 of a {@link #wordTable} key: the key holds the word's characters. */
  private static final long INLINE_FLAG = 1L << 63;

  /** Bit 63 of a word's data long ({@link #wordTable}): its root child state has children. */
  private static final long HAS_CHILDREN = 1L << 63;

  /**
   * Data long of a token that is no word; no word's data equals it (word ids stay below 2^31 - 1).
   */
  static final long NO_WORD = -1L;

  /** Scan-internal marker of a token not looked up yet; no word's data equals it. */
  private static final long UNRESOLVED = -2L;

  /** Ints per state of {@link #states}. */
  private static final int STATE_RECORD = 4;

  /** Token class of a UTF-16 code unit below 128 (all others are {@link #TOKEN_CHAR}). */
  private static final byte TOKEN_CHAR = 0;

  private static final byte SEPARATOR = 1;
  private static final byte PUNCTUATION = 2;

  /**
   * {@code CHAR_CLASS[c]} for {@code c < 128}: space, tab, LF and CR separate; the seven marks
   * punctuate.
   */
  private static final byte[] CHAR_CLASS = new byte[128];

  static {
    CHAR_CLASS[' '] = SEPARATOR;
    for (char c : Spacing.LINE_WHITESPACE.toCharArray()) {
      CHAR_CLASS[c] = SEPARATOR;
    }
    for (char c : Spacing.PUNCTUATION.toCharArray()) {
      CHAR_CLASS[c] = PUNCTUATION;
    }
  }

  /** Number of entries in the metadata compiled from; entryIds are below it. */
  private final int entryCount;

  /**
   * Number of distinct words (tokens of matchable entries); word ids are {@code 0 .. wordCount-1}.
   */
  private final int wordCount;

  /** Length of the longest word; longer text tokens skip the word table. */
  private final int maxWordLength;

  /**
   * Number of UTF-16 code units of all words. The binary form stores the words as one array of that
   * length, concatenated in word id order, and the records of the root's children point into it; in
   * memory the characters live only in {@link #wordHeap}, in the same order.
   */
  private final int wordCharCount;

  /**
   * The words in word id order, each as its length then its characters: at offset {@code o}, {@code
   * [o]} = length {@code n}, {@code [o+1 .. o+n]} = the characters. Only words that {@link
   * #wordTable} does not hold inline are read here during a scan. Built from the stored words when
   * the matcher is constructed or read, not stored.
   */
  private final char[] wordHeap;

  /**
   * Open-addressing hash table of words with linear probing, {@value #SLOT} longs (24 bytes) per
   * slot, slot {@code i} at {@code [b, b+2]} with {@code b = 3i}; the slot index comes from the
   * word's mixed hash ({@link #mix}). (32-byte slots, which never straddle a cache line, measured
   * no faster and cost 8 MB more.)
   *
   * <ul>
   *   <li>{@code [b]} and {@code [b+1]}, the key; {@code [b]} is 0 when the slot is empty. A word
   *       of at most {@value #INLINE_MAX_LENGTH} chars, all below 256, has an inline key: {@code
   *       [b]} = bit 63 set ({@link #INLINE_FLAG}), the length in bits 56–59 and the chars before
   *       the last 8 one byte each, last lowest ({@link #inlineKey}); {@code [b+1]} = the last 8
   *       chars (all of them if fewer) one byte each, last lowest ({@link #inlineKey2}). The key
   *       holds the whole word, so comparing keys compares words. Any other word has {@code [b]} =
   *       bit 63 clear, its mixed hash shifted right by one in bits 32–62 and its {@link #wordHeap}
   *       offset + 1 in bits 0–31; {@code [b+1]} = 0.
   *   <li>{@code [b+2]}, the word's data: bit 63 = {@link #HAS_CHILDREN} (its root child state
   *       {@code w + 1} has children), bits 32–62 = word id {@code w}, bits 0–31 = the entry
   *       matched on reaching state {@code w + 1} if exactly one is (-1 if none, -2 if several:
   *       read them from {@link #states}).
   * </ul>
   *
   * So a token of an inline word (98.8% of the non-punctuation tokens of the shared captions) costs
   * one slot and no other memory access. The slot count is a power of two and at least twice the
   * word count. Rebuilt when read, not stored.
   */
  private final long[] wordTable;

  /** Number of slots in {@link #wordTable} minus one. */
  private final int wordTableMask;

  /**
   * Data long ({@link #wordTable}) of each one-character token {@code
   * Spacing.PUNCTUATION.charAt(i)}, or {@link #NO_WORD}.
   */
  private final long[] punctuationData;

  /**
   * Word id of each one-character token {@code Spacing.PUNCTUATION.charAt(i)}, or -1 if no entry
   * uses it.
   */
  private final int[] punctuationWordId;

  /**
   * The automaton, {@value #STATE_RECORD} ints per state {@code s}, plus one sentinel record at
   * index {@code stateCount} so that "next record" bounds need no test:
   *
   * <ul>
   *   <li>{@code [s*4]} = {@code childStart}: the children of {@code s} are the states {@code
   *       childStart(s) .. childStart(s+1)-1}, sorted by label; the sentinel holds the state count.
   *   <li>{@code [s*4+1]} = {@code outputStart}: entries matched on reaching {@code s} are {@code
   *       outputEntryIds[outputStart(s) .. outputStart(s+1))}, those ending at {@code s}
   *       (ascending) then those of {@code fail(s)}; the sentinel holds the output count.
   *   <li>{@code [s*4+2]} for a state deeper than the root's children: {@code fail}, the state of
   *       the longest proper token suffix of {@code s}'s path that is also a path from the root;
   *       always smaller than {@code s}. For the root's child {@code w + 1} the failure link is
   *       implicitly 0, and the field holds the offset of word {@code w} in the stored words (see
   *       {@link #wordCharCount}).
   *   <li>{@code [s*4+3]} for a deeper state: {@code label}, the word id on the edge into {@code
   *       s}. For the root's child {@code w + 1} the label is implicitly {@code w}, and the field
   *       holds the length of word {@code w}. -1 for the root and the sentinel.
   * </ul>
   *
   * One record is 16 bytes. A scan reads it only to leave a root child with children, to enter or
   * leave a deeper state, or to report several entries; the word table answers the rest.
   */
  private final int[] states;

  /** Output lists of all states back to back; see {@link #states}. */
  private final int[] outputEntryIds;

  private SubstringMatcher(
      int entryCount,
      int wordCount,
      int maxWordLength,
      char[] wordChars,
      int[] punctuationWordId,
      int[] states,
      int[] outputEntryIds) {
    this.entryCount = entryCount;
    this.wordCount = wordCount;
    this.maxWordLength = maxWordLength;
    this.wordCharCount = wordChars.length;
    int[] heapOffset = new int[wordCount];
    this.wordHeap = buildWordHeap(wordCount, states, wordChars, heapOffset);
    this.wordTable = buildWordTable(wordCount, states, wordChars, outputEntryIds, heapOffset);
    this.wordTableMask = wordTable.length / SLOT - 1;
    this.punctuationData = new long[punctuationWordId.length];
    for (int i = 0; i < punctuationWordId.length; i++) {
      punctuationData[i] =
          punctuationWordId[i] < 0
              ? NO_WORD
              : wordData(punctuationWordId[i], states, outputEntryIds);
    }
    this.punctuationWordId = punctuationWordId;
    this.states = states;
    this.outputEntryIds = outputEntryIds;
  }

  /**
   * Compiles the metadata into a matcher.
   *
   * <p>Empty entries, and entries with a token that no spaced text can contain, are left out; they
   * keep their entryId but are never reported.
   *
   * @param metadata the entries; entryIds reported are positions in it
   * @return an immutable matcher
   * @throws IllegalArgumentException if the entries are too large for the int-indexed layout
   */
  public static SubstringMatcher compile(Metadata metadata) {
    return new Compiler(metadata).compile();
  }

  /**
   * Returns the {@code matchedEntryIds} of {@code text}: ascending, distinct entryIds, exactly as
   * {@code shared/spec/curation.md} §3 defines them. Allocates the result and a scratch buffer; use
   * {@link #matchEntryIds(CharSequence, MatchBuffer)} in loops.
   */
  public int[] matchEntryIds(CharSequence text) {
    MatchBuffer buffer = MatchBuffer.create();
    matchEntryIds(text, buffer);
    return buffer.toArray();
  }

  /**
   * Replaces the content of {@code buffer} with the {@code matchedEntryIds} of {@code text}
   * (ascending, distinct) and returns how many there are. Allocates nothing once the buffer has
   * grown to the largest match count.
   */
  public int matchEntryIds(CharSequence text, MatchBuffer buffer) {
    buffer.clear();
    forEachMatch(text, buffer, buffer.appender);
    buffer.sortDistinct();
    return buffer.size();
  }

  /**
   * Calls {@code sink} once per occurrence of a non-empty entry's padded form in the spaced text,
   * without allocating. Ids come in order of the occurrence's end in the text; an entry that occurs
   * several times is reported several times, and entries ending at the same token come in no
   * specified order. The distinct ids reported are exactly the {@code matchedEntryIds}.
   */
  public void forEachMatch(CharSequence text, IntConsumer sink) {
    int n = text.length();
    int state = 0;
    long stateData = NO_WORD;
    int tokenStart = 0;
    int hash = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      byte kind = c < 128 ? CHAR_CLASS[c] : TOKEN_CHAR;
      if (kind == TOKEN_CHAR) {
        hash = 31 * hash + c;
        continue;
      }
      long data = lookupWord(text, tokenStart, i - tokenStart, hash);
      state = stepAndEmit(state, stateData, data, sink);
      stateData = rootChildData(state, data);
      if (kind == PUNCTUATION) {
        data = punctuationData[Spacing.PUNCTUATION.indexOf(c)];
        state = stepAndEmit(state, stateData, data, sink);
        stateData = rootChildData(state, data);
      }
      tokenStart = i + 1;
      hash = 0;
    }
    stepAndEmit(state, stateData, lookupWord(text, tokenStart, n - tokenStart, hash), sink);
  }

  /**
   * Like {@link #forEachMatch(CharSequence, IntConsumer)}, but batches the word lookups of up to
   * {@value MatchBuffer#TOKEN_BLOCK} tokens in {@code scratch} first, so that their memory accesses
   * overlap instead of running one after another; several times faster on large metadata, whose
   * tables do not fit in the CPU's nearer caches. Allocation-free. The entryIds held by {@code
   * scratch} are left unchanged; only its token scratch space is used, so {@code sink} must not
   * scan with the same buffer.
   */
  public void forEachMatch(CharSequence text, MatchBuffer scratch, IntConsumer sink) {
    int[] tokenStart = scratch.tokenStart;
    int[] tokenLength = scratch.tokenLength;
    int[] tokenHash = scratch.tokenHash;
    long[] tokenData = scratch.tokenData;
    long[] tokenKey = scratch.tokenKey;
    long[] tokenKey2 = scratch.tokenKey2;
    int n = text.length();
    int state = 0;
    scratch.stateData = NO_WORD;
    int count = 0;
    int start = 0;
    int hash = 0;
    // The token's last 16 chars one byte each, as a 128-bit number high:low, and the OR of its
    // chars: its inline key, if it has one.
    long high = 0;
    long low = 0;
    int any = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      byte kind = c < 128 ? CHAR_CLASS[c] : TOKEN_CHAR;
      if (kind == TOKEN_CHAR) {
        hash = 31 * hash + c;
        high = high << 8 | low >>> 56;
        low = low << 8 | c;
        any |= c;
        continue;
      }
      int length = i - start;
      tokenStart[count] = start;
      tokenLength[count] = length;
      tokenHash[count] = hash;
      tokenKey[count] =
          length <= INLINE_MAX_LENGTH && any < 256 ? INLINE_FLAG | (long) length << 56 | high : 0;
      tokenKey2[count] = low;
      count++;
      if (kind == PUNCTUATION) {
        // A negative start marks a punctuation token; its word is known without a lookup.
        tokenStart[count] = -1;
        tokenData[count] = punctuationData[Spacing.PUNCTUATION.indexOf(c)];
        count++;
      }
      if (count >= MatchBuffer.TOKEN_BLOCK - 1) {
        state = runBlock(text, scratch, count, state, sink);
        // runBlock left the state's word data in scratch.stateData.
        count = 0;
      }
      start = i + 1;
      hash = 0;
      high = 0;
      low = 0;
      any = 0;
    }
    int length = n - start;
    tokenStart[count] = start;
    tokenLength[count] = length;
    tokenHash[count] = hash;
    tokenKey[count] =
        length <= INLINE_MAX_LENGTH && any < 256 ? INLINE_FLAG | (long) length << 56 | high : 0;
    tokenKey2[count] = low;
    runBlock(text, scratch, count + 1, state, sink);
  }

  /**
   * Resolves the words of {@code count} buffered tokens first, with independent loads, then steps
   * through them.
   */
  private int runBlock(
      CharSequence text, MatchBuffer scratch, int count, int state, IntConsumer sink) {
    int[] tokenStart = scratch.tokenStart;
    int[] tokenLength = scratch.tokenLength;
    int[] tokenHash = scratch.tokenHash;
    long[] tokenData = scratch.tokenData;
    long[] tokenKey = scratch.tokenKey;
    long[] tokenKey2 = scratch.tokenKey2;
    long[] table = wordTable;
    int mask = wordTableMask;
    // Round 1: the first table slot of each inline token, in a short loop so that many of these
    // independent loads are in flight at once. UNRESOLVED: look the token up in round 2.
    for (int k = 0; k < count; k++) {
      long key = tokenKey[k];
      if (tokenStart[k] >= 0) {
        if (key == 0) {
          tokenData[k] = UNRESOLVED;
        } else {
          int at = (mix(tokenHash[k]) & mask) * SLOT;
          long found = table[at];
          tokenData[k] =
              found == key && table[at + 1] == tokenKey2[k]
                  ? table[at + 2]
                  : found == 0 ? NO_WORD : UNRESOLVED;
        }
      }
    }
    // Round 2: the full lookup of the tokens that the first slot did not answer.
    for (int k = 0; k < count; k++) {
      if (tokenData[k] == UNRESOLVED && tokenStart[k] >= 0) {
        tokenData[k] = lookupWord(text, tokenStart[k], tokenLength[k], tokenHash[k]);
      }
    }
    // Round 3: step and emit.
    long stateData = scratch.stateData;
    for (int k = 0; k < count; k++) {
      long data = tokenData[k];
      state = stepAndEmit(state, stateData, data, sink);
      stateData = rootChildData(state, data);
    }
    scratch.stateData = stateData;
    return state;
  }

  /**
   * The data long ({@link #wordTable}) of the word {@code text[start, start+length)}, whose
   * polynomial hash before {@link #mix} is {@code rawHash}, or {@link #NO_WORD}.
   */
  private long lookupWord(CharSequence text, int start, int length, int rawHash) {
    if (length > maxWordLength) {
      return NO_WORD;
    }
    long[] table = wordTable;
    int mask = wordTableMask;
    int hash = mix(rawHash);
    if (length <= INLINE_MAX_LENGTH) {
      long key = inlineKey(text, start, length);
      if (key != 0) {
        long key2 = inlineKey2(text, start, length);
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
          int at = slot * SLOT;
          long k = table[at];
          if (k == key && table[at + 1] == key2) {
            return table[at + 2];
          }
          if (k == 0) {
            return NO_WORD;
          }
        }
      }
    }
    int fingerprint = hash >>> 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int at = slot * SLOT;
      long k = table[at];
      if (k == 0) {
        return NO_WORD;
      }
      if (k > 0 && (int) (k >>> 32) == fingerprint && sameWord(text, start, length, (int) k - 1)) {
        return table[at + 2];
      }
    }
  }

  /**
   * The first long of the {@link #wordTable} key of {@code text[start, start+length)} if the word
   * is stored inline ({@code length <= }{@value #INLINE_MAX_LENGTH}, every char below 256), else 0:
   * bit 63 set, the length in bits 56–59, the chars before the last 8 one byte each, last lowest.
   */
  private static long inlineKey(CharSequence text, int start, int length) {
    long high = 0;
    int any = 0;
    for (int k = 0; k < length - 8; k++) {
      char c = text.charAt(start + k);
      any |= c;
      high = high << 8 | c;
    }
    for (int k = Math.max(0, length - 8); k < length; k++) {
      any |= text.charAt(start + k);
    }
    return any < 256 ? INLINE_FLAG | (long) length << 56 | high : 0;
  }

  /**
   * The second long of an inline key: the last 8 chars (fewer if shorter) one byte each, last
   * lowest.
   */
  private static long inlineKey2(CharSequence text, int start, int length) {
    long low = 0;
    for (int k = Math.max(0, length - 8); k < length; k++) {
      low = low << 8 | (text.charAt(start + k) & 0xFF);
    }
    return low;
  }

  private boolean sameWord(CharSequence text, int start, int length, int offset) {
    char[] heap = wordHeap;
    if (heap[offset] != length) {
      return false;
    }
    for (int k = 0; k < length; k++) {
      if (heap[offset + HEAP_HEADER + k] != text.charAt(start + k)) {
        return false;
      }
    }
    return true;
  }

  /** The word id in a data long. */
  private static int wordOf(long data) {
    return (int) (data >>> 32) & Integer.MAX_VALUE;
  }

  /**
   * Takes the transition on the word with data {@code data} ({@link #NO_WORD}: no word) and reports
   * the new state's entries. {@code stateData} is the data of the word whose root child {@code
   * state} is, else {@link #NO_WORD}; it then answers the step without a search when the child has
   * no children.
   */
  private int stepAndEmit(int state, long stateData, long data, IntConsumer sink) {
    if (data == NO_WORD) {
      return 0;
    }
    int word = wordOf(data);
    int next;
    if (stateData != NO_WORD) {
      next = word + 1;
      if (stateData < 0) {
        // HAS_CHILDREN: search the children of the previous word's root child.
        int[] st = states;
        int child = wordOf(stateData) + 1;
        int childStart = st[child * STATE_RECORD];
        int found = findChild(st, childStart, st[(child + 1) * STATE_RECORD] - 1, word);
        if (found >= 0) {
          next = found;
        }
      }
    } else {
      next = step(state, word);
    }
    if (next == word + 1) {
      // The root's child for the word: its single entry, if any, is in the data.
      int single = (int) data;
      if (single >= 0) {
        sink.accept(single);
        return next;
      }
      if (single == -1) {
        return next;
      }
    }
    int[] st = states;
    int end = st[(next + 1) * STATE_RECORD + 1];
    for (int o = st[next * STATE_RECORD + 1]; o < end; o++) {
      sink.accept(outputEntryIds[o]);
    }
    return next;
  }

  /**
   * {@code data} if the word with that data took the scan to its root child {@code state}, else
   * {@link #NO_WORD}.
   */
  private static long rootChildData(int state, long data) {
    return data != NO_WORD && state == wordOf(data) + 1 ? data : NO_WORD;
  }

  /** Returns the number of entries of the metadata this matcher was compiled from. */
  public int entryCount() {
    return entryCount;
  }

  /** Returns the number of automaton states, the root included. */
  public int stateCount() {
    return states.length / STATE_RECORD - 1;
  }

  /** Returns the number of distinct entry tokens (the automaton's alphabet size). */
  public int wordCount() {
    return wordCount;
  }

  /** Returns an estimate of the heap bytes held by this matcher: its arrays plus object headers. */
  public long ramBytesUsed() {
    return 16
        + 5 * 4
        + 6 * 8
        + charArrayBytes(wordHeap)
        + 16
        + 8L * wordTable.length
        + 16
        + 8L * punctuationData.length
        + intArrayBytes(punctuationWordId)
        + intArrayBytes(states)
        + intArrayBytes(outputEntryIds);
  }

  /**
   * Writes the compact binary form: the magic {@code "MCSM"}, a format version, five ints of sizes,
   * then each array as its length and its elements, little-endian. The stream is not closed.
   */
  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(FORMAT_VERSION);
    data.writeInt(entryCount);
    data.writeInt(wordCount);
    data.writeInt(maxWordLength);
    byte[] chunk = new byte[1 << 16];
    writeChars(data, storedWords(), chunk);
    for (int[] array : new int[][] {punctuationWordId, states, outputEntryIds}) {
      writeInts(data, array, chunk);
    }
    data.flush();
  }

  /**
   * Reads a matcher written by {@link #writeTo}, checking its structure so that a corrupt or
   * foreign input fails here with a message instead of misbehaving later. Reads exactly the bytes
   * written; the stream is not closed.
   *
   * @throws IOException if the input is not a matcher of this format version, is truncated, or is
   *     inconsistent
   */
  public static SubstringMatcher readFrom(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int magic = data.readInt();
    if (magic != MAGIC) {
      throw new IOException(
          String.format(
              "not a serialized SubstringMatcher: the first 4 bytes are 0x%08X, expected 0x%08X (\"MCSM\");"
                  + " pass a stream written by SubstringMatcher.writeTo",
              magic, MAGIC));
    }
    int version = data.readInt();
    if (version != FORMAT_VERSION) {
      throw new IOException(
          "serialized SubstringMatcher has format version "
              + version
              + ", this build reads version "
              + FORMAT_VERSION
              + "; recompile the matcher from the metadata");
    }
    try {
      int entryCount = data.readInt();
      int wordCount = data.readInt();
      int maxWordLength = data.readInt();
      byte[] chunk = new byte[1 << 16];
      char[] wordChars = readChars(data, chunk);
      int[] punctuationWordId = readInts(data, chunk);
      int[] states = readInts(data, chunk);
      int[] outputEntryIds = readInts(data, chunk);
      checkStructure(
          entryCount,
          wordCount,
          maxWordLength,
          wordChars,
          punctuationWordId,
          states,
          outputEntryIds);
      return new SubstringMatcher(
          entryCount,
          wordCount,
          maxWordLength,
          wordChars,
          punctuationWordId,
          states,
          outputEntryIds);
    } catch (EOFException e) {
      throw new IOException("serialized SubstringMatcher is truncated; rewrite it with writeTo", e);
    }
  }

  @Override
  public String toString() {
    return "SubstringMatcher[entryCount="
        + entryCount
        + ", words="
        + wordCount
        + ", states="
        + stateCount()
        + ", outputs="
        + outputEntryIds.length
        + ", ramBytesUsed="
        + ramBytesUsed()
        + "]";
  }

  /** Returns the words concatenated in word id order, as the binary form stores them. */
  private char[] storedWords() {
    char[] chars = new char[wordCharCount];
    int at = 0;
    for (int offset = 0; offset < wordHeap.length; offset += HEAP_HEADER + wordHeap[offset]) {
      System.arraycopy(wordHeap, offset + HEAP_HEADER, chars, at, wordHeap[offset]);
      at += wordHeap[offset];
    }
    return chars;
  }

  /** Builds {@link #wordHeap} from the words named by the records of the root's children. */
  private static char[] buildWordHeap(
      int wordCount, int[] states, char[] wordChars, int[] heapOffset) {
    long size = (long) HEAP_HEADER * wordCount + wordChars.length;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "the metadata's words need "
              + size
              + " chars of word data; the"
              + " matcher limit is "
              + (Integer.MAX_VALUE - 8)
              + "; split the metadata");
    }
    char[] heap = new char[(int) size];
    int at = 0;
    for (int w = 0; w < wordCount; w++) {
      int record = (w + 1) * STATE_RECORD;
      int length = states[record + 3];
      heapOffset[w] = at;
      heap[at] = (char) length;
      System.arraycopy(wordChars, states[record + 2], heap, at + HEAP_HEADER, length);
      at += HEAP_HEADER + length;
    }
    return heap;
  }

  /** The data long ({@link #wordTable}) of word {@code w}. */
  private static long wordData(int w, int[] states, int[] outputEntryIds) {
    int record = (w + 1) * STATE_RECORD;
    int outputs = states[record + STATE_RECORD + 1] - states[record + 1];
    int single = outputs == 0 ? -1 : outputs == 1 ? outputEntryIds[states[record + 1]] : -2;
    boolean hasChildren = states[record] < states[record + STATE_RECORD];
    return (hasChildren ? HAS_CHILDREN : 0) | (long) w << 32 | (single & 0xFFFFFFFFL);
  }

  /** Builds {@link #wordTable} for the words at {@code heapOffset}. */
  private static long[] buildWordTable(
      int wordCount, int[] states, char[] wordChars, int[] outputEntryIds, int[] heapOffset) {
    long wanted = Math.max(2L, (long) Integer.highestOneBit(Math.max(1, wordCount)) << 2);
    if (SLOT * wanted > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "the metadata's "
              + wordCount
              + " words need a word table of "
              + wanted
              + " slots; the matcher limit is "
              + (Integer.MAX_VALUE - 8) / SLOT
              + "; split the metadata");
    }
    int slots = (int) wanted;
    long[] table = new long[SLOT * slots];
    int mask = slots - 1;
    for (int w = 0; w < wordCount; w++) {
      int record = (w + 1) * STATE_RECORD;
      int from = states[record + 2];
      int length = states[record + 3];
      int hash = mix(rawHash(wordChars, from, length));
      CharSequence word = java.nio.CharBuffer.wrap(wordChars, from, length);
      long key = length <= INLINE_MAX_LENGTH ? inlineKey(word, 0, length) : 0;
      long key2 = 0;
      if (key == 0) {
        key = (long) (hash >>> 1) << 32 | (heapOffset[w] + 1L);
      } else {
        key2 = inlineKey2(word, 0, length);
      }
      int slot = hash & mask;
      while (table[slot * SLOT] != 0) {
        slot = (slot + 1) & mask;
      }
      int at = slot * SLOT;
      table[at] = key;
      table[at + 1] = key2;
      table[at + 2] = wordData(w, states, outputEntryIds);
    }
    return table;
  }

  /** The polynomial token hash before {@link #mix}; the scan computes it incrementally. */
  private static int rawHash(char[] chars, int from, int length) {
    int raw = 0;
    for (int k = from; k < from + length; k++) {
      raw = 31 * raw + chars[k];
    }
    return raw;
  }

  /** One Aho-Corasick transition on word {@code word} (-1 for a token that is no word). */
  private int step(int state, int word) {
    if (word < 0) {
      return 0;
    }
    int[] st = states;
    while (state != 0) {
      int child = findChild(st, state, word);
      if (child >= 0) {
        return child;
      }
      state = state > wordCount ? st[state * STATE_RECORD + 2] : 0;
    }
    return word + 1;
  }

  /**
   * Binary search of {@code word} among the labels of non-root {@code state}'s children; -1 if
   * absent.
   */
  private static int findChild(int[] states, int state, int word) {
    return findChild(
        states, states[state * STATE_RECORD], states[(state + 1) * STATE_RECORD] - 1, word);
  }

  /** Binary search of {@code word} among the labels of states {@code lo..hi}; -1 if absent. */
  private static int findChild(int[] states, int lo, int hi, int word) {
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int l = states[mid * STATE_RECORD + 3];
      if (l < word) {
        lo = mid + 1;
      } else if (l > word) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Finalizes a polynomial token hash (murmur3 fmix32) so the low bits address the table well. */
  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }

  private static void checkStructure(
      int entryCount,
      int wordCount,
      int maxWordLength,
      char[] wordChars,
      int[] punctuationWordId,
      int[] states,
      int[] outputEntryIds)
      throws IOException {
    require(
        entryCount >= 0
            && wordCount >= 0
            && maxWordLength >= 0
            && maxWordLength <= Character.MAX_VALUE,
        "sizes out of range");
    require(punctuationWordId.length == Spacing.PUNCTUATION.length(), "punctuation table size");
    for (int w : punctuationWordId) {
      require(w >= -1 && w < wordCount, "punctuation word id out of range");
    }
    require(
        states.length % STATE_RECORD == 0 && states.length >= 2 * STATE_RECORD, "state table size");
    int stateCount = states.length / STATE_RECORD - 1;
    require(stateCount >= wordCount + 1, "fewer states than words");
    require(
        states[0] == 1
            && states[STATE_RECORD] == wordCount + 1
            && states[stateCount * STATE_RECORD] == stateCount,
        "root children are not states 1.." + wordCount);
    require(states[1] == 0 && states[2] == 0 && states[3] == -1, "root state");
    require(states[stateCount * STATE_RECORD + 1] == outputEntryIds.length, "output count");
    for (int s = 0; s < stateCount; s++) {
      int r = s * STATE_RECORD;
      require(states[r + 1] <= states[r + STATE_RECORD + 1], "output offsets are not ascending");
      if (s == 0) {
        continue;
      }
      require(states[r] <= states[r + STATE_RECORD] && states[r] > s, "child ranges not ascending");
      if (s <= wordCount) {
        int from = states[r + 2];
        int length = states[r + 3];
        require(
            from >= 0
                && length >= 0
                && length <= maxWordLength
                && from <= wordChars.length - length,
            "word characters out of range");
      } else {
        require(states[r + 3] >= 0 && states[r + 3] < wordCount, "edge label out of range");
        require(
            states[r + 2] >= 0 && states[r + 2] < s,
            "failure link does not point to an earlier state");
      }
    }
    for (int id : outputEntryIds) {
      require(id >= 0 && id < entryCount, "output entryId out of range");
    }
  }

  private static void require(boolean condition, String what) throws IOException {
    if (!condition) {
      throw new IOException(
          "serialized SubstringMatcher is inconsistent ("
              + what
              + "); the data is corrupt or was not written by SubstringMatcher.writeTo; recompile it");
    }
  }

  private static long intArrayBytes(int[] a) {
    return 16 + 4L * a.length;
  }

  private static long charArrayBytes(char[] a) {
    return 16 + 2L * a.length;
  }

  private static void writeInts(DataOutputStream out, int[] array, byte[] chunk)
      throws IOException {
    out.writeInt(array.length);
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 4;
    for (int from = 0; from < array.length; from += perChunk) {
      int count = Math.min(perChunk, array.length - from);
      buffer.clear();
      buffer.asIntBuffer().put(array, from, count);
      out.write(chunk, 0, count * 4);
    }
  }

  private static void writeChars(DataOutputStream out, char[] array, byte[] chunk)
      throws IOException {
    out.writeInt(array.length);
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 2;
    for (int from = 0; from < array.length; from += perChunk) {
      int count = Math.min(perChunk, array.length - from);
      buffer.clear();
      buffer.asCharBuffer().put(array, from, count);
      out.write(chunk, 0, count * 2);
    }
  }

  private static int readLength(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new IOException(
          "serialized SubstringMatcher has a negative array length "
              + length
              + "; the data is corrupt; recompile the matcher");
    }
    return length;
  }

  private static int[] readInts(DataInputStream in, byte[] chunk) throws IOException {
    int[] array = new int[readLength(in)];
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 4;
    for (int from = 0; from < array.length; from += perChunk) {
      int count = Math.min(perChunk, array.length - from);
      in.readFully(chunk, 0, count * 4);
      buffer.clear();
      buffer.asIntBuffer().get(array, from, count);
    }
    return array;
  }

  private static char[] readChars(DataInputStream in, byte[] chunk) throws IOException {
    char[] array = new char[readLength(in)];
    ByteBuffer buffer = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
    int perChunk = chunk.length / 2;
    for (int from = 0; from < array.length; from += perChunk) {
      int count = Math.min(perChunk, array.length - from);
      in.readFully(chunk, 0, count * 2);
      buffer.clear();
      buffer.asCharBuffer().get(array, from, count);
    }
    return array;
  }

  /** Java serialization writes the compact binary form instead of the fields. */
  private Object writeReplace() throws ObjectStreamException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      writeTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return new SerializedForm(bytes.toByteArray());
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("SubstringMatcher is deserialized through its SerializedForm");
  }

  /** The Java-serialization proxy: the bytes of {@link #writeTo}. */
  private static final class SerializedForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;

    SerializedForm(byte[] bytes) {
      this.bytes = bytes;
    }

    private Object readResolve() throws ObjectStreamException {
      try {
        return readFrom(new ByteArrayInputStream(bytes));
      } catch (IOException e) {
        InvalidObjectException invalid = new InvalidObjectException(e.getMessage());
        invalid.initCause(e);
        throw invalid;
      }
    }
  }

  /**
   * Binary search of {@code word} among the labels of {@code state}'s children in unpacked arrays;
   * -1 if absent.
   */
  private static int findChild(int[] childStart, int[] labels, int state, int word) {
    int lo = childStart[state];
    int hi = childStart[state + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (labels[mid] < word) {
        lo = mid + 1;
      } else if (labels[mid] > word) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** Builds the arrays of a matcher; single use, not thread-safe. */
  private static final class Compiler {
    private final Metadata metadata;

    /**
     * Word dictionary under construction, 2 ints per slot: the mixed hash and word id + 1 (0 =
     * empty).
     */
    private int[] table = new int[2 * 1024];

    private char[] chars = new char[1024];
    private int charCount;
    private int[] starts = new int[1025];
    private int words;
    private int maxWordLength;

    Compiler(Metadata metadata) {
      this.metadata = metadata;
    }

    SubstringMatcher compile() {
      int entryCount = metadata.size();
      // Pass 1: intern the tokens of every matchable entry and keep each entry's word sequence.
      int[] sequenceWords = new int[Math.max(16, entryCount + entryCount / 2)];
      int[] sequenceStart = new int[entryCount + 1];
      int total = 0;
      for (int e = 0; e < entryCount; e++) {
        sequenceStart[e] = total;
        String entry = metadata.entry(e);
        if (entry.isEmpty() || !isMatchable(entry)) {
          continue;
        }
        int start = 0;
        for (int i = 0; i <= entry.length(); i++) {
          if (i == entry.length() || entry.charAt(i) == ' ') {
            if (total == sequenceWords.length) {
              sequenceWords = Arrays.copyOf(sequenceWords, sequenceWords.length * 2);
            }
            sequenceWords[total++] = intern(entry, start, i);
            start = i + 1;
          }
        }
      }
      sequenceStart[entryCount] = total;
      return buildAutomaton(entryCount, sequenceWords, sequenceStart);
    }

    /**
     * Whether every single-space-separated token of {@code entry} can be a token of a spaced text.
     */
    private static boolean isMatchable(String entry) {
      int start = 0;
      for (int i = 0; i <= entry.length(); i++) {
        if (i == entry.length() || entry.charAt(i) == ' ') {
          if (!canOccur(entry, start, i)) {
            return false;
          }
          start = i + 1;
        }
      }
      return true;
    }

    /**
     * Whether a token of a spaced text can equal {@code entry[start, end)}: text tokens hold no
     * tab, line break or punctuation mark, except the one-character tokens of the seven marks.
     */
    private static boolean canOccur(String entry, int start, int end) {
      if (end - start == 1) {
        return !Spacing.isLineWhitespace(entry.charAt(start));
      }
      for (int i = start; i < end; i++) {
        char c = entry.charAt(i);
        if (c < 128 && CHAR_CLASS[c] != TOKEN_CHAR) {
          return false;
        }
      }
      return true;
    }

    /** Returns the word id of {@code entry[start, end)}, adding the word if new. */
    private int intern(String entry, int start, int end) {
      int hash = hashOf(entry, start, end);
      int mask = table.length / 2 - 1;
      for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
        int idPlusOne = table[2 * slot + 1];
        if (idPlusOne == 0) {
          return addWord(entry, start, end, hash, slot);
        }
        if (table[2 * slot] == hash && sameWord(idPlusOne - 1, entry, start, end)) {
          return idPlusOne - 1;
        }
      }
    }

    /** Returns the word id of {@code entry[start, end)}, or -1. */
    private int find(String entry, int start, int end) {
      int hash = hashOf(entry, start, end);
      int mask = table.length / 2 - 1;
      for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
        int idPlusOne = table[2 * slot + 1];
        if (idPlusOne == 0) {
          return -1;
        }
        if (table[2 * slot] == hash && sameWord(idPlusOne - 1, entry, start, end)) {
          return idPlusOne - 1;
        }
      }
    }

    /** The same hash as {@link #rawHash} then {@link #mix}. */
    private static int hashOf(String entry, int start, int end) {
      int raw = 0;
      for (int i = start; i < end; i++) {
        raw = 31 * raw + entry.charAt(i);
      }
      return mix(raw);
    }

    private boolean sameWord(int word, String entry, int start, int end) {
      int from = starts[word];
      if (starts[word + 1] - from != end - start) {
        return false;
      }
      for (int k = 0; k < end - start; k++) {
        if (chars[from + k] != entry.charAt(start + k)) {
          return false;
        }
      }
      return true;
    }

    private int addWord(String entry, int start, int end, int hash, int slot) {
      if (end - start > Character.MAX_VALUE) {
        throw new IllegalArgumentException(
            "metadata "
                + metadata.source()
                + " has an entry with a "
                + (end - start)
                + "-character word (limit "
                + (int) Character.MAX_VALUE
                + "): "
                + entry.substring(0, 40)
                + "...; remove or split that entry");
      }
      int w = words++;
      table[2 * slot] = hash;
      table[2 * slot + 1] = w + 1;
      int length = end - start;
      if (charCount + length > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(charCount + length, chars.length * 2));
      }
      entry.getChars(start, end, chars, charCount);
      charCount += length;
      if (words + 1 > starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
      }
      starts[words] = charCount;
      maxWordLength = Math.max(maxWordLength, length);
      if (2L * words > table.length / 2) {
        rehash();
      }
      return w;
    }

    private void rehash() {
      int[] old = table;
      table = new int[old.length * 2];
      int mask = table.length / 2 - 1;
      for (int i = 0; i < old.length; i += 2) {
        if (old[i + 1] != 0) {
          int slot = old[i] & mask;
          while (table[2 * slot + 1] != 0) {
            slot = (slot + 1) & mask;
          }
          table[2 * slot] = old[i];
          table[2 * slot + 1] = old[i + 1];
        }
      }
    }

    private SubstringMatcher buildAutomaton(
        int entryCount, int[] sequenceWords, int[] sequenceStart) {
      int wordCount = words;
      // Temporary trie: ids 0..wordCount as final; deeper nodes get temporary ids from wordCount +
      // 1.
      LongIntMap edges = new LongIntMap();
      GrowableInts deepParent = new GrowableInts();
      GrowableInts deepLabel = new GrowableInts();
      GrowableInts deepDepth = new GrowableInts();
      int[] terminal = new int[entryCount];
      int maxDepth = 1;
      for (int e = 0; e < entryCount; e++) {
        int from = sequenceStart[e];
        int to = sequenceStart[e + 1];
        if (from == to) {
          terminal[e] = -1;
          continue;
        }
        int node = sequenceWords[from] + 1;
        int depth = 1;
        for (int t = from + 1; t < to; t++) {
          long key = (long) node << 32 | sequenceWords[t];
          int child = edges.get(key);
          depth++;
          if (child < 0) {
            child = wordCount + 1 + deepParent.size();
            edges.put(key, child);
            deepParent.add(node);
            deepLabel.add(sequenceWords[t]);
            deepDepth.add(depth);
            maxDepth = Math.max(maxDepth, depth);
          }
          node = child;
        }
        terminal[e] = node;
      }
      int deepCount = deepParent.size();
      long stateCountLong = (long) wordCount + 1 + deepCount;
      if (stateCountLong > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            "metadata "
                + metadata.source()
                + " needs "
                + stateCountLong
                + " automaton states; the matcher limit is "
                + (Integer.MAX_VALUE - 8)
                + "; split the metadata");
      }
      int states = (int) stateCountLong;

      // Breadth-first renumbering: level by level, sorted by (new parent id, word id).
      int[] tempToNew = new int[states];
      int[] newToTemp = new int[states];
      for (int s = 0; s <= wordCount; s++) {
        tempToNew[s] = s;
        newToTemp[s] = s;
      }
      int[] levelStart = new int[maxDepth + 2];
      for (int k = 0; k < deepCount; k++) {
        levelStart[deepDepth.get(k) + 1]++;
      }
      for (int d = 1; d <= maxDepth; d++) {
        levelStart[d + 1] += levelStart[d];
      }
      int[] byLevel = new int[deepCount];
      int[] levelFill = Arrays.copyOf(levelStart, levelStart.length);
      for (int k = 0; k < deepCount; k++) {
        byLevel[levelFill[deepDepth.get(k)]++] = k;
      }
      int[] label = new int[states];
      int[] parent = new int[states];
      label[0] = -1;
      for (int w = 0; w < wordCount; w++) {
        label[w + 1] = w;
      }
      int next = wordCount + 1;
      for (int d = 2; d <= maxDepth; d++) {
        int from = levelStart[d];
        int to = levelStart[d + 1];
        long[] keys = new long[to - from];
        for (int i = from; i < to; i++) {
          int k = byLevel[i];
          keys[i - from] = (long) tempToNew[deepParent.get(k)] << 32 | deepLabel.get(k);
        }
        Arrays.sort(keys);
        for (long key : keys) {
          int newParent = (int) (key >>> 32);
          int word = (int) key;
          int temp = edges.get((long) newToTemp[newParent] << 32 | word);
          tempToNew[temp] = next;
          newToTemp[next] = temp;
          label[next] = word;
          parent[next] = newParent;
          next++;
        }
      }

      // Children are numbered after their parents in parent order, so prefix sums give the ranges.
      int[] childStart = new int[states + 1];
      childStart[0] = 1;
      int[] childCount = new int[states];
      childCount[0] = wordCount;
      for (int s = wordCount + 1; s < states; s++) {
        childCount[parent[s]]++;
      }
      for (int s = 0; s < states; s++) {
        childStart[s + 1] = childStart[s] + childCount[s];
      }

      int[] fail = new int[states];
      for (int s = wordCount + 1; s < states; s++) {
        int word = label[s];
        int f = fail[parent[s]];
        int target = word + 1;
        while (f != 0) {
          int c = findChild(childStart, label, f, word);
          if (c >= 0) {
            target = c;
            break;
          }
          f = fail[f];
        }
        fail[s] = target;
      }

      int[] own = new int[states];
      for (int e = 0; e < entryCount; e++) {
        if (terminal[e] >= 0) {
          terminal[e] = tempToNew[terminal[e]];
          own[terminal[e]]++;
        }
      }
      int[] outputStart = new int[states + 1];
      int[] totalOutputs = new int[states];
      long outputCount = 0;
      for (int s = 0; s < states; s++) {
        totalOutputs[s] = own[s] + totalOutputs[fail[s]];
        outputStart[s] = (int) outputCount;
        outputCount += totalOutputs[s];
        if (outputCount > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException(
              "metadata "
                  + metadata.source()
                  + " nests entries so deeply that "
                  + "the expanded output lists exceed "
                  + (Integer.MAX_VALUE - 8)
                  + " ids; split the metadata");
        }
      }
      outputStart[states] = (int) outputCount;
      int[] outputEntryIds = new int[(int) outputCount];
      int[] filled = new int[states];
      for (int e = 0; e < entryCount; e++) {
        int s = terminal[e];
        if (s >= 0) {
          outputEntryIds[outputStart[s] + filled[s]++] = e;
        }
      }
      for (int s = 1; s < states; s++) {
        int f = fail[s];
        System.arraycopy(
            outputEntryIds,
            outputStart[f],
            outputEntryIds,
            outputStart[s] + own[s],
            totalOutputs[f]);
      }

      int[] punctuationWordId = new int[Spacing.PUNCTUATION.length()];
      for (int i = 0; i < punctuationWordId.length; i++) {
        punctuationWordId[i] = find(Spacing.PUNCTUATION, i, i + 1);
      }
      int[] packedStates = new int[(states + 1) * STATE_RECORD];
      for (int s = 0; s <= states; s++) {
        int r = s * STATE_RECORD;
        packedStates[r] = childStart[s];
        packedStates[r + 1] = outputStart[s];
        if (s == 0 || s == states) {
          packedStates[r + 2] = 0;
          packedStates[r + 3] = -1;
        } else if (s <= wordCount) {
          packedStates[r + 2] = starts[s - 1];
          packedStates[r + 3] = starts[s] - starts[s - 1];
        } else {
          packedStates[r + 2] = fail[s];
          packedStates[r + 3] = label[s];
        }
      }
      return new SubstringMatcher(
          entryCount,
          wordCount,
          maxWordLength,
          Arrays.copyOf(chars, charCount),
          punctuationWordId,
          packedStates,
          outputEntryIds);
    }
  }

  /** Open-addressing map from non-zero long keys to non-negative ints; compile-time only. */
  private static final class LongIntMap {
    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int size;

    int get(long key) {
      int mask = keys.length - 1;
      for (int slot = mix(Long.hashCode(key)) & mask; ; slot = (slot + 1) & mask) {
        if (keys[slot] == key) {
          return values[slot];
        }
        if (keys[slot] == 0) {
          return -1;
        }
      }
    }

    void put(long key, int value) {
      if (2 * (size + 1) > keys.length) {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
          if (oldKeys[i] != 0) {
            put(oldKeys[i], oldValues[i]);
          }
        }
      }
      int mask = keys.length - 1;
      int slot = mix(Long.hashCode(key)) & mask;
      while (keys[slot] != 0 && keys[slot] != key) {
        slot = (slot + 1) & mask;
      }
      if (keys[slot] == 0) {
        size++;
      }
      keys[slot] = key;
      values[slot] = value;
    }
  }

  /** A growable int list; compile-time only. */
  private static final class GrowableInts {
    private int[] values = new int[256];
    private int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    int get(int index) {
      return values[index];
    }

    int size() {
      return size;
    }
  }
}
