package org.metaclipspark.curation.lid;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads fastText's binary model format (version 12, as fastText 0.9.2 writes it with {@code
 * quantize}) into the parts of a {@link LanguageIdModel}, and rejects what the model cannot run.
 *
 * <p>The layout, all little-endian, in the order of fastText's {@code FastText::loadModel}:
 *
 * <ol>
 *   <li>magic {@code int32 793712314}, version {@code int32 12};
 *   <li>arguments: {@code dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn,
 *       maxn, lrUpdateRate} as {@code int32}, then {@code t} as {@code float64};
 *   <li>dictionary: {@code size, nwords, nlabels} ({@code int32}), {@code ntokens, pruneidxSize}
 *       ({@code int64}); per entry a NUL-terminated UTF-8 word, {@code int64} count and {@code
 *       int8} type (0 word, 1 label); then {@code pruneidxSize} pairs {@code int32 bucket, int32
 *       row};
 *   <li>{@code bool quantInput}; the quantized input matrix: {@code bool qnorm, int64 m, int64 n,
 *       int32 codesize}, the codes, a product quantizer ({@code int32 dim, nsubq, dsub, lastdsub},
 *       {@code dim * 256} centroids as {@code float32}), and with {@code qnorm} one code per row
 *       and the norm quantizer;
 *   <li>{@code bool qout}; the output matrix: {@code int64 m, int64 n} and {@code m * n} {@code
 *       float32}.
 * </ol>
 */
final class FastTextFormat {
  static final int MAGIC = 793712314;
  static final int VERSION = 12;

  /** fastText's {@code loss_name::hs} and {@code model_name::sup}. */
  private static final int LOSS_HS = 1;

  private static final int MODEL_SUPERVISED = 3;

  /** Centroids per sub-quantizer: fastText's {@code ksub_ = 1 << nbits}, with {@code nbits = 8}. */
  private static final int KSUB = 256;

  private final ByteBuffer in;
  private final String source;

  private FastTextFormat(byte[] bytes, String source) {
    this.in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    this.source = source;
  }

  /** Parses a whole model file. */
  static LanguageIdModel parse(byte[] bytes, String source) throws LidModelFormatException {
    return new FastTextFormat(bytes, source).parse(bytes);
  }

  private LanguageIdModel parse(byte[] bytes) throws LidModelFormatException {
    int magic = int32("the magic number");
    if (magic != MAGIC) {
      throw error(0, "not a fastText model (magic number " + magic + ", expected " + MAGIC + ")");
    }
    int version = int32("the version");
    if (version != VERSION) {
      throw error(
          4, "fastText model version " + version + "; only version " + VERSION + " is read");
    }
    int dim = int32("dim");
    int32("ws");
    int32("epoch");
    int32("minCount");
    int32("neg");
    int wordNgrams = int32("wordNgrams");
    int loss = int32("loss");
    int model = int32("model");
    int bucket = int32("bucket");
    int minn = int32("minn");
    int maxn = int32("maxn");
    int32("lrUpdateRate");
    float64("t");
    if (model != MODEL_SUPERVISED || loss != LOSS_HS || wordNgrams != 1) {
      throw error(
          in.position(),
          "a model with model="
              + model
              + ", loss="
              + loss
              + ", wordNgrams="
              + wordNgrams
              + "; only supervised models with hierarchical softmax and wordNgrams 1 are read"
              + " (model=3, loss=1, as lid.176.ftz)");
    }
    if (dim <= 0 || dim > 1024 || bucket <= 0 || minn < 1 || maxn < minn || maxn > 32) {
      throw error(
          in.position(),
          "implausible arguments dim="
              + dim
              + ", bucket="
              + bucket
              + ", minn="
              + minn
              + ", maxn="
              + maxn);
    }

    int size = int32("the dictionary size");
    int nwords = int32("the number of words");
    int nlabels = int32("the number of labels");
    int64("the number of tokens");
    long pruneSize = int64("the pruned-bucket count");
    if (size < 0 || nwords < 0 || nlabels < 2 || nwords + nlabels != size || pruneSize > bucket) {
      throw error(
          in.position(),
          "inconsistent dictionary: size "
              + size
              + ", words "
              + nwords
              + ", labels "
              + nlabels
              + ", pruned buckets "
              + pruneSize);
    }
    List<byte[]> words = new ArrayList<>(nwords);
    String[] labels = new String[nlabels];
    long[] labelCounts = new long[nlabels];
    for (int i = 0; i < size; i++) {
      int start = in.position();
      byte[] word = cString(i);
      long count = int64("the count of entry " + i);
      byte type = int8("the type of entry " + i);
      boolean isLabel = i >= nwords;
      if (type != (isLabel ? 1 : 0)) {
        throw error(start, "entry " + i + " has type " + type + "; words come before labels");
      }
      if (isLabel) {
        labels[i - nwords] = new String(word, StandardCharsets.UTF_8);
        labelCounts[i - nwords] = count;
      } else {
        words.add(word);
      }
    }
    int pruned = (int) Math.max(pruneSize, -1);
    int[] pruneBuckets = new int[Math.max(pruned, 0)];
    int[] pruneRows = new int[pruneBuckets.length];
    for (int i = 0; i < pruneBuckets.length; i++) {
      int at = in.position();
      pruneBuckets[i] = int32("a pruned bucket");
      pruneRows[i] = int32("a pruned bucket's row");
      if (pruneBuckets[i] < 0 || pruneBuckets[i] >= bucket || pruneRows[i] < 0) {
        throw error(at, "pruned bucket " + pruneBuckets[i] + " -> " + pruneRows[i]);
      }
    }

    int matrixAt = in.position();
    if (!bool("the input-quantization flag")) {
      throw error(
          matrixAt,
          "a model with a dense input matrix (a .bin); only quantized models (.ftz) are read");
    }
    boolean qnorm = bool("qnorm");
    long rows = int64("the input rows");
    long cols = int64("the input columns");
    int codesize = int32("the code size");
    long expectedRows = (long) nwords + (pruned >= 0 ? pruned : bucket);
    if (cols != dim || rows != expectedRows) {
      throw error(
          matrixAt,
          "input matrix "
              + rows
              + " x "
              + cols
              + ", expected "
              + expectedRows
              + " x "
              + dim
              + " (words plus buckets by dim)");
    }
    int codesAt = in.position();
    byte[] codes = bytes(codesize, "the input codes");
    ProductQuantizer pq = ProductQuantizer.read(this);
    if (pq.dim != dim || (long) pq.nsubq * rows != codesize) {
      throw error(
          codesAt,
          "product quantizer of dim "
              + pq.dim
              + " with "
              + pq.nsubq
              + " sub-quantizers does not fit "
              + rows
              + " rows of dim "
              + dim
              + " in "
              + codesize
              + " code bytes");
    }
    byte[] normCodes = null;
    ProductQuantizer npq = null;
    if (qnorm) {
      normCodes = bytes((int) rows, "the norm codes");
      npq = ProductQuantizer.read(this);
      if (npq.dim != 1 || npq.nsubq != 1) {
        throw error(in.position(), "norm quantizer of dim " + npq.dim + "; expected 1");
      }
    }
    int outAt = in.position();
    if (bool("the output-quantization flag")) {
      throw error(outAt, "a model with a quantized output matrix (-qout); it is not read");
    }
    long outRows = int64("the output rows");
    long outCols = int64("the output columns");
    if (outRows != nlabels || outCols != dim) {
      throw error(
          outAt,
          "output matrix " + outRows + " x " + outCols + ", expected " + nlabels + " x " + dim);
    }
    float[] output = floats((int) (outRows * outCols), "the output matrix");
    if (in.hasRemaining()) {
      throw error(in.position(), in.remaining() + " bytes after the output matrix");
    }

    // Each input row decoded once, scaled by its norm: fastText adds norm * centroid, each product
    // rounded to float, so the sum of the decoded rows is the same float as fastText's.
    float[] inputRows = new float[(int) rows * dim];
    for (int r = 0; r < rows; r++) {
      float norm = qnorm ? npq.centroids[normCodes[r] & 0xFF] : 1f;
      pq.decode(codes, r, norm, inputRows, r * dim);
    }
    return new LanguageIdModel(
        bytes.clone(),
        source,
        dim,
        minn,
        maxn,
        bucket,
        pruned,
        words,
        labels,
        labelCounts,
        pruneBuckets,
        pruneRows,
        inputRows,
        output);
  }

  /** fastText's {@code ProductQuantizer}: {@code nsubq} sub-spaces of {@code dsub} floats. */
  private static final class ProductQuantizer {
    final int dim;
    final int nsubq;
    final int dsub;
    final int lastdsub;
    final float[] centroids;

    private ProductQuantizer(int dim, int nsubq, int dsub, int lastdsub, float[] centroids) {
      this.dim = dim;
      this.nsubq = nsubq;
      this.dsub = dsub;
      this.lastdsub = lastdsub;
      this.centroids = centroids;
    }

    static ProductQuantizer read(FastTextFormat f) throws LidModelFormatException {
      int at = f.in.position();
      int dim = f.int32("the quantizer's dim");
      int nsubq = f.int32("the quantizer's sub-quantizers");
      int dsub = f.int32("the quantizer's sub-dim");
      int lastdsub = f.int32("the quantizer's last sub-dim");
      if (dim <= 0
          || nsubq <= 0
          || dsub <= 0
          || lastdsub <= 0
          || (long) dsub * (nsubq - 1) + lastdsub != dim) {
        throw f.error(
            at,
            "product quantizer dim "
                + dim
                + ", nsubq "
                + nsubq
                + ", dsub "
                + dsub
                + ", lastdsub "
                + lastdsub);
      }
      return new ProductQuantizer(
          dim, nsubq, dsub, lastdsub, f.floats(dim * KSUB, "the quantizer's centroids"));
    }

    /** fastText's {@code addcode} into a zero row: {@code out[m * dsub + j] = alpha * c[j]}. */
    void decode(byte[] codes, int row, float alpha, float[] out, int at) {
      int code = nsubq * row;
      for (int m = 0; m < nsubq; m++) {
        int c = codes[code + m] & 0xFF;
        int d = m == nsubq - 1 ? lastdsub : dsub;
        // fastText's get_centroids: the last sub-quantizer's centroids are lastdsub wide.
        int base = m == nsubq - 1 ? m * KSUB * dsub + c * lastdsub : (m * KSUB + c) * dsub;
        for (int j = 0; j < d; j++) {
          out[at + m * dsub + j] = alpha * centroids[base + j];
        }
      }
    }
  }

  private LidModelFormatException error(long offset, String message) {
    return new LidModelFormatException(source, offset, message);
  }

  private void need(int n, String what) throws LidModelFormatException {
    if (n < 0 || in.remaining() < n) {
      throw error(in.position(), "the file ends before " + what + " (truncated model?)");
    }
  }

  private int int32(String what) throws LidModelFormatException {
    need(4, what);
    return in.getInt();
  }

  private long int64(String what) throws LidModelFormatException {
    need(8, what);
    return in.getLong();
  }

  private byte int8(String what) throws LidModelFormatException {
    need(1, what);
    return in.get();
  }

  private double float64(String what) throws LidModelFormatException {
    need(8, what);
    return in.getDouble();
  }

  private boolean bool(String what) throws LidModelFormatException {
    int at = in.position();
    byte b = int8(what);
    if (b != 0 && b != 1) {
      throw error(at, what + " is " + b + ", not a bool");
    }
    return b == 1;
  }

  private byte[] bytes(int n, String what) throws LidModelFormatException {
    need(n, what);
    byte[] out = new byte[n];
    in.get(out);
    return out;
  }

  private float[] floats(int n, String what) throws LidModelFormatException {
    need(n < 0 || n > Integer.MAX_VALUE / 4 ? -1 : n * 4, what);
    float[] out = new float[n];
    in.asFloatBuffer().get(out);
    in.position(in.position() + n * 4);
    return out;
  }

  private byte[] cString(int entry) throws LidModelFormatException {
    int start = in.position();
    int end = start;
    while (end < in.limit() && in.get(end) != 0) {
      end++;
    }
    if (end >= in.limit()) {
      throw error(start, "the file ends inside entry " + entry + " of the dictionary");
    }
    byte[] word = new byte[end - start];
    in.get(word);
    in.get();
    return word;
  }
}
