package dev.nkms.storage;

/**
 * A back-end, found by {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/dev.nkms.storage.ObjectStoreProvider}), so an application pulls in only the
 * back-ends whose jars it puts on its class path.
 */
public interface ObjectStoreProvider {

  /** The URI scheme this back-end serves, lower case ({@code file}, {@code s3}, {@code ipfs}). */
  String scheme();

  /** Opens a store with these settings; cheap enough to call once per application. */
  ObjectStore open(StorageSettings settings) throws StorageException;
}
