package dev.nkms.storage.file;

import dev.nkms.storage.DeleteResult;
import dev.nkms.storage.InvalidLocationException;
import dev.nkms.storage.LengthCheckedInputStream;
import dev.nkms.storage.ObjectNotFoundException;
import dev.nkms.storage.ObjectStore;
import dev.nkms.storage.StorageException;
import dev.nkms.storage.StorageFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Objects as files. A put streams into a hidden sibling ({@code .NAME.nkms-partial-RANDOM}, mode
 * 0600), forces it to disk, renames it over the target in one step and forces the directory, so the
 * target name only ever holds a whole object; a crash can leave only the hidden partial, which no
 * reader takes for the object. Missing parent directories are created (like S3 keys with slashes).
 */
final class FileObjectStore implements ObjectStore {
  static final String PARTIAL_MARKER = ".nkms-partial-";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Override
  public URI put(URI where, InputStream data) throws StorageException {
    Path target = pathOf(where);
    Path dir = target.getParent();
    Path partial = null;
    try {
      Files.createDirectories(dir);
      byte[] suffix = new byte[8];
      RANDOM.nextBytes(suffix);
      partial =
          dir.resolve(
              "." + target.getFileName() + PARTIAL_MARKER + HexFormat.of().formatHex(suffix));
      try (FileChannel ch =
          FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        restrictToOwner(partial);
        OutputStream out = Channels.newOutputStream(ch);
        copy(data, out, where);
        ch.force(true);
      }
      try {
        Files.move(
            partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new StorageFailedException(
            where, "the file system at " + dir + " cannot rename atomically", e);
      }
      partial = null;
      forceDirectory(dir);
      return target.toUri();
    } catch (StorageException e) {
      throw e;
    } catch (IOException e) {
      throw failed(where, "writing", e);
    } finally {
      if (partial != null) {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException ignored) {
          // best effort: the partial is hidden and named as one, so no reader takes it for the
          // object
        }
      }
    }
  }

  @Override
  public InputStream get(URI location) throws StorageException {
    Path path = pathOf(location);
    if (Files.isDirectory(path)) {
      throw new InvalidLocationException(location, location + " is a directory, not an object");
    }
    try {
      FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
      long size = ch.size();
      return new LengthCheckedInputStream(Channels.newInputStream(ch), location, size);
    } catch (NoSuchFileException e) {
      throw notFound(location);
    } catch (IOException e) {
      throw failed(location, "opening", e);
    }
  }

  @Override
  public DeleteResult delete(URI location) throws StorageException {
    Path path = pathOf(location);
    try {
      if (Files.isDirectory(path)) {
        throw new InvalidLocationException(location, location + " is a directory, not an object");
      }
      boolean deleted = Files.deleteIfExists(path);
      if (deleted) {
        forceDirectory(path.getParent());
      }
      return deleted ? DeleteResult.DELETED : DeleteResult.NOT_FOUND;
    } catch (StorageException e) {
      throw e;
    } catch (IOException e) {
      throw failed(location, "deleting", e);
    }
  }

  @Override
  public boolean exists(URI location) throws StorageException {
    return Files.isRegularFile(pathOf(location));
  }

  @Override
  public void close() {}

  /**
   * An absolute path with no host, query or fragment, naming a file that is not one of our
   * partials.
   */
  static Path pathOf(URI location) throws InvalidLocationException {
    if (!"file".equalsIgnoreCase(location.getScheme())
        || location.isOpaque()
        || location.getQuery() != null
        || location.getFragment() != null
        || (location.getAuthority() != null && !location.getAuthority().equals("localhost"))) {
      throw new InvalidLocationException(
          location, "'" + location + "' is not a file location; write file:/absolute/path");
    }
    Path path;
    try {
      path = Path.of(URI.create("file://" + location.getRawPath())).normalize();
    } catch (IllegalArgumentException e) {
      throw new InvalidLocationException(location, "'" + location + "' is not a usable file path");
    }
    if (path.getFileName() == null || path.getParent() == null) {
      throw new InvalidLocationException(location, "'" + location + "' names no file");
    }
    if (path.getFileName().toString().contains(PARTIAL_MARKER)) {
      throw new InvalidLocationException(
          location,
          "'" + location + "' is an unfinished write's name; nkms keeps such names for itself");
    }
    return path;
  }

  private static void copy(InputStream data, OutputStream out, URI where)
      throws StorageException, IOException {
    byte[] buf = new byte[64 * 1024];
    while (true) {
      int n;
      try {
        n = data.read(buf);
      } catch (IOException e) {
        throw StorageFailedException.sourceFailed(where, e);
      }
      if (n < 0) {
        return;
      }
      out.write(buf, 0, n);
    }
  }

  private static void restrictToOwner(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(
          p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; its own ACLs apply
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (FileSystemException e) {
      // some file systems cannot open a directory for reading; the rename is still atomic there
    }
  }

  private static ObjectNotFoundException notFound(URI location) {
    return new ObjectNotFoundException(location, "nothing is stored at " + location);
  }

  private static StorageFailedException failed(URI location, String doing, IOException e) {
    String why =
        e instanceof AccessDeniedException
            ? "permission denied"
            : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new StorageFailedException(location, doing + " " + location + " failed: " + why, e);
  }
}
