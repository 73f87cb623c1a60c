package dev.nkms.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The client's one atomic write of a small file (a policy record, an object index entry): a
 * temporary file {@code .NAME.tmp} next to it, made 0600 at creation, written and fsynced, then
 * moved over the old file and the directory fsynced — a crash leaves the old content or the new,
 * never half, and at worst a leftover temporary file that readers skip (its name starts with a
 * dot).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** The temporary name {@link #write} uses for {@code file}. */
  public static Path temporaryOf(Path file) {
    return file.resolveSibling("." + file.getFileName() + ".tmp");
  }

  /** Writes (creates or replaces) {@code file} with {@code bytes}, durably, owner-only. */
  public static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = temporaryOf(file);
    Files.deleteIfExists(tmp);
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cannot replace " + file + " atomically on this file system", e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    forceDirectory(dir);
  }

  /** Deletes {@code file} if it exists, durably (the directory is fsynced); true if it existed. */
  public static boolean delete(Path file) throws IOException {
    boolean existed = Files.deleteIfExists(file);
    if (existed) {
      forceDirectory(file.toAbsolutePath().getParent());
    }
    return existed;
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * The files in {@code dir} named {@code *suffix}, sorted, leaving out hidden ones (a write's
   * temporary file is hidden, so a half-written file is never listed); empty when {@code dir} does
   * not exist.
   */
  public static List<Path> listed(Path dir, String suffix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && n.endsWith(suffix);
              })
          .sorted()
          .toList();
    }
  }
}
