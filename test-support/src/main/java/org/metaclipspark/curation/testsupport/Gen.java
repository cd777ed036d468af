package org.metaclipspark.curation.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.metaclipspark.curation.testsupport.Properties.Generator;

/**
 * The generator combinators the property tests use, each a plain function of a seeded {@link
 * Random}. Numeric generators return edge values (0, ±1, the range limits) with a raised
 * probability, since bugs gather there.
 */
public final class Gen {
  private Gen() {}

  /** One of {@code values}, uniformly. */
  @SafeVarargs
  public static <T> Generator<T> of(T... values) {
    List<T> copy = List.of(values);
    return r -> copy.get(r.nextInt(copy.size()));
  }

  /** One of {@code values}, uniformly. */
  public static <T> Generator<T> of(List<T> values) {
    List<T> copy = List.copyOf(values);
    return r -> copy.get(r.nextInt(copy.size()));
  }

  /** Always {@code value}. */
  public static <T> Generator<T> just(T value) {
    return r -> value;
  }

  /** A draw from one of the generators, each chosen with its weight. */
  public static <T> Weighted<T> weighted(int weight, Generator<? extends T> generator) {
    return new Weighted<T>().or(weight, generator);
  }

  /** A weighted choice among generators; build with {@link #weighted} and {@link #or}. */
  public static final class Weighted<T> implements Generator<T> {
    private final List<Integer> weights = new ArrayList<>();
    private final List<Generator<? extends T>> generators = new ArrayList<>();
    private int total;

    /** Adds {@code generator} with {@code weight}. */
    public Weighted<T> or(int weight, Generator<? extends T> generator) {
      weights.add(weight);
      generators.add(generator);
      total += weight;
      return this;
    }

    @Override
    public T next(Random random) {
      int pick = random.nextInt(total);
      for (int i = 0; ; i++) {
        pick -= weights.get(i);
        if (pick < 0) {
          return generators.get(i).next(random);
        }
      }
    }
  }

  /** A list of {@code minSize..maxSize} elements (size uniform). */
  public static <T> Generator<List<T>> list(
      Generator<? extends T> element, int minSize, int maxSize) {
    return r -> {
      int n = minSize + r.nextInt(maxSize - minSize + 1);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(element.next(r));
      }
      return out;
    };
  }

  /** An int in {@code [min, max]}, the limits with raised probability. */
  public static Generator<Integer> ints(int min, int max) {
    return r -> {
      int edge = r.nextInt(10);
      if (edge == 0) {
        return min;
      }
      if (edge == 1) {
        return max;
      }
      return (int) (min + (long) (r.nextDouble() * ((long) max - min + 1)));
    };
  }

  /** A long in {@code [min, max]}, the limits with raised probability. */
  public static Generator<Long> longs(long min, long max) {
    return r -> {
      int edge = r.nextInt(10);
      if (edge == 0) {
        return min;
      }
      if (edge == 1) {
        return max;
      }
      long span = max - min + 1;
      return span > 0 ? min + Math.floorMod(r.nextLong(), span) : r.nextLong();
    };
  }

  /** Any long; 0, ±1, {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE} with raised probability. */
  public static Generator<Long> anyLong() {
    Generator<Long> edges = of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE);
    return r -> r.nextInt(5) == 0 ? edges.next(r) : r.nextLong();
  }

  /** A double in {@code [min, max]}, the limits with raised probability. */
  public static Generator<Double> doubles(double min, double max) {
    return r -> {
      int edge = r.nextInt(10);
      if (edge == 0) {
        return min;
      }
      if (edge == 1) {
        return max;
      }
      return Math.min(max, min + r.nextDouble() * (max - min));
    };
  }

  /** A {@code long[]} of {@code minSize..maxSize} elements drawn by {@code element}. */
  public static Generator<long[]> longArrays(Generator<Long> element, int minSize, int maxSize) {
    return r -> {
      int n = minSize + r.nextInt(maxSize - minSize + 1);
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = element.next(r);
      }
      return out;
    };
  }

  /**
   * A string of {@code minLength..maxLength} UTF-16 code units: mostly ASCII letters and spaces,
   * also control characters, Latin-1, other BMP characters and lone or paired surrogates.
   */
  public static Generator<String> strings(int minLength, int maxLength) {
    return r -> {
      int n = minLength + r.nextInt(maxLength - minLength + 1);
      StringBuilder s = new StringBuilder(n);
      while (s.length() < n) {
        int kind = r.nextInt(10);
        if (kind < 5) {
          s.append((char) ('a' + r.nextInt(26)));
        } else if (kind == 5) {
          s.append(" \t\n\r.,;:?!`".charAt(r.nextInt(11)));
        } else if (kind == 6) {
          s.append((char) r.nextInt(0x20));
        } else if (kind == 7) {
          s.append((char) (0x80 + r.nextInt(0x180)));
        } else if (kind == 8) {
          s.append((char) r.nextInt(0x10000));
        } else if (s.length() + 2 <= n) {
          s.appendCodePoint(0x10000 + r.nextInt(0x100000));
        } else {
          s.append((char) (0xD800 + r.nextInt(0x800)));
        }
      }
      return s.toString();
    };
  }

  /** A string of {@code minLength..maxLength} chars from {@code from..to}. */
  public static Generator<String> strings(char from, char to, int minLength, int maxLength) {
    return r -> {
      int n = minLength + r.nextInt(maxLength - minLength + 1);
      StringBuilder s = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        s.append((char) (from + r.nextInt(to - from + 1)));
      }
      return s.toString();
    };
  }
}
