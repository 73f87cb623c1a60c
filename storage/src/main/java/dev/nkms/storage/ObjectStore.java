package dev.nkms.storage;

import java.io.InputStream;
import java.net.URI;

/**
 * One back-end's view of where sealed data lives. Every method takes and returns full URIs of its
 * scheme. A put is all or nothing: while it runs and after it fails, {@link #exists} is false and
 * {@link #get} finds nothing (or the previous object), never a prefix.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Stores everything {@code data} yields, streaming (the object never sits in memory whole), and
   * returns where it now lives. For a location-addressed back-end that is {@code where}; for a
   * content-addressed one ({@code ipfs:/}) {@code where} names only the scheme and the answer names
   * the content. The stream is read to its end, not closed.
   */
  URI put(URI where, InputStream data) throws StorageException;

  /**
   * Opens the object for reading. Reading throws {@link TruncatedObjectException} if the object
   * ends before the length its service announced. The caller closes the stream.
   */
  InputStream get(URI location) throws StorageException;

  /** Deletes the object; says whether there was one and what deleting means for this back-end. */
  DeleteResult delete(URI location) throws StorageException;

  boolean exists(URI location) throws StorageException;

  @Override
  void close();
}
