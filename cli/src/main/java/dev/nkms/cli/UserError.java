package dev.nkms.cli;

import dev.nkms.client.NkmsException;
import java.util.List;
import java.util.Objects;

/**
 * An expected failure reported to the user as one line, with an exit code from {@link ExitCode}.
 * The line says what happened and what to do; the {@link #details} (each node's answer, a parser's
 * position) are printed only with {@code --verbose}.
 */
public final class UserError extends RuntimeException {
  final int exitCode;
  private final List<String> details;

  public UserError(int exitCode, String message) {
    this(exitCode, message, List.of());
  }

  public UserError(int exitCode, String message, List<String> details) {
    super(Objects.requireNonNull(message));
    this.exitCode = exitCode;
    this.details = List.copyOf(details);
  }

  /** The library's expected failure, with the exit code for whose move it is. */
  public static UserError from(NkmsException e) {
    int code =
        switch (e.kind()) {
          case INVALID_INPUT -> ExitCode.USAGE;
          case UNREACHABLE -> ExitCode.UNREACHABLE;
          case FAILED -> ExitCode.FAILED;
        };
    return new UserError(code, e.getMessage(), e.details());
  }

  /** The same error with detail lines shown under {@code --verbose}. */
  public UserError withDetails(List<String> more) {
    java.util.ArrayList<String> all = new java.util.ArrayList<>(details);
    all.addAll(more);
    return new UserError(exitCode, getMessage(), all);
  }

  public int exitCode() {
    return exitCode;
  }

  public List<String> details() {
    return details;
  }
}
