package org.metaclipspark.curation.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.Properties.Shrinker;

class PropertiesTest {

  @Test
  void aHoldingPropertyRunsEveryTry() {
    List<Integer> seen = new ArrayList<>();
    Properties.check(1, 50, Gen.ints(0, 9), Shrinker.none(), seen::add);
    assertEquals(50, seen.size());
  }

  @Test
  void theSameSeedDrawsTheSameInputs() {
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    Properties.check(7, 20, Gen.strings(0, 8), a::add);
    Properties.check(7, 20, Gen.strings(0, 8), b::add);
    assertEquals(a, b);
  }

  @Test
  void aFailureIsMinimizedAndNamesSeedTryAndInput() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Properties.check(
                    42,
                    1000,
                    Gen.list(Gen.ints(0, 100), 0, 20),
                    Shrinker.list(0, Shrinker.none()),
                    list -> assertTrue(!list.contains(7), "contains 7")));
    assertTrue(e.getMessage().contains("seed 42"), e.getMessage());
    assertTrue(e.getMessage().contains("smallest failing input: [7]\n"), e.getMessage());
    assertTrue(e.getMessage().contains("contains 7"), e.getMessage());
    assertTrue(e.getCause() instanceof AssertionError);
  }

  @Test
  void stringsAndLongsShrinkTowardTheSmallestFailure() {
    AssertionError s =
        assertThrows(
            AssertionError.class,
            () ->
                Properties.check(
                    3,
                    1000,
                    Gen.strings('a', 'c', 0, 30),
                    Shrinker.string(0),
                    text -> assertTrue(!text.contains("b"))));
    assertTrue(s.getMessage().contains("smallest failing input: b\n"), s.getMessage());
    AssertionError l =
        assertThrows(
            AssertionError.class,
            () ->
                Properties.check(
                    3,
                    1000,
                    Gen.longs(0, 1_000_000),
                    Shrinker.toward(0),
                    x -> assertTrue(x < 1000)));
    assertTrue(l.getMessage().contains("smallest failing input: 1000\n"), l.getMessage());
  }

  @Test
  void anExceptionIsAFailureToo() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                Properties.check(
                    5,
                    10,
                    Gen.just("x"),
                    input -> {
                      throw new IllegalStateException("boom on " + input);
                    }));
    assertTrue(e.getMessage().contains("boom on x"), e.getMessage());
  }
}
