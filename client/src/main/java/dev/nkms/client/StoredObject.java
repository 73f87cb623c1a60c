package dev.nkms.client;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * One object this Alice wrote, as her object index keeps it: where it lives (normalized: {@code
 * file:/path}), the label it is encrypted under, its plaintext size in bytes, and when it was
 * written.
 */
public record StoredObject(URI location, String label, long size, Instant written) {
  public StoredObject {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(written, "written");
    if (size < 0) {
      throw new IllegalArgumentException("size " + size + " is negative");
    }
  }
}
