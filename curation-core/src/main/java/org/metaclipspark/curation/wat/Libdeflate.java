package org.metaclipspark.curation.wat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * libdeflate's whole-member gzip decoder, called through JNA: the system library ({@code
 * libdeflate.so.0}, Debian's {@code libdeflate0}), or the file that {@code
 * -Dmetaclip.libdeflate=PATH} names; {@code -Dmetaclip.libdeflate=off} turns it off. {@link
 * #available()} is false when JNA or the library cannot be loaded, and callers then inflate with
 * the JDK.
 */
final class Libdeflate {
  /** The name the accounting gives this inflater. */
  static final String NAME = "libdeflate";

  static final int SUCCESS = 0;
  static final int INSUFFICIENT_SPACE = 3;

  private static final boolean AVAILABLE = load();

  private Libdeflate() {}

  private static boolean load() {
    String setting = System.getProperty("metaclip.libdeflate", "");
    if (setting.equals("off")) {
      return false;
    }
    String[] names =
        setting.isEmpty() ? new String[] {"deflate", "libdeflate.so.0"} : new String[] {setting};
    for (String name : names) {
      try {
        if (Native.SIZE_T_SIZE != 8) {
          return false; // size_t is bound as a Java long below
        }
        Native.register(Libdeflate.class, NativeLibrary.getInstance(name));
        Pointer d = libdeflate_alloc_decompressor();
        if (d == null) {
          return false;
        }
        libdeflate_free_decompressor(d);
        return true;
      } catch (LinkageError | RuntimeException e) {
        // not this name (or no JNA at all): try the next, else the JDK inflater is used
      }
    }
    return false;
  }

  static boolean available() {
    return AVAILABLE;
  }

  static native Pointer libdeflate_alloc_decompressor();

  static native void libdeflate_free_decompressor(Pointer decompressor);

  /**
   * Decodes the one gzip member at the start of {@code in}, checking its CRC32 and ISIZE; the
   * numbers of bytes consumed and produced go to {@code sizes} (two size_t).
   */
  static native int libdeflate_gzip_decompress_ex(
      Pointer decompressor,
      Pointer in,
      long inBytes,
      Pointer out,
      long outBytesAvailable,
      Pointer inBytesConsumed,
      Pointer outBytesProduced);

  /** A decompressor and its native buffers; one per shard input, not thread-safe. */
  static final class Member implements AutoCloseable {
    private final Pointer decompressor = libdeflate_alloc_decompressor();
    private final Memory sizes = new Memory(16);
    private final Memory in;
    private Memory out;
    private final long maxOut;
    private long consumed;
    private int produced;

    Member(int inCapacity, int outCapacity, long maxOut) {
      this.in = new Memory(inCapacity);
      this.out = new Memory(outCapacity);
      this.maxOut = maxOut;
    }

    /** Copies compressed bytes into the native input, at the same offsets as in the heap buffer. */
    void copyIn(byte[] b, int from, int to) {
      in.write(from, b, from, to - from);
    }

    /**
     * Decodes the member at native input offset {@code from}, with {@code available} bytes of it
     * buffered. Returns false if libdeflate does not decode it whole (bad or cut data, a member
     * larger than what is buffered, or output over the limit): the caller then reads it with the
     * JDK, which says what is wrong.
     */
    boolean decode(int from, int available) {
      while (true) {
        int r =
            libdeflate_gzip_decompress_ex(
                decompressor, in.share(from), available, out, out.size(), sizes, sizes.share(8));
        if (r == SUCCESS) {
          consumed = sizes.getLong(0);
          produced = (int) sizes.getLong(8);
          return true;
        }
        if (r != INSUFFICIENT_SPACE || out.size() >= maxOut) {
          return false;
        }
        long grown = Math.min(maxOut, out.size() * 2);
        out.close();
        out = new Memory(grown);
      }
    }

    long consumed() {
      return consumed;
    }

    int produced() {
      return produced;
    }

    /** Copies the decoded bytes into {@code dest}, which must hold {@link #produced()}. */
    void copyOut(byte[] dest) {
      out.read(0, dest, 0, produced);
    }

    @Override
    public void close() {
      libdeflate_free_decompressor(decompressor);
      in.close();
      out.close();
    }
  }
}
