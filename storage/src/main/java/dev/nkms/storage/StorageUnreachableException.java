package dev.nkms.storage;

import java.net.URI;

/** The service behind the location did not answer (connection refused, timed out, DNS). */
public final class StorageUnreachableException extends StorageException {
  public StorageUnreachableException(URI location, String message) {
    super(location, message, null);
  }

  public StorageUnreachableException(URI location, String message, Throwable cause) {
    super(location, message, cause);
  }
}
