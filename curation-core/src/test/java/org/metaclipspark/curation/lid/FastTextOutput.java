package org.metaclipspark.curation.lid;

/** Compares a prediction with one line of fastText's {@code predict-prob} output. */
final class FastTextOutput {
  /** The tolerance on each probability; fastText prints 6 significant digits. */
  static final double TOLERANCE = 1e-5;

  private FastTextOutput() {}

  /**
   * Null if the {@code n} predictions in {@code buffer} equal {@code line} ({@code label prob}
   * pairs separated by tabs or spaces, with or without {@code __label__}), else what differs.
   */
  static String difference(String line, LidBuffer buffer, int n) {
    String[] cells = line.isEmpty() ? new String[0] : line.split("[\t ]");
    if (cells.length != 2 * n) {
      return "fastText gives '" + line + "', we give " + render(buffer, n);
    }
    for (int j = 0; j < n; j++) {
      String label = cells[2 * j].replace(LanguageIdModel.LABEL_PREFIX, "");
      double probability = Double.parseDouble(cells[2 * j + 1]);
      if (!label.equals(buffer.label(j))
          || Math.abs(probability - buffer.probability(j)) > TOLERANCE) {
        return "fastText gives '" + line + "', we give " + render(buffer, n);
      }
    }
    return null;
  }

  static String render(LidBuffer buffer, int n) {
    StringBuilder s = new StringBuilder("'");
    for (int j = 0; j < n; j++) {
      s.append(j > 0 ? "\t" : "")
          .append(buffer.label(j))
          .append('\t')
          .append(buffer.probability(j));
    }
    return s.append("'").toString();
  }
}
