package dev.nkms.client.alice;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A policy transition did not happen (or not fully), for a reason a caller can act on. The message
 * is one line for a person; {@link #details()} hold each node's answer; {@link #record()} is the
 * record as it now stands.
 */
public final class PolicyRefused extends Exception {
  /** Why. */
  public enum Kind {
    /** A live policy for this Bob and label exists: renew or revoke it. */
    ALREADY_GRANTED,
    /** The grant could not place every kfrag; what it placed was revoked (see the message). */
    GRANT_FAILED,
    /** The nodes refuse unpaid kfrags: pay for the policy. */
    PAYMENT_REQUIRED,
    /** Revoked, failed, incomplete or expired: nothing to renew. */
    NOT_RENEWABLE,
    /** No node took the renewal. */
    RENEWAL_FAILED,
    /** The record belongs to another Alice. */
    WRONG_ALICE
  }

  private final Kind kind;
  private final Optional<PolicyRecord> record;
  private final List<String> details;

  PolicyRefused(Kind kind, String message, PolicyRecord record, List<String> details) {
    super(message);
    this.kind = Objects.requireNonNull(kind);
    this.record = Optional.ofNullable(record);
    this.details = List.copyOf(details);
  }

  public Kind kind() {
    return kind;
  }

  public Optional<PolicyRecord> record() {
    return record;
  }

  public List<String> details() {
    return details;
  }
}
