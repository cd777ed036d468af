package org.metaclipspark.curation.match;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.metaclipspark.curation.metadata.Metadata;
import org.metaclipspark.curation.text.Spacing;

/**
 * The {@code matchedEntryIds} of worldwide mode (spec §8.3) for one key's vocabulary: the ascending
 * positions {@code i} such that {@code padded(entry[i])} occurs in {@code spaced(text)}, where an
 * entry is padded with a space at each end whose code point is not {@link CjkLike CJK-like}.
 *
 * <p>Entries padded at both ends are §3's own rule, so they go to the token automaton of {@link
 * SubstringMatcher}. The others (an end in Han, Thai, Lao, Myanmar, Khmer or Tibetan, or at
 * punctuation) can match inside a word, so they go to a character-level Aho-Corasick automaton over
 * their padded forms, run over the spaced text. The two lists are merged.
 *
 * <p>Immutable, thread-safe and serializable; building is {@link #compile(Metadata)}, running
 * {@link #matchEntryIds(CharSequence, MatchBuffer)} with one {@link MatchBuffer} per thread.
 */
public final class PaddedMatcher implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final int ROOT = 0;

  /** The entries padded at both ends, with the others emptied so that positions stay. */
  private final SubstringMatcher tokens;

  /**
   * The character automaton over the other entries' padded forms, states in breadth-first order.
   * The children of state {@code s} are states {@code firstChild[s] .. firstChild[s + 1])}, with
   * their edge characters ascending in {@code label}.
   */
  private final int[] firstChild;

  private final char[] label;

  /** The failure link of each state (the longest proper suffix that is a state). */
  private final int[] fail;

  /** The nearest state on the failure chain, itself excluded, that ends a pattern; -1 if none. */
  private final int[] outputLink;

  /**
   * The entry positions whose padded form ends at state {@code s}: {@code
   * outputs[outStart[s]..outStart[s + 1])}.
   */
  private final int[] outStart;

  private final int[] outputs;

  private final int entryCount;

  private PaddedMatcher(
      SubstringMatcher tokens,
      int[] firstChild,
      char[] label,
      int[] fail,
      int[] outputLink,
      int[] outStart,
      int[] outputs,
      int entryCount) {
    this.tokens = tokens;
    this.firstChild = firstChild;
    this.label = label;
    this.fail = fail;
    this.outputLink = outputLink;
    this.outStart = outStart;
    this.outputs = outputs;
    this.entryCount = entryCount;
  }

  /** Compiles one key's vocabulary; positions in it are the ids reported. */
  public static PaddedMatcher compile(Metadata metadata) {
    int n = metadata.size();
    List<String> bothEnds = new ArrayList<>(n);
    List<Pattern> patterns = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String entry = metadata.entry(i);
      if (entry.isEmpty() || CjkLike.paddedAtBothEnds(entry)) {
        bothEnds.add(entry);
      } else {
        bothEnds.add("");
        patterns.add(new Pattern(CjkLike.padded(entry), i));
      }
    }
    SubstringMatcher tokens = SubstringMatcher.compile(Metadata.of(bothEnds));
    patterns.sort(Comparator.comparing((Pattern p) -> p.text).thenComparingInt(p -> p.id));
    return build(tokens, patterns, n);
  }

  private record Pattern(String text, int id) {}

  /**
   * Builds the trie breadth-first from the sorted patterns: a state is a range of patterns that
   * share a prefix of its depth, and its children are the runs of equal characters at that depth.
   */
  private static PaddedMatcher build(SubstringMatcher tokens, List<Pattern> patterns, int n) {
    AutomatonCompiler.GrowableInts lo = new AutomatonCompiler.GrowableInts();
    AutomatonCompiler.GrowableInts hi = new AutomatonCompiler.GrowableInts();
    AutomatonCompiler.GrowableInts depth = new AutomatonCompiler.GrowableInts();
    AutomatonCompiler.GrowableInts first = new AutomatonCompiler.GrowableInts();
    StringBuilder labels = new StringBuilder();
    AutomatonCompiler.GrowableInts outStart = new AutomatonCompiler.GrowableInts();
    AutomatonCompiler.GrowableInts outputs = new AutomatonCompiler.GrowableInts();
    lo.add(0);
    hi.add(patterns.size());
    depth.add(0);
    labels.append('\0');
    for (int s = 0; s < lo.size(); s++) {
      int d = depth.get(s);
      int i = lo.get(s);
      int end = hi.get(s);
      outStart.add(outputs.size());
      // Patterns that end here sort first in the range (a prefix sorts before its extensions).
      while (i < end && patterns.get(i).text.length() == d) {
        outputs.add(patterns.get(i).id);
        i++;
      }
      first.add(lo.size());
      while (i < end) {
        char c = patterns.get(i).text.charAt(d);
        int j = i + 1;
        while (j < end && patterns.get(j).text.charAt(d) == c) {
          j++;
        }
        lo.add(i);
        hi.add(j);
        depth.add(d + 1);
        labels.append(c);
        i = j;
      }
    }
    int states = lo.size();
    first.add(states);
    outStart.add(outputs.size());
    int[] firstChild = first.toArray();
    char[] label = labels.toString().toCharArray();
    int[] outStarts = outStart.toArray();
    int[] fail = new int[states];
    int[] outputLink = new int[states];
    outputLink[ROOT] = -1;
    PaddedMatcher partial =
        new PaddedMatcher(
            tokens, firstChild, label, fail, outputLink, outStarts, outputs.toArray(), n);
    // Breadth-first order: a state's failure link is an earlier state.
    for (int s = 0; s < states; s++) {
      for (int c = firstChild[s]; c < firstChild[s + 1]; c++) {
        if (s == ROOT) {
          fail[c] = ROOT;
        } else {
          int f = fail[s];
          int next;
          while ((next = partial.child(f, label[c])) < 0 && f != ROOT) {
            f = fail[f];
          }
          fail[c] = next >= 0 ? next : ROOT;
        }
        int link = fail[c];
        outputLink[c] = outStarts[link] < outStarts[link + 1] ? link : outputLink[link];
      }
    }
    return partial;
  }

  /** The child of {@code state} along {@code c}, or -1. */
  private int child(int state, char c) {
    int lo = firstChild[state];
    int hi = firstChild[state + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      char l = label[mid];
      if (l < c) {
        lo = mid + 1;
      } else if (l > c) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /**
   * Replaces the content of {@code buffer} with the {@code matchedEntryIds} of {@code text}
   * (ascending, distinct) and returns how many there are.
   */
  public int matchEntryIds(CharSequence text, MatchBuffer buffer) {
    buffer.clear();
    tokens.forEachMatch(text, buffer, buffer.appender);
    if (outputs.length > 0) {
      int state = step(ROOT, ' ', buffer);
      for (int i = 0, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        if (Spacing.isPunctuation(c)) {
          state = step(step(step(state, ' ', buffer), c, buffer), ' ', buffer);
        } else {
          state = step(state, Spacing.isLineWhitespace(c) ? ' ' : c, buffer);
        }
      }
      step(state, ' ', buffer);
    }
    buffer.sortDistinct();
    return buffer.size();
  }

  /**
   * Returns the {@code matchedEntryIds} of {@code text}; allocates, so use the buffer form in
   * loops.
   */
  public int[] matchEntryIds(CharSequence text) {
    MatchBuffer buffer = MatchBuffer.create();
    matchEntryIds(text, buffer);
    return buffer.toArray();
  }

  /** One Aho-Corasick step on {@code c}; adds the ids of every pattern that ends there. */
  private int step(int state, char c, MatchBuffer buffer) {
    int next;
    while ((next = child(state, c)) < 0 && state != ROOT) {
      state = fail[state];
    }
    state = next >= 0 ? next : ROOT;
    for (int s = state; s >= 0; s = outputLink[s]) {
      for (int o = outStart[s]; o < outStart[s + 1]; o++) {
        buffer.add(outputs[o]);
      }
    }
    return state;
  }

  /** The number of entries, empty ones included: ids are below it. */
  public int entryCount() {
    return entryCount;
  }

  /** The states of the character automaton (entries with a CJK-like end). */
  public int characterStateCount() {
    return label.length;
  }

  /** An estimate of the heap this matcher holds, in bytes. */
  public long ramBytesUsed() {
    return tokens.ramBytesUsed()
        + 16L * 6
        + 4L * (firstChild.length + fail.length + outputLink.length + outStart.length)
        + 4L * outputs.length
        + 2L * label.length;
  }

  @Override
  public String toString() {
    return "PaddedMatcher["
        + entryCount
        + " entries, "
        + label.length
        + " character states, "
        + tokens
        + "]";
  }
}
