package org.metaclipspark.curation.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.metaclipspark.curation.config.ConfigException;
import org.metaclipspark.curation.config.ConfigKeys;
import org.metaclipspark.curation.config.CurationConfig;
import org.metaclipspark.curation.lid.LabelKeys;
import org.metaclipspark.curation.lid.LanguageIdModel;
import org.metaclipspark.curation.lid.LidModelFormatException;

/**
 * Loads the language-ID model and the label-to-key table through Hadoop's file systems, so they may
 * live on HDFS or S3 too. A missing or unreadable model is a config error that names the key and
 * the script that fetches it.
 */
public final class LanguageIds {
  private static final String FIX =
      "run scripts/fetch-lid-model.sh, or set lid.model (--set lid.model=PATH) to fastText's"
          + " lid.176.ftz";

  private LanguageIds() {}

  /** The model at {@link CurationConfig#lidModelPath()}. */
  public static LanguageIdModel model(CurationConfig config, Configuration hadoop) {
    String location = config.lidModelPath();
    String from =
        config.isSet(ConfigKeys.LID_MODEL)
            ? "config key lid.model, from " + config.source(ConfigKeys.LID_MODEL)
            : "the default of config key lid.model";
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return LanguageIdModel.read(in, location);
    } catch (FileNotFoundException e) {
      throw new ConfigException(
          "the language-ID model " + location + " (" + from + ") does not exist; " + FIX);
    } catch (LidModelFormatException e) {
      throw new ConfigException(
          "the language-ID model "
              + location
              + " ("
              + from
              + ") is not a fastText model this project reads: "
              + e.getMessage()
              + "; "
              + FIX);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the language-ID model " + location + ": " + e.getMessage(), e);
    }
  }

  /** The table of {@link ConfigKeys#LID_LABEL_KEYS}, or the default one when it is unset. */
  public static LabelKeys labelKeys(CurationConfig config, Configuration hadoop) {
    String location = config.lidLabelKeysPath();
    if (location == null) {
      return LabelKeys.defaults();
    }
    Path path = new Path(location);
    try (InputStream in = path.getFileSystem(hadoop).open(path)) {
      return LabelKeys.parse(new InputStreamReader(in, StandardCharsets.UTF_8), location);
    } catch (FileNotFoundException e) {
      throw new ConfigException(
          "the label-key table "
              + location
              + " (config key lid.labelKeys, from "
              + config.source(ConfigKeys.LID_LABEL_KEYS)
              + ") does not exist; unset lid.labelKeys for the default table");
    } catch (IOException e) {
      throw new ConfigException(
          "the label-key table " + location + " (config key lid.labelKeys): " + e.getMessage());
    }
  }
}
