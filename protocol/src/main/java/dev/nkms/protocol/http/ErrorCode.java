package dev.nkms.protocol.http;

import java.util.Optional;

/**
 * Every error a node answers with (docs/http-api.md, "Errors"): the code in the JSON body {@code
 * {"error": code, "message": sentence}}, the HTTP status that always goes with it, and what it
 * means. The node's domain refuses with one of these and its HTTP layer writes it; the client reads
 * it back with {@link #fromWire}.
 */
public enum ErrorCode {
  MALFORMED(400, "malformed", "the body is not a valid object of the expected kind"),
  BAD_SIGNATURE(
      401,
      "bad-signature",
      "a signature does not verify, or the request is not from the policy's Alice"),
  PAYMENT_REQUIRED(
      402, "payment-required", "no active on-chain arrangement pays this node for this kfrag"),
  NOT_THE_GRANTEE(403, "not-the-grantee", "the requester is not the policy's Bob"),
  CONDITION_NOT_MET(403, "condition-not-met", "a policy condition does not hold"),
  NOT_YET_ACTIVE(403, "not-yet-active", "before the policy's start"),
  NOT_FOUND(404, "not-found", "no such endpoint"),
  UNKNOWN_POLICY(404, "unknown-policy", "this node never held a kfrag for that policy"),
  METHOD_NOT_ALLOWED(405, "method-not-allowed", "the endpoint exists but not with this method"),
  REPLAY(
      409,
      "replay",
      "this exact request was already served, or its timestamp is too far from the node's clock"),
  STALE_TERMS(
      409, "stale-terms", "terms that conflict with the stored ones, or a renewal not above them"),
  REVOKED(410, "revoked", "the policy was revoked at this node"),
  EXPIRED(410, "expired", "the policy expired"),
  TOO_LARGE(413, "too-large", "body or capsule count above the node's limits"),
  REJECTED_KFRAG(422, "rejected-kfrag", "a kfrag delivery failed verification"),
  QUOTA_EXCEEDED(
      429, "quota-exceeded", "the sender's Alice key already keeps as many policies as allowed"),
  INTERNAL(500, "internal", "a bug; the node keeps serving"),
  BUSY(
      503,
      "busy",
      "too many concurrent requests, or the payment cannot be checked now; retry later");

  private final int status;
  private final String wire;
  private final String meaning;

  ErrorCode(int status, String wire, String meaning) {
    this.status = status;
    this.wire = wire;
    this.meaning = meaning;
  }

  /** The HTTP status this error is always sent with. */
  public int status() {
    return status;
  }

  /** The code as it appears in the JSON body, e.g. {@code unknown-policy}. */
  public String wire() {
    return wire;
  }

  /** One line on what it means, for people. */
  public String meaning() {
    return meaning;
  }

  /**
   * The error with exactly this code (case and all), or empty for a code this version does not
   * define.
   */
  public static Optional<ErrorCode> fromWire(String code) {
    for (ErrorCode c : values()) {
      if (c.wire.equals(code)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
