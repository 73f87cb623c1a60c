package dev.nkms.storage;

import java.io.IOException;
import java.net.URI;

/**
 * Why a storage operation failed, as a type per reason, each with a one-line message for people.
 * Checked and an {@link IOException} because reads are streams: a short object surfaces from {@code
 * read()} as {@link TruncatedObjectException}.
 */
public abstract class StorageException extends IOException {
  private final URI location;

  protected StorageException(URI location, String message, Throwable cause) {
    super(message, cause);
    this.location = location;
  }

  /** The location the operation was about (may name only a scheme, such as {@code ipfs:/}). */
  public URI location() {
    return location;
  }
}
