package dev.nkms.network.transport;

import dev.nkms.protocol.http.ErrorCode;
import java.util.Objects;

/**
 * The node refused the request with one of the errors of docs/http-api.md: the error code (which
 * fixes the HTTP status) and the node's one-sentence message (sanitized: control characters
 * replaced, length capped).
 */
public final class NodeRejected extends NodeException {
  private final ErrorCode code;
  private final String nodeMessage;

  public NodeRejected(ErrorCode code, String nodeMessage) {
    super(
        "refused with "
            + Objects.requireNonNull(code).status()
            + " "
            + code.wire()
            + ": "
            + UntrustedText.sanitize(nodeMessage));
    this.code = code;
    this.nodeMessage = UntrustedText.sanitize(nodeMessage);
  }

  /** The HTTP status, the one that goes with {@link #code()}. */
  public int status() {
    return code.status();
  }

  public ErrorCode code() {
    return code;
  }

  /** The node's own explanation (sanitized). */
  public String nodeMessage() {
    return nodeMessage;
  }

  public boolean is(ErrorCode errorCode) {
    return code == errorCode;
  }
}
