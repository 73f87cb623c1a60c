package dev.nkms.cli.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The temporary files this process has open, deleted by a JVM shutdown hook if the process is
 * stopped (SIGTERM, SIGINT, System.exit) before they were moved into place. The hook is registered
 * while at least one temporary file exists and removed when the last one is gone, so a finished
 * command leaves no hook behind.
 */
final class TempFiles {
  private static final Set<Path> LIVE = new LinkedHashSet<>();
  private static Thread hook;
  private static boolean shuttingDown;

  private TempFiles() {}

  /**
   * Creates {@code file} with mode 0600 from the first instant (the permission is an attribute of
   * the creation, not a chmod after it) and registers it for deletion at shutdown. Creation and
   * registration happen under one lock the hook also takes, so a file is never created after the
   * hook ran.
   */
  static synchronized void create(Path file) throws IOException {
    if (shuttingDown) {
      throw new IOException("the process is shutting down");
    }
    if (hook == null) {
      Thread h = new Thread(TempFiles::deleteAll, "nkms-delete-temporary-files");
      try {
        Runtime.getRuntime().addShutdownHook(h);
      } catch (IllegalStateException e) {
        throw new IOException("the process is shutting down");
      }
      hook = h;
    }
    LIVE.add(file);
    try {
      try {
        FileAttribute<Set<PosixFilePermission>> ownerOnly =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        Files.createFile(file, ownerOnly);
      } catch (UnsupportedOperationException e) {
        Files.createFile(file); // not a POSIX file system: it has no modes to set
      }
    } catch (IOException | RuntimeException e) {
      forget(file);
      throw e;
    }
  }

  /** {@code file} was moved into place or deleted: it no longer needs deleting at shutdown. */
  static synchronized void forget(Path file) {
    LIVE.remove(file);
    if (LIVE.isEmpty() && hook != null && !shuttingDown) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutdown began after all; the hook finds nothing to delete
      }
      hook = null;
    }
  }

  /** Deletes {@code file} if it exists and forgets it. */
  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // nothing better to do: the caller is already reporting the failure that brought it here
    } finally {
      forget(file);
    }
  }

  static synchronized boolean isLive(Path file) {
    return LIVE.contains(file);
  }

  private static synchronized void deleteAll() {
    shuttingDown = true;
    for (Path f : LIVE) {
      try {
        Files.deleteIfExists(f);
      } catch (IOException e) {
        // keep going: delete the others
      }
    }
    LIVE.clear();
  }
}
