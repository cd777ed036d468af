package org.metaclipspark.curation.lid;

import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectStreamException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.metaclipspark.curation.metadata.Sha256;

/**
 * fastText's supervised language-identification model ({@code lid.176.ftz}), run exactly as
 * fastText 0.9.2's {@code predict} runs one line ({@code docs/SEMANTICS.md}, "Language"):
 *
 * <ol>
 *   <li>the text is encoded as UTF-8 (an unpaired surrogate becomes U+FFFD, which has a UTF-8 form,
 *       where Java's own encoder would write {@code '?'}) and followed by {@code "\n"};
 *   <li>it is split into tokens on fastText's separators: space, {@code \n}, {@code \r}, tab,
 *       vertical tab, form feed and NUL; the {@code "\n"} adds the end-of-line token {@code </s>},
 *       and a {@code </s>} inside the text ends the line there, as in fastText;
 *   <li>a token that starts with {@code __label__} is a label and adds nothing; a word of the
 *       dictionary adds its own row, and every token other than {@code </s>} adds the rows of its
 *       character n-grams of {@code minn..maxn} code points, framed as {@code '<' + token + '>'},
 *       hashed with fastText's FNV-1a over signed bytes into {@code bucket} buckets and kept only
 *       where the pruned-bucket index has a row;
 *   <li>the hidden vector is the mean of those rows, summed in that order in single precision;
 *   <li>the hierarchical softmax's depth-first search keeps the {@code k} best leaves whose
 *       log-probability reaches {@code log(1e-5)}, in a heap laid out as libstdc++'s, so that the
 *       order of ties is fastText's; the probability is {@code exp} of the leaf's score.
 * </ol>
 *
 * <p>Building is split from running: {@link #read(InputStream, String)} parses and validates the
 * file and decodes the quantized rows once; {@link #predict} then allocates nothing. Immutable and
 * thread-safe; each thread brings its own {@link LidBuffer}. Java serialization writes the model
 * file's bytes (about 1 MB for {@code lid.176.ftz}) and decodes them again on reading, so a Spark
 * job broadcasts it once.
 */
public final class LanguageIdModel implements Serializable {
  private static final long serialVersionUID = 1L;

  /** fastText's label prefix; tokens that start with it are labels, not words. */
  static final String LABEL_PREFIX = "__label__";

  private static final byte[] LABEL_PREFIX_BYTES = LABEL_PREFIX.getBytes(StandardCharsets.UTF_8);

  /** fastText's end-of-line token. */
  static final String EOS = "</s>";

  private static final byte[] EOS_BYTES = EOS.getBytes(StandardCharsets.UTF_8);

  /** The SHA-256 of fastText's official {@code lid.176.ftz}. */
  public static final String LID_176_SHA256 =
      "8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83";

  private static final int FNV_OFFSET = 0x811C9DC5;
  private static final int FNV_PRIME = 16777619;

  /** fastText's {@code std_log(threshold)} for its default threshold 0: {@code log(0 + 1e-5)}. */
  private static final float LOG_THRESHOLD = (float) Math.log(1e-5);

  /** The model file as read, for serialization; never handed out. */
  private final byte[] file;

  private final String source;
  private final int dim;
  private final int minn;
  private final int maxn;
  private final int bucket;

  /** The number of pruned buckets kept, or -1 when the model's buckets are not pruned. */
  private final int pruned;

  private final int nwords;

  /** The end-of-line word's id, or -1 if the dictionary lacks it. */
  private final int eosId;

  /** Word {@code w}'s UTF-8 bytes are {@code wordBytes[wordStart[w] .. wordStart[w + 1])}. */
  private final byte[] wordBytes;

  private final int[] wordStart;

  /** Word {@code w}'s fastText hash (FNV-1a over its signed bytes). */
  private final int[] wordHash;

  /**
   * Open addressing by word hash, linear probing: each slot holds a word id + 1, or 0 when empty.
   * Its length is a power of two at least twice the number of words.
   */
  private final int[] wordTable;

  /**
   * The pruned-bucket index, open addressing by bucket, linear probing: slot {@code s} holds the
   * bucket at {@code bucketTable[2s]} (or -1 when empty) and its input row at {@code bucketTable[2s
   * + 1]}, side by side so that a probe reads one cache line.
   */
  private final int[] bucketTable;

  /**
   * The rows each dictionary word adds, in fastText's order (its own row, then its n-grams' rows),
   * computed once: word {@code w} adds {@code wordRows[wordRowStart[w] .. wordRowStart[w + 1])}.
   */
  private final int[] wordRows;

  private final int[] wordRowStart;

  /**
   * Lemire's {@code ceil(2^64 / bucket)}, for an exact {@code hash mod bucket} without a division.
   */
  private final long bucketInverse;

  /** Labels without the {@code __label__} prefix, in the dictionary's order (by count). */
  private final String[] labels;

  /**
   * The input matrix decoded, row-major: row {@code r} is {@code inputRows[r * dim .. (r + 1) *
   * dim)}, each value {@code norm(r) * centroid}, rounded to float as fastText's {@code addcode}
   * rounds it. Rows {@code 0..nwords)} are words, the rest pruned buckets.
   */
  private final float[] inputRows;

  /** The output matrix, row-major, {@code labels.length} rows of {@code dim}. */
  private final float[] output;

  /**
   * The Huffman tree of the hierarchical softmax, as fastText's {@code buildTree} makes it from the
   * label counts: leaves {@code 0..labels.length)}, inner nodes after them, the root last; -1 at a
   * leaf.
   */
  private final int[] treeLeft;

  private final int[] treeRight;

  LanguageIdModel(
      byte[] file,
      String source,
      int dim,
      int minn,
      int maxn,
      int bucket,
      int pruned,
      List<byte[]> words,
      String[] labels,
      long[] labelCounts,
      int[] pruneBuckets,
      int[] pruneRows,
      float[] inputRows,
      float[] output) {
    this.file = file;
    this.source = source;
    this.dim = dim;
    this.minn = minn;
    this.maxn = maxn;
    this.bucket = bucket;
    this.pruned = pruned;
    this.nwords = words.size();
    this.inputRows = inputRows;
    this.output = output;

    int total = 0;
    for (byte[] w : words) {
      total += w.length;
    }
    wordBytes = new byte[total];
    wordStart = new int[nwords + 1];
    wordHash = new int[nwords];
    wordTable = new int[tableSize(nwords)];
    int eos = -1;
    for (int w = 0, at = 0; w < nwords; w++) {
      byte[] word = words.get(w);
      System.arraycopy(word, 0, wordBytes, at, word.length);
      wordStart[w] = at;
      at += word.length;
      wordStart[w + 1] = at;
      wordHash[w] = hash(word, 0, word.length);
      if (findWord(word, 0, word.length, wordHash[w]) < 0) {
        int slot = wordHash[w] & (wordTable.length - 1);
        while (wordTable[slot] != 0) {
          slot = (slot + 1) & (wordTable.length - 1);
        }
        wordTable[slot] = w + 1;
      }
      if (Arrays.equals(word, EOS_BYTES)) {
        eos = w;
      }
    }
    eosId = eos;

    bucketTable = new int[2 * tableSize(pruneBuckets.length)];
    Arrays.fill(bucketTable, -1);
    int mask = bucketTable.length / 2 - 1;
    for (int i = 0; i < pruneBuckets.length; i++) {
      int slot = mix(pruneBuckets[i]) & mask;
      // fastText keeps the last row of a bucket that occurs twice (pruneidx_[first] = second).
      while (bucketTable[2 * slot] != -1 && bucketTable[2 * slot] != pruneBuckets[i]) {
        slot = (slot + 1) & mask;
      }
      bucketTable[2 * slot] = pruneBuckets[i];
      bucketTable[2 * slot + 1] = nwords + pruneRows[i];
      if (nwords + (long) pruneRows[i] >= inputRows.length / dim) {
        throw new IllegalArgumentException(
            source + ": pruned bucket " + pruneBuckets[i] + " points past the input matrix");
      }
    }

    bucketInverse = Long.divideUnsigned(-1L, bucket) + 1;
    wordRowStart = new int[nwords + 1];
    int[] rowsOfWords = new int[16];
    int filled = 0;
    RowSink sink = new RowSink();
    for (int w = 0; w < nwords; w++) {
      wordRowStart[w] = filled;
      sink.size = 0;
      sink.add(w);
      if (w != eosId) {
        int len = wordStart[w + 1] - wordStart[w];
        byte[] framed = new byte[len + 2];
        framed[0] = '<';
        System.arraycopy(wordBytes, wordStart[w], framed, 1, len);
        framed[len + 1] = '>';
        subwordRows(framed, len + 2, sink);
      }
      if (filled + sink.size > rowsOfWords.length) {
        rowsOfWords =
            Arrays.copyOf(rowsOfWords, Math.max(2 * rowsOfWords.length, filled + sink.size));
      }
      System.arraycopy(sink.rows, 0, rowsOfWords, filled, sink.size);
      filled += sink.size;
    }
    wordRowStart[nwords] = filled;
    wordRows = Arrays.copyOf(rowsOfWords, filled);

    this.labels = new String[labels.length];
    for (int i = 0; i < labels.length; i++) {
      this.labels[i] =
          labels[i].startsWith(LABEL_PREFIX)
              ? labels[i].substring(LABEL_PREFIX.length())
              : labels[i];
    }
    int osz = labels.length;
    treeLeft = new int[2 * osz - 1];
    treeRight = new int[2 * osz - 1];
    buildTree(labelCounts);
  }

  /** Reads a model file, for example {@code lid.176.ftz}; {@code source} names it in errors. */
  public static LanguageIdModel read(InputStream in, String source) throws IOException {
    return FastTextFormat.parse(in.readAllBytes(), source);
  }

  /** Reads the model file at {@code path}. */
  public static LanguageIdModel load(Path path) throws IOException {
    return FastTextFormat.parse(Files.readAllBytes(path), path.toString());
  }

  /**
   * The SHA-256 of the model file, in lowercase hex; {@code lid.176.ftz} has {@value
   * #LID_176_SHA256}.
   */
  public String sha256() {
    return Sha256.hex(file);
  }

  /** The file or name the model was read from. */
  public String source() {
    return source;
  }

  /** The number of labels (176 for {@code lid.176.ftz}). */
  public int labelCount() {
    return labels.length;
  }

  /** Label {@code i} without the {@code __label__} prefix, e.g. {@code en}. */
  public String label(int i) {
    return labels[i];
  }

  /** The index of {@code label} (without prefix), or -1 if the model has no such label. */
  public int labelIndex(String label) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i].equals(label)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Predicts the {@code k} most probable labels of {@code text} into {@code out}, best first, and
   * returns how many there are: at most {@code k}, fewer when fastText's cut at probability about
   * 1e-5 leaves fewer. {@code \n} and {@code \r} inside the text separate tokens as spaces do.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public int predict(CharSequence text, int k, LidBuffer out) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, not " + k);
    }
    out.model = this;
    if (out.hidden.length != dim) {
      out.hidden = new float[dim];
    }
    float[] hidden = out.hidden;
    Arrays.fill(hidden, 0f);
    int length = encode(text, out);
    byte[] b = out.utf8;
    long rows = 0;
    boolean ended = false;
    int i = 0;
    while (i < length && !ended) {
      while (i < length && isSeparator(b[i])) {
        i++;
      }
      int start = i;
      while (i < length && !isSeparator(b[i])) {
        i++;
      }
      if (i > start) {
        rows += addToken(b, start, i, out, hidden);
        ended = isEos(b, start, i);
      }
    }
    if (!ended && eosId >= 0) {
      // The "\n" fastText's predict appends: the end-of-line token and nothing else.
      addRow(hidden, eosId);
      rows++;
    }
    out.size = 0;
    out.heapSize = 0;
    if (rows == 0) {
      return 0;
    }
    float scale = (float) (1.0 / rows);
    for (int d = 0; d < dim; d++) {
      hidden[d] *= scale;
    }
    // More than every label changes nothing in fastText's search, so the heap never needs more.
    int kept = Math.min(k, labels.length);
    out.ensureHeap(kept);
    dfs(kept, treeLeft.length - 1, 0f, out, hidden);
    // std::sort_heap with fastText's greater-score comparison: best first, ties as libstdc++ has.
    int n = out.heapSize;
    for (int last = n; last > 1; last--) {
      popHeap(out, last);
    }
    for (int j = 0; j < n; j++) {
      out.labels[j] = out.heapLabel[j];
      out.probabilities[j] = (float) Math.exp(out.heapScore[j]);
    }
    out.size = n;
    return n;
  }

  /** Adds the rows of one token; returns how many rows it added. */
  private int addToken(byte[] b, int start, int end, LidBuffer out, float[] hidden) {
    int len = end - start;
    if (startsWith(b, start, end, LABEL_PREFIX_BYTES)) {
      return 0;
    }
    int h = hash(b, start, end);
    int wid = findWord(b, start, end, h);
    if (wid >= 0) {
      for (int r = wordRowStart[wid]; r < wordRowStart[wid + 1]; r++) {
        addRow(hidden, wordRows[r]);
      }
      return wordRowStart[wid + 1] - wordRowStart[wid];
    } else if (isEos(b, start, end)) {
      return 0;
    }
    if (out.framed.length < len + 2) {
      out.framed = new byte[Math.max(len + 2, 2 * out.framed.length)];
    }
    byte[] w = out.framed;
    w[0] = '<';
    System.arraycopy(b, start, w, 1, len);
    w[len + 1] = '>';
    RowSink rows = out.rows;
    rows.size = 0;
    subwordRows(w, len + 2, rows);
    for (int r = 0; r < rows.size; r++) {
      addRow(hidden, rows.rows[r]);
    }
    return rows.size;
  }

  /**
   * {@code hash mod bucket} with {@code hash} read as unsigned, as fastText's {@code uint32_t %
   * int32_t}: Lemire's exact remainder by multiplication ("Faster remainder by direct computation",
   * 2019), which holds for every 32-bit numerator with a 64-bit inverse.
   */
  int bucketOf(int hash) {
    long low = bucketInverse * Integer.toUnsignedLong(hash);
    // the high 64 bits of the unsigned 128-bit product low * bucket (bucket is positive)
    return (int) (Math.multiplyHigh(low, bucket) + ((low >> 63) & bucket));
  }

  /** A growable list of input rows: a word's while the model is built, a token's per text. */
  static final class RowSink {
    int[] rows = new int[64];
    int size;

    void add(int row) {
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, 2 * size);
      }
      rows[size++] = row;
    }
  }

  /**
   * fastText's {@code computeSubwords} over {@code w[0..n)}: appends the row of each character
   * n-gram of {@code minn..maxn} code points whose bucket the pruned-bucket index keeps.
   */
  private void subwordRows(byte[] w, int n, RowSink sink) {
    for (int i = 0; i < n; i++) {
      if ((w[i] & 0xC0) == 0x80) {
        continue;
      }
      int h = FNV_OFFSET;
      int j = i;
      for (int chars = 1; j < n && chars <= maxn; chars++) {
        h = (h ^ w[j++]) * FNV_PRIME;
        while (j < n && (w[j] & 0xC0) == 0x80) {
          h = (h ^ w[j++]) * FNV_PRIME;
        }
        if (chars >= minn && !(chars == 1 && (i == 0 || j == n))) {
          int row = bucketRow(bucketOf(h));
          if (row >= 0) {
            sink.add(row);
          }
        }
      }
    }
  }

  /** fastText's {@code pushHash}: the input row of bucket {@code id}, or -1 if it was pruned. */
  private int bucketRow(int id) {
    if (pruned < 0) {
      return nwords + id;
    }
    int[] table = bucketTable;
    int mask = table.length / 2 - 1;
    int slot = mix(id) & mask;
    while (true) {
      int key = table[2 * slot];
      if (key == id) {
        return table[2 * slot + 1];
      }
      if (key == -1) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private void addRow(float[] hidden, int row) {
    float[] rows = inputRows;
    int at = row * dim;
    for (int d = 0; d < dim; d++) {
      hidden[d] += rows[at + d];
    }
  }

  /**
   * fastText's {@code HierarchicalSoftmaxLoss::dfs}: in single precision, with {@code exp} and
   * {@code log} rounded as fastText's {@code std::exp(float)} and {@code std::log(double)} round.
   */
  private void dfs(int k, int node, float score, LidBuffer out, float[] hidden) {
    if (score < LOG_THRESHOLD) {
      return;
    }
    if (out.heapSize == k && score < out.heapScore[0]) {
      return;
    }
    int left = treeLeft[node];
    if (left == -1 && treeRight[node] == -1) {
      pushHeap(out, score, node);
      if (out.heapSize > k) {
        popHeap(out, out.heapSize);
        out.heapSize--;
      }
      return;
    }
    int osz = labels.length;
    float f = 0f;
    int at = (node - osz) * dim;
    for (int d = 0; d < dim; d++) {
      f += output[at + d] * hidden[d];
    }
    f = (float) (1.0 / (1f + (float) Math.exp(-f)));
    dfs(k, left, score + stdLog((float) (1.0 - f)), out, hidden);
    dfs(k, treeRight[node], score + stdLog(f), out, hidden);
  }

  private static float stdLog(float x) {
    return (float) Math.log(x + 1e-5);
  }

  // libstdc++'s push_heap, pop_heap and adjust_heap with comp(a, b) = a.score > b.score, over
  // heap[0..size): fastText keeps its predictions in such a heap, and ties come out in its order.

  private static void pushHeap(LidBuffer h, float score, int label) {
    int hole = h.heapSize++;
    siftUp(h, hole, 0, score, label);
  }

  private static void siftUp(LidBuffer h, int hole, int top, float score, int label) {
    int parent = (hole - 1) / 2;
    while (hole > top && h.heapScore[parent] > score) {
      h.heapScore[hole] = h.heapScore[parent];
      h.heapLabel[hole] = h.heapLabel[parent];
      hole = parent;
      parent = (hole - 1) / 2;
    }
    h.heapScore[hole] = score;
    h.heapLabel[hole] = label;
  }

  /** {@code std::pop_heap(first, first + last)}: moves the smallest to {@code last - 1}. */
  private static void popHeap(LidBuffer h, int last) {
    if (last <= 1) {
      return;
    }
    int end = last - 1;
    float score = h.heapScore[end];
    int label = h.heapLabel[end];
    h.heapScore[end] = h.heapScore[0];
    h.heapLabel[end] = h.heapLabel[0];
    // __adjust_heap(first, 0, end, value)
    int len = end;
    int hole = 0;
    int child = 0;
    while (child < (len - 1) / 2) {
      child = 2 * (child + 1);
      if (h.heapScore[child] > h.heapScore[child - 1]) {
        child--;
      }
      h.heapScore[hole] = h.heapScore[child];
      h.heapLabel[hole] = h.heapLabel[child];
      hole = child;
    }
    if ((len & 1) == 0 && child == (len - 2) / 2) {
      child = 2 * (child + 1);
      h.heapScore[hole] = h.heapScore[child - 1];
      h.heapLabel[hole] = h.heapLabel[child - 1];
      hole = child - 1;
    }
    siftUp(h, hole, 0, score, label);
  }

  /** fastText's {@code HierarchicalSoftmaxLoss::buildTree} over the label counts (sorted). */
  private void buildTree(long[] counts) {
    int osz = counts.length;
    long[] count = new long[2 * osz - 1];
    Arrays.fill(treeLeft, -1);
    Arrays.fill(treeRight, -1);
    Arrays.fill(count, (long) 1e15);
    System.arraycopy(counts, 0, count, 0, osz);
    int leaf = osz - 1;
    int node = osz;
    for (int i = osz; i < 2 * osz - 1; i++) {
      int[] mini = new int[2];
      for (int j = 0; j < 2; j++) {
        if (leaf >= 0 && count[leaf] < count[node]) {
          mini[j] = leaf--;
        } else {
          mini[j] = node++;
        }
      }
      treeLeft[i] = mini[0];
      treeRight[i] = mini[1];
      count[i] = count[mini[0]] + count[mini[1]];
    }
  }

  private static boolean isSeparator(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0B || c == '\f' || c == 0;
  }

  private static boolean isEos(byte[] b, int start, int end) {
    return end - start == EOS_BYTES.length && startsWith(b, start, end, EOS_BYTES);
  }

  private static boolean startsWith(byte[] b, int start, int end, byte[] prefix) {
    if (end - start < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (b[start + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** fastText's {@code Dictionary::hash}: FNV-1a over the bytes read as signed chars. */
  static int hash(byte[] b, int start, int end) {
    int h = FNV_OFFSET;
    for (int i = start; i < end; i++) {
      h = (h ^ b[i]) * FNV_PRIME;
    }
    return h;
  }

  private int findWord(byte[] b, int start, int end, int h) {
    int mask = wordTable.length - 1;
    int len = end - start;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int entry = wordTable[slot];
      if (entry == 0) {
        return -1;
      }
      int w = entry - 1;
      if (wordHash[w] == h
          && wordStart[w + 1] - wordStart[w] == len
          && Arrays.equals(wordBytes, wordStart[w], wordStart[w + 1], b, start, end)) {
        return w;
      }
    }
  }

  /**
   * Encodes {@code text} as UTF-8 into {@code out.utf8} and returns the length. An unpaired
   * surrogate becomes U+FFFD ({@code EF BF BD}).
   */
  static int encode(CharSequence text, LidBuffer out) {
    int n = text.length();
    if (out.utf8.length < 3 * n) {
      out.utf8 = new byte[Math.max(3 * n, 2 * out.utf8.length)];
    }
    byte[] b = out.utf8;
    int at = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        b[at++] = (byte) c;
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        b[at++] = (byte) (0xF0 | (cp >> 18));
        b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        int cp = Character.isSurrogate(c) ? 0xFFFD : c;
        b[at++] = (byte) (0xE0 | (cp >> 12));
        b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (cp & 0x3F));
      }
    }
    return at;
  }

  private static int tableSize(int n) {
    return Integer.highestOneBit(Math.max(2 * n, 8) - 1) << 1;
  }

  /** Spreads bucket ids, which are already uniform hashes, over the table's low bits. */
  private static int mix(int id) {
    return id * 0x9E3779B1 >>> 7;
  }

  /** Java serialization writes the model file's bytes instead of the decoded fields. */
  private Object writeReplace() throws ObjectStreamException {
    return new SerializedForm(file, source);
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("LanguageIdModel is deserialized through its SerializedForm");
  }

  /** The Java-serialization proxy: the model file and its name. */
  private static final class SerializedForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] file;
    private final String source;

    SerializedForm(byte[] file, String source) {
      this.file = file;
      this.source = source;
    }

    private Object readResolve() throws ObjectStreamException {
      try {
        return FastTextFormat.parse(file, source);
      } catch (IOException e) {
        InvalidObjectException invalid = new InvalidObjectException(e.getMessage());
        invalid.initCause(e);
        throw invalid;
      }
    }
  }
}
