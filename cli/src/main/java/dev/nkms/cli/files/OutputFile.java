package dev.nkms.cli.files;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one way the CLI writes an output file, so that nothing half-written is ever left where a user
 * would take it for whole, and nothing is lost by accident:
 *
 * <ul>
 *   <li>{@code -} is stdout; an existing device or named pipe ({@code /dev/null}) is written
 *       straight into;
 *   <li>an existing target is refused unless {@code --force}; a target that is also one of the
 *       command's inputs is refused always — both before anything is read or written ({@link
 *       #check});
 *   <li>the bytes go to a temporary file beside the target, created mode 0600 (an attribute of the
 *       creation, never a chmod after it), then flushed, fsynced and atomically renamed over the
 *       target by {@link #commit};
 *   <li>on failure ({@link #close} without commit) the temporary file is deleted, and on
 *       SIGTERM/SIGINT a shutdown hook deletes it ({@link TempFiles}).
 * </ul>
 *
 * <p>Usage: {@code try (OutputFile f = OutputFile.create(out, Kind.SECRET, force, in)) { write
 * f.stream(); f.commit(); }}.
 */
public final class OutputFile implements Closeable {

  /** What a file holds, which decides its final mode. */
  public enum Kind {
    /**
     * Plaintext and keys: stays 0600 (owner only) for its whole life. A decrypted file is exactly
     * what the encryption protected; a keystore is only as safe as its passphrase once others can
     * read it.
     */
    SECRET,
    /**
     * Ciphertext and public material (a sealed file, a card, a treasure map, a policy record): made
     * 0644 just before the rename. Sealed files and maps are encrypted (a map to Bob) and cards
     * hold public keys only; they are meant to be handed to other people, so an owner-only mode
     * would only get in the way. While being written it is 0600 like every temporary file.
     */
    PUBLIC
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path target;
  private final Kind kind;
  private final boolean force;
  private final Path temp;
  private final FileChannel channel;
  private final OutputStream stream;
  private boolean committed;

  private OutputFile(
      Path target, Kind kind, boolean force, Path temp, FileChannel channel, OutputStream stream) {
    this.target = target;
    this.kind = kind;
    this.force = force;
    this.temp = temp;
    this.channel = channel;
    this.stream = stream;
  }

  /**
   * Refuses a target that cannot or must not be written, before anything is read or written: one of
   * the {@code inputs} (same path, or the same file through a link), an existing file without
   * {@code force}, a read-only file, a directory, a missing or unwritable parent directory. {@code
   * -} (stdout) always passes. Inputs that are null or {@code -} are ignored.
   */
  public static void check(Path target, boolean force, Path... inputs) {
    if (Inputs.isStd(target)) {
      return;
    }
    if (isSpecial(target)) {
      return; // /dev/null, a named pipe, /dev/stdout: written straight into, nothing is replaced
    }
    for (Path in : inputs) {
      if (in != null && !Inputs.isStd(in) && same(target, in)) {
        throw new UserError(
            ExitCode.USAGE,
            target + " is also an input of this command; write the output to" + " another file");
      }
    }
    if (Files.isDirectory(target)) {
      throw new UserError(
          ExitCode.USAGE, target + " is a directory; give the name of a file to write");
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new UserError(
          ExitCode.USAGE, "cannot write " + target + ": directory " + parent + " does not exist");
    }
    if (!Files.isWritable(parent)) {
      throw new UserError(
          ExitCode.USAGE, "cannot write " + target + ": directory " + parent + " is not writable");
    }
    if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      if (!force) {
        throw new UserError(ExitCode.USAGE, target + " exists; pass --force to replace it");
      }
      if (Files.isRegularFile(target) && !Files.isWritable(target)) {
        throw new UserError(
            ExitCode.USAGE,
            target
                + " is read-only; not replacing it (make it writable, or write"
                + " to another file)");
      }
    }
  }

  /**
   * {@link #check}s the target, then opens it for writing: a fresh 0600 temporary file beside it,
   * or stdout.
   */
  public static OutputFile create(Path target, Kind kind, boolean force, Path... inputs) {
    check(target, force, inputs);
    if (Inputs.isStd(target) || isSpecial(target)) {
      OutputStream sink;
      try {
        sink =
            Inputs.isStd(target)
                ? Stdio.out()
                : Files.newOutputStream(target, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw cannotWrite(target, e);
      }
      OutputStream out =
          new FilterOutputStream(sink) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
              flush();
              if (!Inputs.isStd(target)) {
                out.close(); // the process's stdout stays open; a device or pipe we opened is
                // closed
              }
            }
          };
      return new OutputFile(target, kind, force, null, null, out);
    }
    Path abs = target.toAbsolutePath();
    Path temp =
        abs.resolveSibling(
            "." + abs.getFileName() + "." + HexFormat.of().formatHex(random8()) + ".tmp");
    FileChannel channel = null;
    try {
      TempFiles.create(temp);
      channel = FileChannel.open(temp, StandardOpenOption.WRITE);
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
      return new OutputFile(target, kind, force, temp, channel, out);
    } catch (IOException e) {
      closeQuietly(channel);
      TempFiles.delete(temp);
      throw cannotWrite(target, e);
    }
  }

  /**
   * Writes {@code bytes} to {@code target} the same way (temporary file, fsync, atomic rename), for
   * small files written whole: treasure maps, policy records, cards.
   */
  public static void write(Path target, Kind kind, boolean force, byte[] bytes, Path... inputs) {
    try (OutputFile f = create(target, kind, force, inputs)) {
      f.stream().write(bytes);
      f.commit();
    } catch (IOException e) {
      throw cannotWrite(target, e);
    }
  }

  /**
   * Writes a record the program owns and keeps up to date (a policy file in Alice's store): parent
   * directories are created, an existing record is replaced (no --force: it is the program's own
   * file), and the write is the same temporary file, fsync and atomic rename. Refuses a target that
   * is a directory.
   */
  public static void writeRecord(Path target, Kind kind, byte[] bytes) {
    Path parent = target.toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UserError(
          ExitCode.USAGE, "cannot create the directory " + parent + ": " + Inputs.describe(e));
    }
    write(target, kind, true, bytes);
  }

  /**
   * Whether {@code target} is an existing device, pipe or socket (not a regular file or directory).
   */
  static boolean isSpecial(Path target) {
    return Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target);
  }

  /** Where the bytes go until {@link #commit}. */
  public OutputStream stream() {
    return stream;
  }

  public Path target() {
    return target;
  }

  public boolean isStdout() {
    return Inputs.isStd(target);
  }

  /**
   * Makes the file whole and visible: flush, fsync, final mode, atomic rename over the target. A
   * failure is a {@link UserError} and leaves no temporary file.
   */
  public void commit() {
    if (committed) {
      return;
    }
    try {
      if (temp == null) {
        stream.close();
        committed = true;
        return;
      }
      stream.flush();
      channel.force(true);
      channel.close();
      if (kind == Kind.PUBLIC) {
        try {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
          // no modes on this file system
        }
      }
      if (!force && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        throw new UserError(ExitCode.USAGE, target + " exists; pass --force to replace it");
      }
      Files.move(
          temp,
          target.toAbsolutePath(),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      committed = true;
      TempFiles.forget(temp);
      syncDirectory(target.toAbsolutePath().getParent());
    } catch (IOException e) {
      TempFiles.delete(temp);
      throw cannotWrite(target, e);
    } finally {
      if (!committed && temp != null) {
        closeQuietly(channel);
        TempFiles.delete(temp);
      }
    }
  }

  /**
   * Without {@link #commit}: discards what was written (the temporary file is deleted, the target
   * untouched).
   */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    if (temp == null) {
      try {
        stream.close();
      } catch (IOException e) {
        // stdout went away; nothing to clean up
      }
      return;
    }
    closeQuietly(channel);
    TempFiles.delete(temp);
  }

  /** A write that failed, as the one line a user sees. */
  public static UserError cannotWrite(Path target, IOException e) {
    if (e instanceof AccessDeniedException) {
      return new UserError(ExitCode.USAGE, "cannot write " + target + ": permission denied");
    }
    if (e instanceof NoSuchFileException) {
      return new UserError(
          ExitCode.USAGE, "cannot write " + target + ": its directory does not exist");
    }
    return new UserError(
        ExitCode.FAILED,
        "cannot write " + target + ": " + Inputs.describe(e) + " (nothing was written)");
  }

  private static boolean same(Path a, Path b) {
    if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  private static void syncDirectory(Path dir) {
    // Makes the rename itself durable; Linux allows fsync on a directory opened read-only. Best
    // effort elsewhere.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // the data is already fsynced; only the rename's durability is not guaranteed
    }
  }

  private static byte[] random8() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // already failing
      }
    }
  }
}
