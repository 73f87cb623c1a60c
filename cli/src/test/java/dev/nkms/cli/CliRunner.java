package dev.nkms.cli;

import dev.nkms.cli.files.Stdio;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * Runs the nkms CLI in-process and captures what it prints, as a user would see it. {@link
 * #run(byte[], String...)} also feeds stdin and captures the binary stdout that {@code --in -} and
 * {@code --out -} use ({@link #stdout}). Every run fails the test if stdout or stderr holds a Java
 * toString shape ({@link OutputShapes}).
 */
public final class CliRunner {
  public final int exitCode;
  public final String out;
  public final String err;

  /**
   * The bytes written to the binary stdout ({@code --out -}); empty unless run with {@link
   * #run(byte[], String...)}.
   */
  public final byte[] stdout;

  private CliRunner(int exitCode, String out, String err, byte[] stdout) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
    this.stdout = stdout;
  }

  public static CliRunner run(String... args) {
    return run(new byte[0], args);
  }

  /** Runs with {@code stdin} as the process's stdin and captures its binary stdout too. */
  public static CliRunner run(byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream binary = new ByteArrayOutputStream();
    int code;
    try (AutoCloseable io = Stdio.use(new ByteArrayInputStream(stdin), binary)) {
      code =
          Main.commandLine()
              .setOut(new PrintWriter(out, true))
              .setErr(new PrintWriter(err, true))
              .execute(args);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    OutputShapes.check("stdout of nkms " + String.join(" ", args), out.toString());
    OutputShapes.check("stderr of nkms " + String.join(" ", args), err.toString());
    return new CliRunner(code, out.toString(), err.toString(), binary.toByteArray());
  }

  @Override
  public String toString() {
    String bin = stdout.length == 0 ? "" : "\nbinary stdout: " + stdout.length + " bytes";
    return "exit " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err + bin;
  }

  /** The binary stdout as UTF-8 text. */
  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
