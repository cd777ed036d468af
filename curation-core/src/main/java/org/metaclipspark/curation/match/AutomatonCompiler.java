package org.metaclipspark.curation.match;

import java.util.Arrays;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.text.Spacing;

/**
 * Builds the {@link Automaton} of a metadata: interns the tokens of every matchable entry as words,
 * builds the trie of the entries' word sequences, renumbers it breadth-first, computes the failure
 * links and expands the output lists along them. Runs in time linear in the total length of the
 * entries, plus the sorting of the multi-word trie levels.
 *
 * <p>Entries that are empty, or hold a token that no spaced text can contain (a tab, a line break,
 * or a punctuation mark glued to other characters), are left out: they keep their entryId and are
 * never reported ({@code docs/SEMANTICS.md}, "Matching"). Single use, not thread-safe; {@link
 * #compile} is the entry point.
 */
final class AutomatonCompiler {
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

  private AutomatonCompiler(Metadata metadata) {
    this.metadata = metadata;
  }

  /** Compiles {@code metadata}; see {@link SubstringMatcher#compile}. */
  static Automaton compile(Metadata metadata) {
    return new AutomatonCompiler(metadata).build();
  }

  private Automaton build() {
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
   * Whether a token of a spaced text can equal {@code entry[start, end)}: text tokens hold no tab,
   * line break or punctuation mark, except the one-character tokens of the seven marks.
   */
  private static boolean canOccur(String entry, int start, int end) {
    if (end - start == 1) {
      return !Spacing.isLineWhitespace(entry.charAt(start));
    }
    for (int i = start; i < end; i++) {
      char c = entry.charAt(i);
      if (c < 128 && Tokens.CHAR_CLASS[c] != Tokens.TOKEN_CHAR) {
        return false;
      }
    }
    return true;
  }

  /** Returns the word id of {@code entry[start, end)}, adding the word if new. */
  private int intern(String entry, int start, int end) {
    int hash = Tokens.hash(entry, start, end - start);
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
    int hash = Tokens.hash(entry, start, end - start);
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

  private Automaton buildAutomaton(int entryCount, int[] sequenceWords, int[] sequenceStart) {
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
          outputEntryIds, outputStart[f], outputEntryIds, outputStart[s] + own[s], totalOutputs[f]);
    }

    int[] punctuationWordId = new int[Spacing.PUNCTUATION.length()];
    for (int i = 0; i < punctuationWordId.length; i++) {
      punctuationWordId[i] = find(Spacing.PUNCTUATION, i, i + 1);
    }
    int[] packedStates = new int[(states + 1) * Automaton.STATE_RECORD];
    for (int s = 0; s <= states; s++) {
      int r = s * Automaton.STATE_RECORD;
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
    return new Automaton(
        entryCount,
        wordCount,
        maxWordLength,
        Arrays.copyOf(chars, charCount),
        punctuationWordId,
        packedStates,
        outputEntryIds);
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

  /** Open-addressing map from non-zero long keys to non-negative ints; compile-time only. */
  private static final class LongIntMap {
    private long[] keys = new long[1024];
    private int[] values = new int[1024];
    private int size;

    int get(long key) {
      int mask = keys.length - 1;
      for (int slot = Tokens.mix(Long.hashCode(key)) & mask; ; slot = (slot + 1) & mask) {
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
      int slot = Tokens.mix(Long.hashCode(key)) & mask;
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

  /** A growable int list; compile-time only (also {@link PaddedMatcher}'s). */
  static final class GrowableInts {
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

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
