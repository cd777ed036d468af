package org.metaclipspark.curation.wat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The image id, equal to MetaCLIP's: the first 24 lower-case hex digits of SHA-224 over the UTF-8
 * bytes of the image URL with every space and tab removed.
 *
 * <p>Stateless and thread-safe (one digest per thread).
 */
public final class ImageUuid {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int HEX_DIGITS = 24;

  private static final ThreadLocal<MessageDigest> SHA224 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-224");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("this JVM provides no SHA-224 MessageDigest", e);
            }
          });

  private ImageUuid() {}

  /** Returns the 24-hex-digit id of {@code imageUrl}. */
  public static String of(String imageUrl) {
    String key = imageUrl;
    if (key.indexOf(' ') >= 0 || key.indexOf('\t') >= 0) {
      key = key.replace(" ", "").replace("\t", "");
    }
    byte[] digest = SHA224.get().digest(key.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[HEX_DIGITS];
    for (int i = 0; i < HEX_DIGITS / 2; i++) {
      out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[digest[i] & 0xF];
    }
    return new String(out);
  }
}
