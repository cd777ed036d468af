package org.metaclipspark.curation.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PairFingerprintTest {
  /** MurmurHash3 x64 128 over bytes, written from the reference C code, as the naive reference. */
  static long[] murmur3(byte[] data) {
    long c1 = 0x87c37b91114253d5L;
    long c2 = 0x4cf5ad432745937fL;
    long h1 = 0;
    long h2 = 0;
    int blocks = data.length / 16;
    for (int b = 0; b < blocks; b++) {
      long k1 = littleEndian(data, b * 16, 8);
      long k2 = littleEndian(data, b * 16 + 8, 8);
      k1 *= c1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= c2;
      h1 ^= k1;
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      k2 *= c2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= c1;
      h2 ^= k2;
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    int tail = blocks * 16;
    int rest = data.length - tail;
    if (rest > 8) {
      long k2 = littleEndian(data, tail + 8, rest - 8);
      k2 *= c2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= c1;
      h2 ^= k2;
    }
    if (rest > 0) {
      long k1 = littleEndian(data, tail, Math.min(rest, 8));
      k1 *= c1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= c2;
      h1 ^= k1;
    }
    h1 ^= data.length;
    h2 ^= data.length;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  private static long littleEndian(byte[] d, int from, int n) {
    long k = 0;
    for (int i = 0; i < n; i++) {
      k |= (d[from + i] & 0xFFL) << (8 * i);
    }
    return k;
  }

  private static long fmix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  @Test
  void theReferenceGivesThePublishedVectors() {
    // Guava's murmur3_128().hashString("hello", UTF_8) is 029bbd41b3a7d8cb191dae486a901e5b.
    assertArrayEquals(
        new long[] {0xcbd8a7b341bd9b02L, 0x5b1e906a48ae1d19L},
        murmur3("hello".getBytes(StandardCharsets.UTF_8)));
    assertArrayEquals(new long[] {0, 0}, murmur3(new byte[0]));
  }

  @Test
  void hash128IsMurmur3OverUuidSeparatorTextInUtf16LittleEndian() {
    Random random = new Random(7);
    for (int n = 0; n < 5000; n++) {
      String uuid = randomString(random, random.nextInt(30));
      String text = randomString(random, random.nextInt(60));
      byte[] bytes = utf16LittleEndian(uuid + '\uFFFF' + text);
      assertArrayEquals(
          murmur3(bytes),
          PairFingerprint.hash128(uuid, text),
          "uuid=" + escape(uuid) + " text=" + escape(text));
    }
  }

  @Test
  void lowCarriesTheLocatorAndSortingPutsTheSmallestLocatorOfAKeyFirst() {
    Random random = new Random(11);
    for (int n = 0; n < 2000; n++) {
      long[] h = PairFingerprint.hash128("u" + n, "t" + random.nextInt());
      long a = random.nextLong() & PairFingerprint.LOCATOR_MASK;
      long b = random.nextLong() & PairFingerprint.LOCATOR_MASK;
      long lowA = PairFingerprint.low(h, a);
      long lowB = PairFingerprint.low(h, b);
      assertEquals(a, PairFingerprint.locator(lowA));
      assertTrue(PairFingerprint.sameKey(h[0], lowA, h[0], lowB));
      assertEquals(Long.compare(a, b), Long.signum(Long.compare(lowA, lowB)), a + " vs " + b);
    }
    long[] x = PairFingerprint.hash128("a", "b");
    long[] y = PairFingerprint.hash128("ab", "");
    assertFalse(
        PairFingerprint.sameKey(x[0], PairFingerprint.low(x, 0), y[0], PairFingerprint.low(y, 0)),
        "the separator keeps (a, b) and (ab, '') apart");
    assertThrows(
        IllegalArgumentException.class,
        () -> PairFingerprint.low(x, PairFingerprint.MAX_LOCATOR + 1));
  }

  /** Code units as bytes; unlike String.getBytes, keeps lone surrogates as they are. */
  private static byte[] utf16LittleEndian(String s) {
    byte[] out = new byte[2 * s.length()];
    for (int i = 0; i < s.length(); i++) {
      out[2 * i] = (byte) s.charAt(i);
      out[2 * i + 1] = (byte) (s.charAt(i) >>> 8);
    }
    return out;
  }

  private static String randomString(Random random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(
          random.nextInt(4) == 0
              ? (char) random.nextInt(0x10000)
              : (char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder();
    s.chars()
        .forEach(c -> b.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return b.toString();
  }
}
