package dev.nkms.cli.files;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Stdin copied to a temporary file, for a command that must know its input's length before it
 * starts (Enrico writes the plaintext length into the header). The file may hold plaintext, so it
 * is created 0600, is deleted on close and at shutdown (SIGTERM/SIGINT), like {@link OutputFile}'s
 * temporary files.
 */
public final class Spool implements Closeable {
  private final Path file;

  private Spool(Path file) {
    this.file = file;
  }

  /** Copies all of {@code in} into a new temporary file in {@code dir}. */
  public static Spool of(InputStream in, Path dir) {
    byte[] r = new byte[8];
    new SecureRandom().nextBytes(r);
    Path file = dir.toAbsolutePath().resolve(".nkms-stdin." + HexFormat.of().formatHex(r) + ".tmp");
    try {
      TempFiles.create(file);
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        in.transferTo(out);
      }
      return new Spool(file);
    } catch (IOException e) {
      TempFiles.delete(file);
      throw new UserError(
          ExitCode.FAILED,
          "cannot keep stdin in a temporary file in " + dir + ": " + Inputs.describe(e));
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    TempFiles.delete(file);
  }
}
