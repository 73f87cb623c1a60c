package dev.nkms.storage;

import java.net.URI;

/**
 * The object ended before the length its service announced: what was read is not the whole object.
 */
public final class TruncatedObjectException extends StorageException {
  public TruncatedObjectException(URI location, String message) {
    super(location, message, null);
  }

  public TruncatedObjectException(URI location, String message, Throwable cause) {
    super(location, message, cause);
  }
}
