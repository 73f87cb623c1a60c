package dev.nkms.cli.files;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opening an input file the way every command does: {@code -} is stdin; a missing file, a directory
 * or a file without read permission is a one-line {@link UserError} with exit {@link
 * ExitCode#USAGE}, never an internal error.
 */
public final class Inputs {
  private Inputs() {}

  /** Whether {@code path} is {@code -}, i.e. stdin (or stdout, for an output). */
  public static boolean isStd(Path path) {
    return path != null && path.toString().equals("-");
  }

  /**
   * Opens {@code path} for reading; {@code what} names it in messages ("sealed file", "treasure
   * map"). Stdin is returned wrapped so that closing it leaves the process's stdin open.
   */
  public static InputStream open(Path path, String what) {
    if (isStd(path)) {
      return new FilterInputStream(Stdio.in()) {
        @Override
        public void close() {}
      };
    }
    check(path, what);
    try {
      return Files.newInputStream(path);
    } catch (IOException e) {
      throw unreadable(path, what, e);
    }
  }

  /** Reads a small file whole (at most {@code maxBytes}); {@code -} reads stdin. */
  public static byte[] readAll(Path path, String what, int maxBytes) {
    try (InputStream in = open(path, what)) {
      byte[] b = in.readNBytes(maxBytes + 1);
      if (b.length > maxBytes) {
        throw new UserError(
            ExitCode.USAGE,
            path + " is too large for a " + what + " (more than " + maxBytes + " bytes)");
      }
      return b;
    } catch (IOException e) {
      throw unreadable(path, what, e);
    }
  }

  /** The size of a regular input file, after the same checks as {@link #open}. */
  public static long size(Path path, String what) {
    check(path, what);
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw unreadable(path, what, e);
    }
  }

  /** Refuses a missing path, a directory or an unreadable file, each with its own message. */
  public static void check(Path path, String what) {
    if (Files.isDirectory(path)) {
      throw new UserError(ExitCode.USAGE, path + " is a directory, not a " + what);
    }
    if (!Files.exists(path)) {
      throw new UserError(ExitCode.USAGE, "no such file: " + path + " (the " + what + ")");
    }
    if (!Files.isReadable(path)) {
      throw new UserError(ExitCode.USAGE, "cannot read " + path + ": permission denied");
    }
  }

  static UserError unreadable(Path path, String what, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new UserError(ExitCode.USAGE, "no such file: " + path + " (the " + what + ")");
    }
    if (e instanceof AccessDeniedException) {
      return new UserError(ExitCode.USAGE, "cannot read " + path + ": permission denied");
    }
    return new UserError(
        ExitCode.USAGE, "cannot read " + path + " (the " + what + "): " + describe(e));
  }

  static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
