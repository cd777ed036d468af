package org.metaclipspark.curation.match;

import java.util.TreeSet;
import java.util.function.IntConsumer;
import org.metaclipspark.curation.text.Spacing;

/**
 * Test-only reference: the matcher's scan without batching, one word lookup and one automaton step
 * per token as the token ends. Production runs the batched scan of {@link
 * SubstringMatcher#forEachMatch(CharSequence, MatchBuffer, IntConsumer)}; the property tests hold
 * both to the naive definition, so that a fault in the batching (block boundaries, the state
 * carried between blocks, the first-slot round) shows up as a disagreement.
 */
final class UnbatchedScan {
  private UnbatchedScan() {}

  /** Every occurrence, as {@link SubstringMatcher#forEachMatch(CharSequence, IntConsumer)}. */
  static void forEachMatch(SubstringMatcher matcher, CharSequence text, IntConsumer sink) {
    int n = text.length();
    int state = 0;
    long stateData = SubstringMatcher.NO_WORD;
    int tokenStart = 0;
    int hash = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      byte kind = Tokens.classOf(c);
      if (kind == Tokens.TOKEN_CHAR) {
        hash = Tokens.step(hash, c);
        continue;
      }
      long data = matcher.lookupWord(text, tokenStart, i - tokenStart, hash);
      state = matcher.stepAndEmit(state, stateData, data, sink);
      stateData = SubstringMatcher.rootChildData(state, data);
      if (kind == Tokens.PUNCTUATION) {
        data = matcher.punctuationData(Spacing.PUNCTUATION.indexOf(c));
        state = matcher.stepAndEmit(state, stateData, data, sink);
        stateData = SubstringMatcher.rootChildData(state, data);
      }
      tokenStart = i + 1;
      hash = 0;
    }
    matcher.stepAndEmit(
        state, stateData, matcher.lookupWord(text, tokenStart, n - tokenStart, hash), sink);
  }

  /** The distinct ids the unbatched scan reports, ascending. */
  static TreeSet<Integer> matchedSet(SubstringMatcher matcher, CharSequence text) {
    TreeSet<Integer> out = new TreeSet<>();
    forEachMatch(matcher, text, out::add);
    return out;
  }
}
