package dev.nkms.storage;

import java.net.URI;

/**
 * The S3 bucket (or the file back-end's parent directory) does not exist; nkms never creates one
 * implicitly.
 */
public final class BucketNotFoundException extends StorageException {
  public BucketNotFoundException(URI location, String message) {
    super(location, message, null);
  }

  public BucketNotFoundException(URI location, String message, Throwable cause) {
    super(location, message, cause);
  }
}
