package dev.nkms.node.config;

import java.util.Optional;

/**
 * The node's configuration is unusable. The message names the setting and where its value came from
 * (the file, an environment variable or a flag) and says what is allowed.
 */
public class ConfigException extends Exception {
  private final String key;
  private final String source;

  /** A problem with one setting: {@code "<key> (<source>): <problem>"}. */
  public ConfigException(String key, String source, String problem) {
    this(key, source, key + " (" + source + "): " + problem, null);
  }

  private ConfigException(String key, String source, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
    this.source = source;
  }

  /** A problem with a whole source, such as an unreadable file: {@code "<source>: <problem>"}. */
  public static ConfigException forSource(String source, String problem, Throwable cause) {
    return new ConfigException(null, source, source + ": " + problem, cause);
  }

  /** The setting at fault (kebab-case), if the problem is with one setting. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /**
   * Where the value came from, e.g. {@code file /etc/nkms/node.yaml}, {@code environment variable
   * NKMS_NODE_PORT}.
   */
  public String source() {
    return source;
  }
}
