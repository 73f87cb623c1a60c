package dev.nkms.client;

import dev.nkms.client.NkmsException.Kind;
import dev.nkms.storage.BucketNotFoundException;
import dev.nkms.storage.InvalidLocationException;
import dev.nkms.storage.InvalidSettingsException;
import dev.nkms.storage.ObjectNotFoundException;
import dev.nkms.storage.StorageException;
import dev.nkms.storage.StorageUnreachableException;
import dev.nkms.storage.UnknownSchemeException;
import java.util.List;

/**
 * A storage back-end's typed failure as the facade's {@link NkmsException}, the typed reason kept
 * as its cause.
 */
final class StorageErrors {
  private StorageErrors() {}

  static NkmsException of(StorageException e) {
    Kind kind;
    if (e instanceof UnknownSchemeException
        || e instanceof InvalidLocationException
        || e instanceof BucketNotFoundException
        || e instanceof ObjectNotFoundException
        || e instanceof InvalidSettingsException) {
      kind = Kind.INVALID_INPUT;
    } else if (e instanceof StorageUnreachableException) {
      kind = Kind.UNREACHABLE;
    } else {
      kind = Kind.FAILED; // truncated, refused by the service, or the data source broke
    }
    return new NkmsException(kind, e.getMessage(), List.of(), e);
  }
}
