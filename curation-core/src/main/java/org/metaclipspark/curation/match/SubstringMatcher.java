package org.metaclipspark.curation.match;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.function.IntConsumer;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.text.Spacing;

/**
 * Finds the {@code matchedEntryIds} of texts: the entries {@code e} whose padded form {@code " " +
 * e + " "} occurs in the spaced text ({@code docs/SEMANTICS.md}, "Spacing" and "Matching").
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
 * <h2>Where the parts live</h2>
 *
 * As Lucene separates building an automaton from running it, this class only runs one: it holds the
 * scan and the flat arrays the scan reads, together, so that the JIT sees final fields and small
 * methods of a final class, which it inlines into the scan loop. {@link AutomatonCompiler} builds
 * the {@link Automaton} (the trie, the failure links, the words) from the metadata; {@link
 * AutomatonFormat} writes and reads its versioned binary form and validates it; {@link Tokens}
 * holds the token rules and the token hash that compiler and scan share. The constructor derives
 * the scan tables ({@link #wordTable}, {@link #wordHeap}) from the automaton, on compile and on
 * load alike.
 *
 * <h2>The scan</h2>
 *
 * The scan never builds the spaced text. It walks the text's UTF-16 code units once, cutting a
 * token at each space, {@code \t}, {@code \n} and {@code \r}, and around each of the seven
 * punctuation marks (which become one-character tokens), while hashing the current token's
 * characters. It buffers up to {@value MatchBuffer#TOKEN_BLOCK} tokens, looks their words up in an
 * open-addressing word table with independent loads (a token that is no word sends the automaton to
 * its root), and then takes one Aho-Corasick step per token. Tokens of the text never contain those
 * ten characters (bar the one-character punctuation tokens), so entries with such a token (for
 * example {@code "cat."}) can never match and are left out when compiling, as the contract intends.
 * Strings are compared as UTF-16 code units, which gives the contract's code point answers because
 * token boundaries are ASCII. A one-token-at-a-time scan, simpler and slower, is kept in the tests
 * as a reference.
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

  /** Ints per state of {@link #states}. */
  private static final int STATE_RECORD = Automaton.STATE_RECORD;

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
   * word's mixed hash ({@link Tokens#mix}). (32-byte slots, which never straddle a cache line,
   * measured no faster and cost 8 MB more.)
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
   * The automaton's states, {@value Automaton#STATE_RECORD} ints each, laid out as documented on
   * {@link Automaton#states}. A scan reads a record only to leave a root child with children, to
   * enter or leave a deeper state, or to report several entries; the word table answers the rest.
   */
  private final int[] states;

  /** Output lists of all states back to back; see {@link Automaton#states}. */
  private final int[] outputEntryIds;

  private SubstringMatcher(Automaton a) {
    this.entryCount = a.entryCount();
    this.wordCount = a.wordCount();
    this.maxWordLength = a.maxWordLength();
    this.wordCharCount = a.wordChars().length;
    int[] heapOffset = new int[wordCount];
    this.wordHeap = buildWordHeap(wordCount, a.states(), a.wordChars(), heapOffset);
    this.wordTable =
        buildWordTable(wordCount, a.states(), a.wordChars(), a.outputEntryIds(), heapOffset);
    this.wordTableMask = wordTable.length / SLOT - 1;
    this.punctuationWordId = a.punctuationWordId();
    this.punctuationData = new long[punctuationWordId.length];
    for (int i = 0; i < punctuationWordId.length; i++) {
      punctuationData[i] =
          punctuationWordId[i] < 0
              ? NO_WORD
              : wordData(punctuationWordId[i], a.states(), a.outputEntryIds());
    }
    this.states = a.states();
    this.outputEntryIds = a.outputEntryIds();
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
    return new SubstringMatcher(AutomatonCompiler.compile(metadata));
  }

  /**
   * Returns the {@code matchedEntryIds} of {@code text}: ascending, distinct entryIds, exactly as
   * {@code docs/SEMANTICS.md} defines them. Allocates the result and a scratch buffer; use {@link
   * #matchEntryIds(CharSequence, MatchBuffer)} in loops.
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
   * Calls {@code sink} once per occurrence of a non-empty entry's padded form in the spaced text.
   * Ids come in order of the occurrence's end in the text; an entry that occurs several times is
   * reported several times, and entries ending at the same token come in no specified order. The
   * distinct ids reported are exactly the {@code matchedEntryIds}. Allocates a scratch buffer; use
   * {@link #forEachMatch(CharSequence, MatchBuffer, IntConsumer)} in loops.
   */
  public void forEachMatch(CharSequence text, IntConsumer sink) {
    forEachMatch(text, MatchBuffer.create(), sink);
  }

  /**
   * Like {@link #forEachMatch(CharSequence, IntConsumer)}, without allocating: the word lookups of
   * up to {@value MatchBuffer#TOKEN_BLOCK} tokens are batched in {@code scratch} first, so that
   * their memory accesses overlap instead of running one after another; several times faster on
   * large metadata, whose tables do not fit in the CPU's nearer caches, than looking each token up
   * as it ends. The entryIds held by {@code scratch} are left unchanged; only its token scratch
   * space is used, so {@code sink} must not scan with the same buffer.
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
      byte kind = Tokens.classOf(c);
      if (kind == Tokens.TOKEN_CHAR) {
        hash = Tokens.step(hash, c);
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
      if (kind == Tokens.PUNCTUATION) {
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
          int at = (Tokens.mix(tokenHash[k]) & mask) * SLOT;
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
   * The data long ({@link #wordTable}) of the word {@code text[start, start+length)}, whose raw
   * hash ({@link Tokens#step}) is {@code rawHash}, or {@link #NO_WORD}.
   */
  long lookupWord(CharSequence text, int start, int length, int rawHash) {
    if (length > maxWordLength) {
      return NO_WORD;
    }
    long[] table = wordTable;
    int mask = wordTableMask;
    int hash = Tokens.mix(rawHash);
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
  int stepAndEmit(int state, long stateData, long data, IntConsumer sink) {
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
  static long rootChildData(int state, long data) {
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
   * Data long ({@link #wordTable}) of the one-character token {@code
   * Spacing.PUNCTUATION.charAt(i)}.
   */
  long punctuationData(int i) {
    return punctuationData[i];
  }

  /**
   * Writes the compact binary form ({@link AutomatonFormat}): the magic {@code "MCSM"}, a format
   * version, three ints of sizes, then each array as its length and its elements, little-endian.
   * The stream is not closed.
   */
  public void writeTo(OutputStream out) throws IOException {
    AutomatonFormat.write(
        new Automaton(
            entryCount,
            wordCount,
            maxWordLength,
            storedWords(),
            punctuationWordId,
            states,
            outputEntryIds),
        out);
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
    return new SubstringMatcher(AutomatonFormat.read(in));
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
      int hash = Tokens.hash(wordChars, from, length);
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

  private static long intArrayBytes(int[] a) {
    return 16 + 4L * a.length;
  }

  private static long charArrayBytes(char[] a) {
    return 16 + 2L * a.length;
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
}
