package dev.nkms.client.store;

import dev.nkms.client.message.Enrico;
import dev.nkms.storage.DeleteResult;
import dev.nkms.storage.Storage;
import dev.nkms.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sealed messages in storage: Enrico seals into a store as he reads, and a reader streams an object
 * back. Memory use is the pipe between sealing and storing plus what the back-end buffers (one part
 * for S3), whatever the size.
 */
public final class SealedObjects implements AutoCloseable {
  /** Room between the sealing thread and the store: a few sealed chunks. */
  private static final int PIPE_BYTES = 256 * 1024;

  private final Storage storage;

  public SealedObjects(Storage storage) {
    this.storage = storage;
  }

  /**
   * Seals {@code length} bytes of {@code data} with {@code enrico} and stores the sealed message at
   * {@code where}; returns where it lives. If the data fails or is shorter than {@code length},
   * that failure is thrown and nothing is stored.
   */
  public URI write(URI where, Enrico enrico, InputStream data, long length) throws IOException {
    FailablePipe pipe = new FailablePipe(PIPE_BYTES);
    AtomicReference<Throwable> sealing = new AtomicReference<>();
    Thread sealer =
        new Thread(
            () -> {
              try {
                enrico.encrypt(data, length, pipe.sink);
                pipe.sink.close();
              } catch (Throwable t) {
                sealing.set(t);
                pipe.fail(t);
              }
            },
            "nkms-seal");
    sealer.setDaemon(true);
    sealer.start();
    try {
      return storage.put(where, pipe.source);
    } catch (StorageException e) {
      Throwable cause = sealing.get();
      if (cause instanceof IOException io) {
        throw io; // the data, not the store, failed: say that
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    } finally {
      pipe.source.close(); // unblocks the sealer when the store stopped reading early
      try {
        sealer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Opens a stored sealed message; reading throws a {@link StorageException} subclass when the
   * object is cut.
   */
  public InputStream open(URI location) throws StorageException {
    return storage.get(location);
  }

  public DeleteResult delete(URI location) throws StorageException {
    return storage.delete(location);
  }

  public boolean exists(URI location) throws StorageException {
    return storage.exists(location);
  }

  @Override
  public void close() {
    storage.close();
  }
}
