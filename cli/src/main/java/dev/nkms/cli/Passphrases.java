package dev.nkms.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where keystore passphrases come from, in order: a file given on the command line, the environment
 * variable {@code NKMS_PASSPHRASE}, an interactive prompt. Never from a command-line argument (it
 * would show in ps).
 */
public final class Passphrases {
  public static final String ENV = "NKMS_PASSPHRASE";

  /** The help text of every {@code --passphrase-file} option. */
  public static final String HELP =
      "File holding the keystore's passphrase (first line). Without it the passphrase"
          + " comes from the environment variable "
          + ENV
          + ", else from a prompt on the terminal.";

  private Passphrases() {}

  public static char[] obtain(Path passphraseFile, String purpose, boolean confirm) {
    if (passphraseFile != null) {
      if (Files.isDirectory(passphraseFile)) {
        throw new UserError(
            ExitCode.USAGE, "passphrase file " + passphraseFile + " is a directory");
      }
      if (!Files.exists(passphraseFile)) {
        throw new UserError(ExitCode.USAGE, "no passphrase file at " + passphraseFile);
      }
      try {
        byte[] b = Files.readAllBytes(passphraseFile);
        String s = new String(b, StandardCharsets.UTF_8).strip();
        Arrays.fill(b, (byte) 0);
        if (s.isEmpty()) {
          throw new UserError(ExitCode.USAGE, "passphrase file " + passphraseFile + " is empty");
        }
        return s.toCharArray();
      } catch (IOException e) {
        throw new UserError(
            ExitCode.USAGE,
            "cannot read passphrase file " + passphraseFile + ": " + e.getMessage());
      }
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new UserError(
          ExitCode.USAGE,
          "no passphrase for " + purpose + ": set " + ENV + " or pass --passphrase-file");
    }
    char[] first = console.readPassword("Passphrase for %s: ", purpose);
    if (first == null || first.length == 0) {
      throw new UserError(ExitCode.USAGE, "empty passphrase");
    }
    if (confirm) {
      char[] again = console.readPassword("Repeat the passphrase: ");
      if (!Arrays.equals(first, again)) {
        throw new UserError(ExitCode.USAGE, "the passphrases differ");
      }
    }
    return first;
  }
}
