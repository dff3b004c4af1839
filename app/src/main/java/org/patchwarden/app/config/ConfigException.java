package org.patchwarden.app.config;

/** Invalid configuration: the message names the origin (flag, variable or file), the key, the value and what was expected. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
