package org.metaclipspark.curation.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.metaclipspark.curation.config.CurationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code config}: prints the effective config that the same flags would give a pass, one key per
 * line with its value (JSON) and where it came from. Starts no Spark and checks no paths, so it
 * also explains a config that a pass rejects.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Print the effective config for these options: every key, its value (JSON) and where it came"
          + " from (default, a conf file, --set or a flag).",
      "Precedence, lowest first: default < --conf files in order < --set in order < flags."
    })
final class ConfigCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin ConfigOptions configOptions;
  @Mixin InputOptions input;
  @Mixin BalanceOptions balance;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    CurationConfig.Builder builder = configOptions.builder();
    input.apply(builder);
    balance.apply(builder);
    List<CurationConfig.Effective> settings = builder.build().effective();
    int keyWidth = "key".length();
    int valueWidth = "value".length();
    String[] values = new String[settings.size()];
    for (int i = 0; i < values.length; i++) {
      CurationConfig.Effective e = settings.get(i);
      values[i] = e.value() == null ? "(unset)" : JSON.writeValueAsString(e.value());
      keyWidth = Math.max(keyWidth, e.key().length());
      valueWidth = Math.max(valueWidth, Math.min(values[i].length(), 60));
    }
    PrintWriter out = spec.commandLine().getOut();
    String row = "%-" + keyWidth + "s  %-" + valueWidth + "s  %s%n";
    out.printf(row, "key", "value", "from");
    for (int i = 0; i < values.length; i++) {
      CurationConfig.Effective e = settings.get(i);
      out.printf(row, e.key(), values[i], e.value() == null ? "-" : e.source());
    }
    out.flush();
    return 0;
  }
}
