package dev.nkms.node.service;

/**
 * Why the node refuses a request, with the HTTP status and error code of docs/http-api.md. The domain decides the
 * reason; the HTTP layer only maps it.
 */
public enum Refusal {
  MALFORMED(400, "malformed"),
  BAD_SIGNATURE(401, "bad-signature"),
  PAYMENT_REQUIRED(402, "payment-required"),
  NOT_THE_GRANTEE(403, "not-the-grantee"),
  CONDITION_NOT_MET(403, "condition-not-met"),
  NOT_YET_ACTIVE(403, "not-yet-active"),
  UNKNOWN_POLICY(404, "unknown-policy"),
  REPLAY(409, "replay"),
  STALE_TERMS(409, "stale-terms"),
  REVOKED(410, "revoked"),
  EXPIRED(410, "expired"),
  TOO_LARGE(413, "too-large"),
  REJECTED_KFRAG(422, "rejected-kfrag"),
  QUOTA_EXCEEDED(429, "quota-exceeded"),
  BUSY(503, "busy");

  public final int status;
  public final String code;

  Refusal(int status, String code) {
    this.status = status;
    this.code = code;
  }
}
