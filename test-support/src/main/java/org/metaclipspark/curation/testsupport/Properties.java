package org.metaclipspark.curation.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * A small property-test runner for plain JUnit 5: seeded generators, a greedy minimizer, and the
 * failing input in the message.
 *
 * <p>{@link #check} draws {@code tries} inputs from a {@link Random} seeded with {@code seed}, so a
 * run is reproducible and the seed in a failure message replays it. When the property throws (an
 * {@link AssertionError} or any exception) on an input, the runner asks the {@link Shrinker} for
 * smaller variants of it, keeps the first variant that still fails, and repeats until no variant
 * fails or {@value #MAX_SHRINK_RUNS} property runs have been spent; then it throws an {@link
 * AssertionError} that holds the seed, the try, the smallest failing input, the original input, and
 * the property's own message, with the failure on the smallest input as its cause.
 *
 * <p>Generators are plain functions of the {@code Random}; {@link Gen} has the few combinators the
 * tests use, and {@link Shrinker} the few minimizers.
 */
public final class Properties {
  /** Property runs the minimizer may spend before it reports what it has. */
  static final int MAX_SHRINK_RUNS = 2_000;

  private Properties() {}

  /** A property of one input; throws (usually through a JUnit assertion) when it does not hold. */
  @FunctionalInterface
  public interface Property<T> {
    void check(T input) throws Exception;
  }

  /** Draws one input. */
  @FunctionalInterface
  public interface Generator<T> {
    T next(Random random);
  }

  /** Smaller variants of a failing input, most promising first; empty when it is minimal. */
  @FunctionalInterface
  public interface Shrinker<T> {
    List<T> shrink(T input);

    /** No shrinking: the failing input is reported as drawn. */
    static <T> Shrinker<T> none() {
      return input -> List.of();
    }

    /**
     * Lists: without each half, then without each element, then with each element shrunk by {@code
     * element}; never below {@code minSize} elements.
     */
    static <E> Shrinker<List<E>> list(int minSize, Shrinker<E> element) {
      return input -> {
        List<List<E>> out = new ArrayList<>();
        int n = input.size();
        if (n / 2 >= minSize && n >= 2) {
          out.add(List.copyOf(input.subList(0, n / 2)));
          out.add(List.copyOf(input.subList(n / 2, n)));
        }
        if (n - 1 >= minSize) {
          for (int i = 0; i < n; i++) {
            List<E> without = new ArrayList<>(input);
            without.remove(i);
            out.add(without);
          }
        }
        for (int i = 0; i < n; i++) {
          for (E smaller : element.shrink(input.get(i))) {
            List<E> with = new ArrayList<>(input);
            with.set(i, smaller);
            out.add(with);
          }
        }
        return out;
      };
    }

    /** Strings: without each half, then without each char; never below {@code minLength}. */
    static Shrinker<String> string(int minLength) {
      return input -> {
        List<String> out = new ArrayList<>();
        int n = input.length();
        if (n / 2 >= minLength && n >= 2) {
          out.add(input.substring(0, n / 2));
          out.add(input.substring(n / 2));
        }
        if (n - 1 >= minLength) {
          for (int i = 0; i < n; i++) {
            out.add(input.substring(0, i) + input.substring(i + 1));
          }
        }
        return out;
      };
    }

    /** Longs: toward {@code target} (0, halving the distance, one step), staying in range. */
    static Shrinker<Long> toward(long target) {
      return input -> {
        List<Long> out = new ArrayList<>();
        long x = input;
        if (x != target) {
          out.add(target);
          long half = target + (x - target) / 2;
          if (half != x && half != target) {
            out.add(half);
          }
          long step = x > target ? x - 1 : x + 1;
          if (step != target && step != half) {
            out.add(step);
          }
        }
        return out;
      };
    }

    /**
     * A shrinker of records or other composites: {@code split} shrinks one component at a time and
     * rebuilds the composite.
     */
    static <T> Shrinker<T> of(Function<T, List<T>> split) {
      return split::apply;
    }
  }

  /**
   * Runs {@code property} on {@code tries} inputs drawn with a {@code Random(seed)}; on the first
   * failure, minimizes the input with {@code shrinker} and throws an {@link AssertionError} naming
   * the seed, the try and the smallest failing input.
   */
  public static <T> void check(
      long seed, int tries, Generator<T> generator, Shrinker<T> shrinker, Property<T> property) {
    Objects.requireNonNull(shrinker, "shrinker; use Shrinker.none()");
    Random random = new Random(seed);
    for (int attempt = 1; attempt <= tries; attempt++) {
      T input = generator.next(random);
      Throwable failure = run(property, input);
      if (failure != null) {
        throw minimized(seed, attempt, tries, input, failure, shrinker, property);
      }
    }
  }

  /** As {@link #check} without shrinking. */
  public static <T> void check(long seed, int tries, Generator<T> generator, Property<T> property) {
    check(seed, tries, generator, Shrinker.none(), property);
  }

  private static <T> Throwable run(Property<T> property, T input) {
    try {
      property.check(input);
      return null;
    } catch (Exception | AssertionError e) {
      return e;
    }
  }

  private static <T> AssertionError minimized(
      long seed,
      int attempt,
      int tries,
      T original,
      Throwable originalFailure,
      Shrinker<T> shrinker,
      Property<T> property) {
    T smallest = original;
    Throwable failure = originalFailure;
    int runs = 0;
    int steps = 0;
    boolean progress = true;
    while (progress && runs < MAX_SHRINK_RUNS) {
      progress = false;
      for (T candidate : shrinker.shrink(smallest)) {
        if (++runs > MAX_SHRINK_RUNS) {
          break;
        }
        Throwable f = run(property, candidate);
        if (f != null) {
          smallest = candidate;
          failure = f;
          steps++;
          progress = true;
          break;
        }
      }
    }
    AssertionError error =
        new AssertionError(
            "property failed (seed "
                + seed
                + ", try "
                + attempt
                + " of "
                + tries
                + ", "
                + steps
                + " shrink steps in "
                + Math.min(runs, MAX_SHRINK_RUNS)
                + " runs)\n  smallest failing input: "
                + smallest
                + "\n  failure: "
                + failure
                + (steps == 0 ? "" : "\n  original input: " + original),
            failure);
    return error;
  }

  /**
   * {@code s} as a Java string literal with every char outside printable ASCII escaped, so that
   * failure messages show separators, surrogates and combining marks.
   */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7E) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
