package dev.nkms.storage.ipfs;

import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.ObjectStoreProvider;
import dev.nkms.storage.StorageSettings;

/**
 * {@code ipfs://CID} through an IPFS daemon's Kubo RPC API (Kubo, or js-ipfs, which serves the same
 * API), with the JDK's HTTP client only. A put goes to the bare {@code ipfs:/} and returns {@code
 * ipfs://CID} (CIDv1, raw leaves); an object counts as stored when it is pinned recursively on that
 * daemon; a delete unpins.
 *
 * <p>Setting (optional): {@code ipfs.api}, the daemon's RPC address, default {@code
 * http://127.0.0.1:5001}.
 */
public final class IpfsStoreProvider implements ObjectStoreProvider {
  @Override
  public String scheme() {
    return "ipfs";
  }

  @Override
  public ObjectStore open(StorageSettings settings) {
    return new IpfsObjectStore(IpfsOptions.from(settings));
  }
}
