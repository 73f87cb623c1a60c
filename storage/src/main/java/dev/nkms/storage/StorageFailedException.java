package dev.nkms.storage;

import java.net.URI;

/**
 * The service answered with an error that is none of the other reasons (access denied, server
 * error, …).
 */
public final class StorageFailedException extends StorageException {
  public StorageFailedException(URI location, String message) {
    super(location, message, null);
  }

  public StorageFailedException(URI location, String message, Throwable cause) {
    super(location, message, cause);
  }

  /** The data being put failed before its end (the caller's stream, not the service). */
  public static StorageFailedException sourceFailed(URI where, Throwable cause) {
    return new StorageFailedException(
        where,
        "the data for " + where + " could not be read to its end; nothing was stored",
        cause);
  }
}
