package org.metaclipspark.curation.metadata.wiki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Splits plain article text into tokens with a Lucene {@link Analyzer}, case kept.
 *
 * <p>The default, {@link CaseKeepingAnalyzer}, is Lucene's {@link StandardTokenizer} alone: Unicode
 * word boundaries (UAX #29), so {@code don't}, {@code U.S.} and {@code 3.14} stay whole and
 * punctuation and markup characters never form tokens; no lower-casing, stemming or stop words,
 * since the vocabulary build (docs/SEMANTICS.md) keeps case. Another analyzer is named by class (a
 * public no-argument constructor), e.g. {@code org.apache.lucene.analysis.ja.JapaneseAnalyzer}; its
 * filters decide the case. A {@link Tokenizer} class is used alone, case kept, e.g. {@code
 * org.apache.lucene.analysis.icu.segmentation.ICUTokenizer}.
 *
 * <p>Not thread-safe: one instance per task (Lucene reuses its components per thread anyway).
 */
public final class ArticleTokenizer {
  /** The analyzer class used when none is named. */
  public static final String DEFAULT_ANALYZER = CaseKeepingAnalyzer.class.getName();

  private final Analyzer analyzer;

  private ArticleTokenizer(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /**
   * A tokenizer with the analyzer class {@code className}.
   *
   * @throws IllegalArgumentException when the class is missing, not an {@link Analyzer} or has no
   *     public no-argument constructor; the message names the fix
   */
  public static ArticleTokenizer forAnalyzer(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(
          "analyzer class "
              + className
              + " not found; put its jar on the classpath (e.g. lucene-analysis-kuromoji for"
              + " org.apache.lucene.analysis.ja.JapaneseAnalyzer) or use the default "
              + DEFAULT_ANALYZER);
    }
    if (!Analyzer.class.isAssignableFrom(type) && !Tokenizer.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          "analyzer class "
              + className
              + " is neither an org.apache.lucene.analysis.Analyzer nor a Tokenizer");
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
      constructor.newInstance(); // fail here, not in a task, when it cannot be made
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "analyzer class " + className + " has no usable public no-argument constructor: " + e);
    }
    if (Tokenizer.class.isAssignableFrom(type)) {
      return new ArticleTokenizer(new TokenizerOnly(constructor));
    }
    try {
      return new ArticleTokenizer((Analyzer) constructor.newInstance());
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot make analyzer " + className + ": " + e);
    }
  }

  /** A {@link Tokenizer} class as an analyzer with no filters, so case is kept. */
  private static final class TokenizerOnly extends Analyzer {
    private final Constructor<?> tokenizer;

    TokenizerOnly(Constructor<?> tokenizer) {
      this.tokenizer = tokenizer;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      try {
        return new TokenStreamComponents((Tokenizer) tokenizer.newInstance());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot make tokenizer " + tokenizer, e);
      }
    }
  }

  /** The tokens of {@code text} in order, case as the analyzer leaves it. */
  public List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("tokenizing a string cannot fail", e);
    }
    return tokens;
  }

  /** Lucene's {@link StandardTokenizer} with no filters: Unicode word boundaries, case kept. */
  public static final class CaseKeepingAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      StandardTokenizer tokenizer = new StandardTokenizer();
      tokenizer.setMaxTokenLength(StandardTokenizer.MAX_TOKEN_LENGTH_LIMIT);
      return new TokenStreamComponents(tokenizer);
    }
  }
}
