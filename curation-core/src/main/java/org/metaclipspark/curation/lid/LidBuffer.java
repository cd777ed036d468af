package org.metaclipspark.curation.lid;

/**
 * Reusable scratch space for {@link LanguageIdModel#predict(CharSequence, int, LidBuffer)}: the
 * text's UTF-8 form, the hidden vector, the search heap, and the predictions it receives.
 *
 * <p>Mutable and not thread-safe: use one buffer per thread (for example one per Spark partition).
 * Its arrays grow to the longest text seen and keep that capacity.
 */
public final class LidBuffer {

  /** The text's UTF-8 form: {@code utf8[0..utf8Length)}. */
  byte[] utf8 = new byte[256];

  /** One token framed as fastText frames it for its n-grams: {@code '<' + token + '>'}. */
  byte[] framed = new byte[256];

  /** The rows of the token at hand. */
  final LanguageIdModel.RowSink rows = new LanguageIdModel.RowSink();

  /** The averaged input vector ({@code dim} floats). */
  float[] hidden = new float[0];

  /**
   * The search's min-heap of {@code (score, label)} in libstdc++'s heap layout, so that ties leave
   * it in fastText's order: {@code heapScore[0]} is the smallest score held.
   */
  float[] heapScore = new float[4];

  int[] heapLabel = new int[4];
  int heapSize;

  /** The predictions, best first: label index and probability. */
  int[] labels = new int[4];

  float[] probabilities = new float[4];
  int size;

  LanguageIdModel model;

  private LidBuffer() {}

  /** Returns an empty buffer. */
  public static LidBuffer create() {
    return new LidBuffer();
  }

  /** The number of predictions held: at most the {@code k} asked for, and possibly fewer. */
  public int size() {
    return size;
  }

  /** The label index (into {@link LanguageIdModel#label(int)}) of prediction {@code i}. */
  public int labelIndex(int i) {
    check(i);
    return labels[i];
  }

  /** The label of prediction {@code i}, without fastText's {@code __label__} prefix. */
  public String label(int i) {
    check(i);
    return model.label(labels[i]);
  }

  /**
   * The probability of prediction {@code i} as fastText computes it in single precision: the
   * hierarchical softmax can give values slightly above 1, which are not clamped.
   */
  public float probability(int i) {
    check(i);
    return probabilities[i];
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("prediction " + i + " of " + size);
    }
  }

  void ensureHeap(int k) {
    if (heapScore.length < k + 1) {
      heapScore = new float[k + 1];
      heapLabel = new int[k + 1];
      labels = new int[k + 1];
      probabilities = new float[k + 1];
    }
  }
}
