package dev.nkms.crypto.keystore;

import dev.nkms.crypto.RandomSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.util.encoders.Hex;

/**
 * The keystore's place on disk: an owner-only file, replaced atomically. A write goes to a
 * temporary file in the same directory, created mode 0600 in one step (never widened then
 * narrowed), fsynced, renamed over the target, and the directory fsynced so the rename is durable.
 * A read refuses a file that group or others may access.
 */
final class KeystoreFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final int TEMP_NAME_BYTES = 8;

  private KeystoreFile() {}

  /** Atomically replaces {@code file} with {@code contents}, owner-only. */
  static void write(Path file, byte[] contents) throws KeystoreException {
    write(file, contents, RandomSource.secure());
  }

  /** As {@link #write(Path, byte[])}, drawing the temporary file's name from {@code random}. */
  static void write(Path file, byte[] contents, RandomSource random) throws KeystoreException {
    Objects.requireNonNull(contents, "contents");
    Path target = Objects.requireNonNull(file, "file").toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new KeystoreException(
          "cannot write keystore " + target + ": directory " + dir + " does not exist");
    }
    Path tmp =
        dir.resolve(
            "."
                + target.getFileName()
                + ".tmp-"
                + Hex.toHexString(random.nextBytes(TEMP_NAME_BYTES)));
    boolean created = false;
    boolean moved = false;
    try {
      // Created 0600 in one step: there is no moment at which another user could open it.
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      created = true;
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(contents);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      syncDirectory(dir);
    } catch (UnsupportedOperationException e) {
      throw new KeystoreException(
          "cannot write keystore "
              + target
              + ": the file system does not support POSIX permissions, so the file could not be made owner-only");
    } catch (FileAlreadyExistsException e) {
      throw new KeystoreException(
          "cannot write keystore " + target + ": temporary file " + tmp + " already exists");
    } catch (AccessDeniedException e) {
      throw new KeystoreException(
          "cannot write keystore " + target + ": permission denied on " + e.getFile());
    } catch (IOException e) {
      throw new KeystoreException("cannot write keystore " + target + ": " + e, e);
    } finally {
      if (created && !moved) { // a temporary file this write did not create is not its to delete
        deleteQuietly(tmp);
      }
    }
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException ignored) {
      // The original failure is the one worth reporting; a stray temp file holds only ciphertext.
    }
  }

  private static void syncDirectory(Path dir) throws IOException {
    // Makes the rename itself durable. Linux allows fsync on a directory opened read-only.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * The contents of an owner-only regular file of at most {@code maxBytes}.
   *
   * @throws KeystoreException if the file is missing, not a regular file, accessible by group or
   *     others, too large or unreadable
   */
  static byte[] read(Path file, long maxBytes) throws KeystoreException {
    Objects.requireNonNull(file, "file");
    try {
      if (!Files.isRegularFile(file)) {
        if (Files.exists(file)) {
          throw new KeystoreException("keystore " + file + " is not a regular file");
        }
        throw new KeystoreException("no keystore at " + file);
      }
      Set<PosixFilePermission> perms;
      try {
        perms = Files.getPosixFilePermissions(file);
      } catch (UnsupportedOperationException e) {
        throw new KeystoreException(
            "cannot check the permissions of keystore "
                + file
                + ": the file system does not support POSIX permissions");
      }
      // Not EnumSet.copyOf(perms): it throws on the empty set of a mode-000 file.
      Set<PosixFilePermission> extra = EnumSet.noneOf(PosixFilePermission.class);
      extra.addAll(perms);
      extra.removeAll(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));
      if (!extra.isEmpty()) {
        throw new KeystoreException(
            "keystore "
                + file
                + " is accessible by group or others (mode "
                + PosixFilePermissions.toString(perms)
                + "); refusing to use it. Restrict it with: chmod 600 "
                + file);
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw new KeystoreException(
            "keystore " + file + " is too large (" + size + " bytes, at most " + maxBytes + ")");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeystoreException("no keystore at " + file);
    } catch (AccessDeniedException e) {
      throw new KeystoreException("cannot read keystore " + file + ": permission denied");
    } catch (IOException e) {
      throw new KeystoreException("cannot read keystore " + file + ": " + e, e);
    }
  }
}
