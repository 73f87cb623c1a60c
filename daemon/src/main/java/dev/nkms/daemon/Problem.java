package dev.nkms.daemon;

import dev.nkms.client.NkmsException;
import dev.nkms.client.bob.ConditionNotMet;
import dev.nkms.client.bob.DecryptionFailed;
import dev.nkms.client.bob.InvalidTreasureMap;
import dev.nkms.client.bob.NotEnoughNodes;
import dev.nkms.client.bob.NotForThisBob;
import dev.nkms.client.bob.PolicyExpired;
import dev.nkms.client.bob.PolicyRevoked;
import dev.nkms.storage.BucketNotFoundException;
import dev.nkms.storage.ObjectNotFoundException;
import dev.nkms.storage.StorageUnreachableException;
import dev.nkms.storage.TruncatedObjectException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An error as RFC 9457 problem details ({@code application/problem+json}): {@code type} is {@code
 * urn:nkms:problem:REASON}, {@code reason} repeats REASON for clients that switch on a word, {@code
 * detail} is the library's one-line message, {@code details} (when present) what each node said.
 * The reasons are the library's typed failures, so a client in any language can tell a revoked
 * policy from an expired one or a node outage.
 */
public record Problem(
    int status, String reason, String title, String detail, List<String> details) {
  public static final String MEDIA_TYPE = "application/problem+json";
  static final String TYPE_PREFIX = "urn:nkms:problem:";

  /** Every reason the daemon sends; openapi.json's Problem.reason enum is checked against it. */
  public static final Set<String> REASONS =
      Set.of(
          "invalid-input",
          "not-found",
          "unauthorized",
          "revoked",
          "expired",
          "condition-not-met",
          "not-for-this-bob",
          "too-few-nodes",
          "invalid-treasure-map",
          "decryption-failed",
          "storage-unreachable",
          "truncated-object",
          "unreachable",
          "failed",
          "too-large",
          "length-required",
          "no-such-route",
          "method-not-allowed",
          "internal");

  public Problem {
    if (!REASONS.contains(reason)) {
      throw new IllegalArgumentException("undocumented problem reason " + reason);
    }
    Objects.requireNonNull(title);
    Objects.requireNonNull(detail);
    details = List.copyOf(details);
  }

  static Problem of(int status, String reason, String title, String detail) {
    return new Problem(status, reason, title, detail, List.of());
  }

  static Problem badRequest(String detail) {
    return of(400, "invalid-input", "Invalid input", detail);
  }

  static Problem notFound(String detail) {
    return of(404, "not-found", "Not found", detail);
  }

  /** The library's failure, by its typed cause when it has one, else by whose move it is. */
  static Problem of(NkmsException e) {
    Throwable cause = e.getCause();
    String detail = e.getMessage();
    List<String> details = e.details();
    if (cause instanceof PolicyRevoked) {
      return new Problem(403, "revoked", "Policy revoked", detail, details);
    }
    if (cause instanceof PolicyExpired) {
      return new Problem(403, "expired", "Policy expired", detail, details);
    }
    if (cause instanceof ConditionNotMet) {
      return new Problem(403, "condition-not-met", "Condition not met", detail, details);
    }
    if (cause instanceof NotForThisBob) {
      return new Problem(403, "not-for-this-bob", "Not for this recipient", detail, details);
    }
    if (cause instanceof NotEnoughNodes) {
      return new Problem(503, "too-few-nodes", "Too few nodes answered", detail, details);
    }
    if (cause instanceof InvalidTreasureMap) {
      return new Problem(422, "invalid-treasure-map", "Invalid treasure map", detail, details);
    }
    if (cause instanceof DecryptionFailed) {
      return new Problem(422, "decryption-failed", "Decryption failed", detail, details);
    }
    if (cause instanceof ObjectNotFoundException || cause instanceof BucketNotFoundException) {
      return new Problem(404, "not-found", "Not found", detail, details);
    }
    if (cause instanceof StorageUnreachableException) {
      return new Problem(503, "storage-unreachable", "Storage unreachable", detail, details);
    }
    if (cause instanceof TruncatedObjectException) {
      return new Problem(502, "truncated-object", "Stored object truncated", detail, details);
    }
    return switch (e.kind()) {
      case INVALID_INPUT -> new Problem(400, "invalid-input", "Invalid input", detail, details);
      case UNREACHABLE -> new Problem(503, "unreachable", "Network unreachable", detail, details);
      case FAILED -> new Problem(502, "failed", "Operation failed", detail, details);
    };
  }

  /** The JSON members, in the RFC's order. */
  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", TYPE_PREFIX + reason);
    m.put("title", title);
    m.put("status", status);
    m.put("detail", detail);
    m.put("reason", reason);
    if (!details.isEmpty()) {
      m.put("details", details);
    }
    return m;
  }
}
