package dev.nkms.cli;

/** An expected failure reported to the user as one line, with an exit code (2 for malformed input). */
public final class UserError extends RuntimeException {
  final int exitCode;

  public UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }
}
