package org.metaclipspark.curation.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.metaclipspark.curation.testsupport.Gen;
import org.metaclipspark.curation.testsupport.Properties;

/**
 * Golden vectors of {@link StableHash}: every curated set depends on these numbers, so a change to
 * the hash must fail here first.
 *
 * <p>The expected values were computed once from the implementation and are cross-checked by {@link
 * Reference}, a second implementation written from the class javadoc alone (bytes through a {@link
 * ByteBuffer}, not char folding), which in turn is anchored to published vectors: FNV-1a 64 of
 * {@code "a"} and of the empty input, and the first output of SplitMix64 seeded with 0. So the
 * vectors are not just the implementation confirming itself.
 */
class StableHashTest {

  /** {seed, uuid, text, pairKey, uniform(pairKey, 0), uniform(pairKey, 121)}. */
  private static final Object[][] VECTORS = {
    {0L, "", "", 0x0A99C907B6F64763L, 0x1.9c93943b64e84p-1, 0x1.22fdad51b36dp-3},
    {
      0L,
      "556676c4ce5dab6c87f67d38",
      "A red rose in the garden",
      0x7EABB15668631BBFL,
      0x1.bd714be4f5cp-3,
      0x1.f8ce3538ba43p-5
    },
    {
      7L,
      "556676c4ce5dab6c87f67d38",
      "A red rose in the garden",
      0x6F1AE0B8CB0AF253L,
      0x1.ac213da3d7f67p-1,
      0x1.aacd17bd59604p-3
    },
    {
      -1L,
      "u",
      "\u65e5\u672c \uD83D\uDE00",
      0x136CD6BD2B5E1693L,
      0x1.827f69cb70482p-2,
      0x1.f7da24ee7141fp-1
    },
    {
      Long.MIN_VALUE,
      "\uD83D",
      "x\uFFFF",
      0x4F85EFF10321579CL,
      0x1.c797e85fb2f5ep-1,
      0x1.5ed575116ca5p-1
    },
    {42L, "ab", "", 0xAB77A937B3620B38L, 0x1.bd92a5854083cp-2, 0x1.f85ece2209416p-2},
    {42L, "a", "b", 0xC061F4950F8BC72CL, 0x1.837ac308217e4p-1, 0x1.edd07e2dadefcp-2},
  };

  @Test
  void pairKeysAndUniformsEqualTheGoldenVectors() {
    for (Object[] v : VECTORS) {
      long seed = (Long) v[0];
      String uuid = (String) v[1];
      String text = (String) v[2];
      String name =
          "seed " + seed + " uuid " + Properties.quote(uuid) + " text " + Properties.quote(text);
      long key = StableHash.pairKey(seed, uuid, text);
      assertEquals((long) v[3], key, name);
      assertEquals((double) v[4], StableHash.uniform(key, 0), 0.0, name);
      assertEquals((double) v[5], StableHash.uniform(key, 121), 0.0, name);
    }
  }

  @Test
  void theGoldenVectorsFollowFromTheDocumentedDefinition() {
    for (Object[] v : VECTORS) {
      long key = Reference.pairKey((Long) v[0], (String) v[1], (String) v[2]);
      assertEquals((long) v[3], key, "reference pairKey of " + Properties.quote((String) v[1]));
      assertEquals((double) v[4], Reference.uniform(key, 0), 0.0);
      assertEquals((double) v[5], Reference.uniform(key, 121), 0.0);
    }
  }

  @Test
  void mix64IsTheSplitMix64Finalizer() {
    assertEquals(0L, StableHash.mix64(0));
    assertEquals(0x5692161D100B05E5L, StableHash.mix64(1));
    assertEquals(0xB4D055FCF2CBBD7BL, StableHash.mix64(-1));
    // SplitMix64 seeded with 0 returns mix64(0x9E3779B97F4A7C15) first: 0xE220A8397B1DCDAF.
    assertEquals(0xE220A8397B1DCDAFL, StableHash.mix64(0x9E3779B97F4A7C15L));
  }

  @Test
  void theReferenceMatchesPublishedVectors() {
    assertEquals(0xcbf29ce484222325L, Reference.fnv1a64(0xcbf29ce484222325L, new byte[0]));
    assertEquals(0xaf63dc4c8601ec8cL, Reference.fnv1a64(0xcbf29ce484222325L, new byte[] {'a'}));
    assertEquals(0xE220A8397B1DCDAFL, Reference.splitMix64(0x9E3779B97F4A7C15L));
  }

  @Test
  void theImplementationEqualsTheReferenceOnRandomPairs() {
    Properties.check(
        20240620L,
        2000,
        r ->
            new Object[] {
              Gen.anyLong().next(r), Gen.strings(0, 30).next(r), Gen.strings(0, 80).next(r)
            },
        v -> {
          long seed = (Long) v[0];
          String uuid = (String) v[1];
          String text = (String) v[2];
          long key = StableHash.pairKey(seed, uuid, text);
          String name = seed + " " + Properties.quote(uuid) + " " + Properties.quote(text);
          assertEquals(Reference.pairKey(seed, uuid, text), key, name);
          int entryId = Math.floorMod(key, 500_000);
          assertEquals(
              Reference.uniform(key, entryId), StableHash.uniform(key, entryId), 0.0, name);
        });
  }

  @Test
  void theSeparatorKeepsUuidAndTextApart() {
    assertNotEquals(StableHash.pairKey(42, "ab", ""), StableHash.pairKey(42, "a", "b"));
  }

  /** The javadoc's definition, written again from the words, not from the code. */
  private static final class Reference {
    static final long OFFSET_BASIS = 0xcbf29ce484222325L;
    static final long PRIME = 0x100000001b3L;

    /** FNV-1a 64: for each byte, xor it in, then multiply by the prime (mod 2^64). */
    static long fnv1a64(long basis, byte[] bytes) {
      long h = basis;
      for (byte b : bytes) {
        h ^= b & 0xFF;
        h *= PRIME;
      }
      return h;
    }

    /** The SplitMix64 output function (Steele, Lea, Flood 2014), constants from the paper. */
    static long splitMix64(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }

    /** uuid units, one 0xFFFF unit, text units, each unit as two bytes high first. */
    static long pairKey(long seed, String uuid, String text) {
      String units = uuid + '\uFFFF' + text;
      ByteBuffer bytes = ByteBuffer.allocate(2 * units.length()).order(ByteOrder.BIG_ENDIAN);
      bytes.asCharBuffer().put(units);
      return fnv1a64(OFFSET_BASIS ^ splitMix64(seed), bytes.array());
    }

    /** Top 53 bits of mix64(pairKey ^ mix64(entryId + 1)), scaled into [0, 1). */
    static double uniform(long pairKey, int entryId) {
      long bits = splitMix64(pairKey ^ splitMix64(entryId + 1L)) >>> 11;
      return Math.scalb((double) bits, -53);
    }
  }
}
