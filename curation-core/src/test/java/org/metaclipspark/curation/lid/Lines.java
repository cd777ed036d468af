package org.metaclipspark.curation.lid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits UTF-8 bytes into lines on {@code \n} only, as fastText reads a file. */
final class Lines {
  private Lines() {}

  static List<String> split(byte[] bytes) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < bytes.length) {
      lines.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
    }
    return lines;
  }
}
