package dev.nkms.node.service;

import dev.nkms.protocol.http.ErrorCode;
import java.util.Objects;

/**
 * A request the node will not serve: the error code of docs/http-api.md, decided by the domain (the
 * HTTP layer only writes it), and a one-sentence message safe to send to the client.
 */
public final class RefusedException extends Exception {
  private final ErrorCode code;

  public RefusedException(ErrorCode code, String message) {
    super(message, null, false, false); // expected outcome: no stack trace needed
    this.code = Objects.requireNonNull(code);
  }

  public ErrorCode code() {
    return code;
  }
}
