package dev.nkms.network.transport;

import java.util.Objects;

/**
 * The node refused the request with one of the errors of docs/http-api.md: the HTTP status, the error code and
 * the node's one-sentence message (sanitized: control characters replaced, length capped).
 */
public final class NodeRejected extends NodeException {
  public static final String MALFORMED = "malformed";
  public static final String BAD_SIGNATURE = "bad-signature";
  public static final String PAYMENT_REQUIRED = "payment-required";
  public static final String NOT_THE_GRANTEE = "not-the-grantee";
  public static final String CONDITION_NOT_MET = "condition-not-met";
  public static final String NOT_YET_ACTIVE = "not-yet-active";
  public static final String UNKNOWN_POLICY = "unknown-policy";
  public static final String REPLAY = "replay";
  public static final String STALE_TERMS = "stale-terms";
  public static final String REVOKED = "revoked";
  public static final String EXPIRED = "expired";
  public static final String TOO_LARGE = "too-large";
  public static final String REJECTED_KFRAG = "rejected-kfrag";
  public static final String QUOTA_EXCEEDED = "quota-exceeded";
  public static final String BUSY = "busy";
  public static final String INTERNAL = "internal";

  private final int status;
  private final String code;
  private final String nodeMessage;

  public NodeRejected(int status, String code, String nodeMessage) {
    super("refused with " + status + " " + UntrustedText.sanitize(Objects.requireNonNull(code), 64) + ": "
        + UntrustedText.sanitize(nodeMessage));
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a refusal has a 4xx or 5xx status, got " + status);
    }
    this.status = status;
    this.code = UntrustedText.sanitize(code, 64);
    this.nodeMessage = UntrustedText.sanitize(nodeMessage);
  }

  public int status() {
    return status;
  }

  /** The error code string, e.g. {@link #REVOKED}. */
  public String code() {
    return code;
  }

  /** The node's own explanation (sanitized). */
  public String nodeMessage() {
    return nodeMessage;
  }

  public boolean is(String errorCode) {
    return code.equals(errorCode);
  }
}
