package org.metaclipspark.curation.metadata.wiki;

/**
 * Pointwise mutual information of a bigram, as the vocabulary build (docs/SEMANTICS.md) defines it
 * and NLTK's {@code BigramAssocMeasures.pmi} computes it: {@code log2(count(a b) * N / (count(a) *
 * count(b)))}.
 */
public final class Pmi {
  private static final double LN_2 = Math.log(2);

  private Pmi() {}

  /**
   * The PMI of bigram {@code a b}.
   *
   * @param bigramCount count(a b), at least 1
   * @param countA count(a) as a unigram
   * @param countB count(b) as a unigram
   * @param totalTokens N, the number of unigram tokens
   */
  public static double pmi(long bigramCount, long countA, long countB, long totalTokens) {
    if (bigramCount < 1 || countA < 1 || countB < 1 || totalTokens < 1) {
      throw new IllegalArgumentException(
          "pmi needs positive counts, got count(a b)="
              + bigramCount
              + ", count(a)="
              + countA
              + ", count(b)="
              + countB
              + ", N="
              + totalTokens);
    }
    // In doubles: the products overflow a long on a full Wikipedia (N ~ 4e9).
    return Math.log((double) bigramCount * (double) totalTokens / ((double) countA * countB))
        / LN_2;
  }
}
