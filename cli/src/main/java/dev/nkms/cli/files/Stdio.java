package dev.nkms.cli.files;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The process's binary stdin and stdout, which {@code -} stands for in {@code --in -} / {@code
 * --out -}. They are {@link System#in} and {@link System#out} unless a test running the CLI
 * in-process swapped them with {@link #use}.
 */
public final class Stdio {
  private static volatile InputStream in;
  private static volatile OutputStream out;

  private Stdio() {}

  public static InputStream in() {
    InputStream i = in;
    return i != null ? i : System.in;
  }

  public static OutputStream out() {
    OutputStream o = out;
    return o != null ? o : System.out;
  }

  /**
   * Uses {@code stdin} and {@code stdout} until the returned handle is closed (for running the CLI
   * in-process).
   */
  public static AutoCloseable use(InputStream stdin, OutputStream stdout) {
    InputStream oldIn = in;
    OutputStream oldOut = out;
    in = Objects.requireNonNull(stdin);
    out = Objects.requireNonNull(stdout);
    return () -> {
      in = oldIn;
      out = oldOut;
    };
  }
}
