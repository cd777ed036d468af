package org.metaclipspark.curation.match;

/**
 * The automaton as the compiler builds it and the binary format stores it: the seven values from
 * which {@link SubstringMatcher} derives its scan tables. Package-private hand-off between {@link
 * AutomatonCompiler}, {@link AutomatonFormat} and the matcher; the arrays are shared, not copied,
 * and nobody writes them after construction.
 *
 * <p>States are numbered in breadth-first order, children of a state sorted by word id, so the
 * children of state {@code s} are a contiguous range found by binary search. State 0 is the root;
 * state {@code w + 1} is the root's child for word {@code w}, for every word, which makes the
 * root's transition a constant-time addition and lets failure chains stop at depth one. Output
 * lists are stored expanded along dictionary-suffix links, so a state lists every entry ending
 * there, nested ones included ({@code "new york"} lists {@code "york"}).
 *
 * @param entryCount entries in the metadata compiled from; entryIds are below it
 * @param wordCount distinct words (tokens of matchable entries); word ids are {@code 0 ..
 *     wordCount-1}
 * @param maxWordLength length of the longest word; longer text tokens are no word
 * @param wordChars the words concatenated in word id order; the records of the root's children
 *     point into it
 * @param punctuationWordId word id of each one-character token {@code
 *     Spacing.PUNCTUATION.charAt(i)}, or -1 if no entry uses it
 * @param states {@value #STATE_RECORD} ints per state {@code s}, plus one sentinel record at index
 *     {@code stateCount} so that "next record" bounds need no test:
 *     <ul>
 *       <li>{@code [s*4]} = {@code childStart}: the children of {@code s} are the states {@code
 *           childStart(s) .. childStart(s+1)-1}, sorted by label; the sentinel holds the state
 *           count.
 *       <li>{@code [s*4+1]} = {@code outputStart}: entries matched on reaching {@code s} are {@code
 *           outputEntryIds[outputStart(s) .. outputStart(s+1))}, those ending at {@code s}
 *           (ascending) then those of {@code fail(s)}; the sentinel holds the output count.
 *       <li>{@code [s*4+2]} for a state deeper than the root's children: {@code fail}, the state of
 *           the longest proper token suffix of {@code s}'s path that is also a path from the root;
 *           always smaller than {@code s}. For the root's child {@code w + 1} the failure link is
 *           implicitly 0, and the field holds the offset of word {@code w} in {@code wordChars}.
 *       <li>{@code [s*4+3]} for a deeper state: {@code label}, the word id on the edge into {@code
 *           s}. For the root's child {@code w + 1} the label is implicitly {@code w}, and the field
 *           holds the length of word {@code w}. -1 for the root and the sentinel.
 *     </ul>
 *     One record is 16 bytes.
 * @param outputEntryIds output lists of all states back to back; see {@code states}
 */
record Automaton(
    int entryCount,
    int wordCount,
    int maxWordLength,
    char[] wordChars,
    int[] punctuationWordId,
    int[] states,
    int[] outputEntryIds) {

  /** Ints per state of {@link #states}. */
  static final int STATE_RECORD = 4;

  /** Number of states, the root included (the sentinel record excluded). */
  int stateCount() {
    return states.length / STATE_RECORD - 1;
  }
}
