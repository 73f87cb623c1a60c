package dev.nkms.storage;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every back-end on the class path behind one front: picks the back-end by the URI's scheme and
 * opens it on first use. Thread-safe. Closing it closes every store it opened.
 */
public final class Storage implements AutoCloseable {
  private final StorageSettings settings;
  private final Map<String, ObjectStoreProvider> providers;
  private final Map<String, ObjectStore> open = new HashMap<>();

  private Storage(StorageSettings settings, Map<String, ObjectStoreProvider> providers) {
    this.settings = settings;
    this.providers = Map.copyOf(providers);
  }

  /** The back-ends {@link ServiceLoader} finds on this class's class path. */
  public static Storage load(StorageSettings settings) {
    List<ObjectStoreProvider> found = new ArrayList<>();
    ServiceLoader.load(ObjectStoreProvider.class, Storage.class.getClassLoader())
        .forEach(found::add);
    return of(settings, found);
  }

  /** Exactly these back-ends (one per scheme). */
  public static Storage of(StorageSettings settings, List<ObjectStoreProvider> backEnds) {
    Map<String, ObjectStoreProvider> byScheme = new HashMap<>();
    for (ObjectStoreProvider p : backEnds) {
      String scheme = p.scheme().toLowerCase(Locale.ROOT);
      if (byScheme.putIfAbsent(scheme, p) != null) {
        throw new IllegalArgumentException(
            "two storage back-ends serve the scheme " + scheme + ":");
      }
    }
    return new Storage(settings, byScheme);
  }

  /** The schemes served, sorted. */
  public Set<String> schemes() {
    return new TreeSet<>(providers.keySet());
  }

  public URI put(URI where, InputStream data) throws StorageException {
    return storeFor(where).put(where, data);
  }

  public InputStream get(URI location) throws StorageException {
    return storeFor(location).get(location);
  }

  public DeleteResult delete(URI location) throws StorageException {
    return storeFor(location).delete(location);
  }

  public boolean exists(URI location) throws StorageException {
    return storeFor(location).exists(location);
  }

  /** The back-end that serves this location's scheme, opened once. */
  public synchronized ObjectStore storeFor(URI location) throws StorageException {
    String scheme = location.getScheme();
    if (scheme == null) {
      throw new InvalidLocationException(
          location,
          "'" + location + "' has no scheme; write file:/path, s3://bucket/key or ipfs://CID");
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    ObjectStore store = open.get(scheme);
    if (store == null) {
      ObjectStoreProvider provider = providers.get(scheme);
      if (provider == null) {
        throw new UnknownSchemeException(
            location,
            "no storage back-end for "
                + scheme
                + ": locations; this build serves "
                + String.join(", ", schemes().stream().map(s -> s + ":").toList()));
      }
      try {
        store = provider.open(settings);
      } catch (IllegalArgumentException e) {
        throw new InvalidSettingsException(location, e.getMessage(), e);
      }
      open.put(scheme, store);
    }
    return store;
  }

  @Override
  public synchronized void close() {
    open.values().forEach(ObjectStore::close);
    open.clear();
  }
}
