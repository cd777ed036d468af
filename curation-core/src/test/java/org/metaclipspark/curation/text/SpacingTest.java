package org.metaclipspark.curation.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpacingTest {

  @Test
  void specExamplePadsThePeriodAndTheEnds() {
    // Spec §2 step by step: " A black cat. " then "." -> " . " leaves two trailing spaces. The
    // spec's
    // prose example shows one; the steps (and MetaCLIP's spacing()) give two, and the steps decide.
    assertEquals(" A black cat .  ", Spacing.spaced("A black cat."));
  }

  @Test
  void eachOfTheSevenPunctuationMarksIsWrappedInSpaces() {
    assertEquals(" a , b . c ; d : e ? f ! g ` h ", Spacing.spaced("a,b.c;d:e?f!g`h"));
  }

  @Test
  void tabsAndLineBreaksBecomeSingleSpacesAndRunsAreNotCollapsed() {
    assertEquals(" a  b   c ", Spacing.spaced("a\t b\r\n c"));
  }

  @Test
  void otherCharactersAreLeftAlone() {
    assertEquals(
        " \"quoted\" (x) - y/z 'q' \u00a0 \u3000 日本 😀 ",
        Spacing.spaced("\"quoted\" (x) - y/z 'q' \u00a0 \u3000 日本 😀"));
  }

  @Test
  void emptyTextIsTwoSpaces() {
    assertEquals("  ", Spacing.spaced(""));
  }
}
