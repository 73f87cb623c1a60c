package dev.nkms.storage;

import java.net.URI;

/** No back-end on the class path serves the location's scheme. */
public final class UnknownSchemeException extends StorageException {
  public UnknownSchemeException(URI location, String message) {
    super(location, message, null);
  }

  public UnknownSchemeException(URI location, String message, Throwable cause) {
    super(location, message, cause);
  }
}
