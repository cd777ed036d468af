package org.metaclipspark.curation.config;

/**
 * A configuration value that cannot be used. The message names the key, the value, where it came
 * from (a conf file, {@code --set} or a flag) and how to fix it.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A config error with a message that names the key, value, source and fix. */
  public ConfigException(String message) {
    super(message);
  }
}
