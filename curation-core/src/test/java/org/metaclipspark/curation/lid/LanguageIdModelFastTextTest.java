package org.metaclipspark.curation.lid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.metaclipspark.curation.testsupport.SharedData;

/**
 * More than 100,000 texts through the real {@code fasttext predict-prob} (Debian's {@code fasttext}
 * 0.9.2, which {@code .ci/run} installs) and through {@link LanguageIdModel}: every label equal,
 * every probability within 1e-5, for k = 1 and k = 3. The texts: the shared captions (English and
 * worldwide), the alt texts of the shared WAT shards, and seeded random strings over every plane,
 * with emoji, control characters, fastText's separators and texts of up to 100,000 characters.
 *
 * <p>Skips, with a message, when {@code fasttext} is not on the PATH or the shared data is absent.
 */
class LanguageIdModelFastTextTest {
  private static final long SEED = 176;

  @TempDir static Path work;

  private static Path modelFile;
  private static LanguageIdModel model;
  private static List<String> texts;

  @BeforeAll
  static void load() throws IOException {
    if (!SharedData.present()) {
      return;
    }
    modelFile = SharedData.file("lid/lid.176.ftz");
    model = LanguageIdModel.load(modelFile);
    Set<String> all = new LinkedHashSet<>(SharedData.captionTexts());
    Path worldwide = SharedData.dataDir().resolve("worldwide/captions.jsonl");
    if (Files.isRegularFile(worldwide)) {
      all.addAll(SharedData.readJsonStrings(worldwide));
    }
    for (Path shard : SharedData.shards()) {
      for (List<String> pair : SharedData.expectedPairs(shard)) {
        all.add(pair.get(3));
      }
    }
    Random random = new Random(SEED);
    for (int i = 0; i < 30_000; i++) {
      all.add(RandomTexts.next(random, i));
    }
    texts = new ArrayList<>();
    for (String text : all) {
      // One line each, as fastText's file reader sees it; "</s>" would end the line early there
      // and start another prediction on the rest, so those texts go to LanguageIdModelTest.
      String line = text.replace('\n', ' ').replace('\r', ' ');
      if (!line.contains("</s>")) {
        texts.add(line);
      }
    }
  }

  @Test
  void everyLabelAndProbabilityEqualsFastTextsCommandLineTool() throws Exception {
    SharedData.dataDir();
    assertTrue(texts.size() >= 100_000, texts.size() + " texts");
    Path input = work.resolve("texts.txt");
    try (OutputStream out = Files.newOutputStream(input)) {
      for (String text : texts) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
      }
    }
    for (int k : new int[] {1, 3}) {
      List<String> expected = fastText(input, k);
      assertEquals(texts.size(), expected.size(), "fastText's output lines for k = " + k);
      LidBuffer buffer = LidBuffer.create();
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        int n = model.predict(texts.get(i), k, buffer);
        String problem = FastTextOutput.difference(expected.get(i), buffer, n);
        if (problem != null) {
          failures.add(
              "text "
                  + i
                  + " "
                  + LanguageIdModelGoldenTest.abbreviate(texts.get(i))
                  + " (k = "
                  + k
                  + ", seed "
                  + SEED
                  + "): "
                  + problem);
        }
      }
      assertTrue(
          failures.isEmpty(),
          failures.size()
              + " of "
              + texts.size()
              + " texts differ, first: "
              + failures.subList(0, Math.min(10, failures.size())));
    }
  }

  private static List<String> fastText(Path input, int k) throws Exception {
    Path output = work.resolve("fasttext-k" + k + ".txt");
    Process process;
    try {
      process =
          new ProcessBuilder(
                  "fasttext",
                  "predict-prob",
                  modelFile.toString(),
                  input.toString(),
                  Integer.toString(k))
              .redirectOutput(output.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException notInstalled) {
      Assumptions.abort(
          "fastText's command-line tool is not on the PATH (apt-get install fasttext); skipping: "
              + notInstalled.getMessage());
      throw notInstalled;
    }
    assertTrue(process.waitFor(10, TimeUnit.MINUTES), "fasttext did not finish");
    assertEquals(0, process.exitValue(), "fasttext's exit code");
    return Lines.split(Files.readAllBytes(output));
  }

  /** Seeded random strings in the shapes that break tokenizers. */
  static final class RandomTexts {
    private static final String[] PIECES = {
      " ",
      "\t",
      "\u000B",
      "\f",
      "\u0000",
      "\u00A0",
      "\u3000",
      "\u200B",
      "\uFEFF",
      "\u0085",
      "\u2028",
      "\u001F",
      "__label__",
      "__label__en",
      "<",
      ">",
      "\uD83D\uDC4D",
      "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67",
      "\uD83C\uDDEF\uD83C\uDDF5",
      "\uD83D\uDC4B\uD83C\uDFFD",
      "\u0301",
      "e\u0301",
      "\u00E9",
      "\u200F",
      "\u202E"
    };

    /** Script blocks to draw from: {first, last} code points. */
    private static final int[][] BLOCKS = {
      {0x20, 0x7E},
      {0xA0, 0x24F},
      {0x370, 0x3FF},
      {0x400, 0x4FF},
      {0x530, 0x58F},
      {0x590, 0x5FF},
      {0x600, 0x6FF},
      {0x900, 0x97F},
      {0x980, 0x9FF},
      {0xB80, 0xBFF},
      {0xC00, 0xC7F},
      {0xD00, 0xD7F},
      {0xE00, 0xE7F},
      {0xE80, 0xEFF},
      {0xF00, 0xFFF},
      {0x1000, 0x109F},
      {0x10A0, 0x10FF},
      {0x1100, 0x11FF},
      {0x1200, 0x137F},
      {0x1780, 0x17FF},
      {0x3040, 0x30FF},
      {0x4E00, 0x9FFF},
      {0xAC00, 0xD7A3},
      {0x1F300, 0x1FAFF},
      {0x20000, 0x2A6DF},
      {0x0, 0x1F}
    };

    static String next(Random random, int i) {
      StringBuilder s = new StringBuilder();
      int shape = random.nextInt(10);
      int length;
      if (i % 3_000 == 0) {
        length = 100_000;
      } else if (i % 500 == 0) {
        length = 5_000 + random.nextInt(20_000);
      } else {
        length = random.nextInt(shape < 5 ? 30 : 120);
      }
      int[] block = BLOCKS[random.nextInt(BLOCKS.length)];
      while (s.length() < length) {
        int r = random.nextInt(20);
        if (r == 0) {
          s.append(PIECES[random.nextInt(PIECES.length)]);
        } else if (r < 3) {
          s.append(' ');
        } else if (r < 4 || shape == 0) {
          s.appendCodePoint(anyScalar(random));
        } else {
          if (random.nextInt(30) == 0) {
            block = BLOCKS[random.nextInt(BLOCKS.length)];
          }
          s.appendCodePoint(block[0] + random.nextInt(block[1] - block[0] + 1));
        }
      }
      return s.toString();
    }

    private static int anyScalar(Random random) {
      while (true) {
        int cp = random.nextInt(0x110000);
        if (cp < 0xD800 || cp > 0xDFFF) {
          return cp;
        }
      }
    }
  }
}
