package dev.nkms.storage;

import java.net.URI;

/**
 * A back-end's settings do not parse (a part size too small, an endpoint that is not http(s), …).
 */
public final class InvalidSettingsException extends StorageException {
  public InvalidSettingsException(URI location, String message, Throwable cause) {
    super(location, message, cause);
  }
}
