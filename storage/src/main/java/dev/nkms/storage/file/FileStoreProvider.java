package dev.nkms.storage.file;

import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.ObjectStoreProvider;
import dev.nkms.storage.StorageSettings;

/** {@code file:} — objects as files on a local or mounted file system. Takes no settings. */
public final class FileStoreProvider implements ObjectStoreProvider {
  @Override
  public String scheme() {
    return "file";
  }

  @Override
  public ObjectStore open(StorageSettings settings) {
    return new FileObjectStore();
  }
}
