package dev.nkms.storage;

import java.net.URI;

/**
 * The location is not a well-formed URI for its back-end (no bucket, a relative path, a query, …).
 */
public final class InvalidLocationException extends StorageException {
  public InvalidLocationException(URI location, String message) {
    super(location, message, null);
  }

  public InvalidLocationException(URI location, String message, Throwable cause) {
    super(location, message, cause);
  }
}
