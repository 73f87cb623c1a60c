package dev.nkms.client;

import java.util.List;
import java.util.Objects;

/**
 * An expected failure an application (or the command line) reports to a person: the message is one
 * line that says what happened and what to do; {@link #details()} (each node's answer, a parser's
 * position) are for a verbose log. {@link #kind()} says whose move it is, so the command line can
 * map it to an exit code and a daemon to a status.
 */
public final class NkmsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Whose move it is. */
  public enum Kind {
    /** The input or configuration is wrong or missing: fix it and try again. */
    INVALID_INPUT,
    /** Nothing answered (no node, no chain): start it, or wait, and try again. */
    UNREACHABLE,
    /** The operation ran and failed (a check failed, a process died). */
    FAILED
  }

  private final Kind kind;
  private final List<String> details;

  public NkmsException(Kind kind, String message) {
    this(kind, message, List.of(), null);
  }

  public NkmsException(Kind kind, String message, List<String> details) {
    this(kind, message, details, null);
  }

  public NkmsException(Kind kind, String message, List<String> details, Throwable cause) {
    super(Objects.requireNonNull(message), cause);
    this.kind = Objects.requireNonNull(kind);
    this.details = List.copyOf(details);
  }

  public Kind kind() {
    return kind;
  }

  public List<String> details() {
    return details;
  }
}
