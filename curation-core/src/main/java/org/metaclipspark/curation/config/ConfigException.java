package org.metaclipspark.curation.config;

/**
 * A configuration value that cannot be used. The message names the key, the value, where it came
 * from (a conf file, {@code --set} or a flag) and how to fix it.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
