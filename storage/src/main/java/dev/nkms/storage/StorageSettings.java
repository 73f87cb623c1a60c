package dev.nkms.storage;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings back-ends read, as dotted keys ({@code s3.endpoint}, {@code ipfs.api}, …), each
 * back-end documenting its own. Immutable. Values the standard chains already carry (AWS
 * credentials, region, endpoint) are read by the back-end from those chains when a key is absent.
 */
public final class StorageSettings {
  private static final StorageSettings NONE = new StorageSettings(Map.of());
  private final Map<String, String> values;

  private StorageSettings(Map<String, String> values) {
    this.values = values;
  }

  public static StorageSettings none() {
    return NONE;
  }

  public static StorageSettings of(Map<String, String> values) {
    values.forEach(
        (k, v) -> {
          if (k == null || k.isBlank() || v == null) {
            throw new IllegalArgumentException("storage setting keys and values must be non-empty");
          }
        });
    return new StorageSettings(Map.copyOf(new TreeMap<>(values)));
  }

  /** A copy with one more (or one replaced) setting. */
  public StorageSettings with(String key, String value) {
    TreeMap<String, String> copy = new TreeMap<>(values);
    copy.put(key, value);
    return of(copy);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** A positive whole number, or {@code fallback} when absent. */
  public long positiveLong(String key, long fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below says what is wanted
    }
    throw new IllegalArgumentException(
        "storage setting " + key + " must be a positive whole number, not '" + v + "'");
  }

  /** {@code true} or {@code false}, or {@code fallback} when absent. */
  public boolean bool(String key, boolean fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(
        "storage setting " + key + " must be true or false, not '" + v + "'");
  }
}
