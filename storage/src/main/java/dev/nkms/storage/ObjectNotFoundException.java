package dev.nkms.storage;

import java.net.URI;

/** Nothing is stored at the location. */
public final class ObjectNotFoundException extends StorageException {
  public ObjectNotFoundException(URI location, String message) {
    super(location, message, null);
  }

  public ObjectNotFoundException(URI location, String message, Throwable cause) {
    super(location, message, cause);
  }
}
