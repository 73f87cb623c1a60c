package dev.nkms.node.store;

import java.util.Objects;

/**
 * The outcome of {@link PolicyTable#revoke}; {@code revocation} is the one in force when the
 * outcome is REVOKED, else null.
 */
public record RevokeResult(Outcome outcome, Revocation revocation) {
  /** What {@link PolicyTable#revoke} did. */
  public enum Outcome {
    /** Revoked now, or already revoked (the first revocation stands). */
    REVOKED,
    /** What this node holds or revoked for the id names another Alice key; nothing changed. */
    DIFFERENT_ALICE,
    /**
     * A tombstone for an id never held here would put the Alice over the quota; nothing changed.
     */
    QUOTA_EXCEEDED
  }

  public RevokeResult {
    Objects.requireNonNull(outcome, "outcome");
    if ((outcome == Outcome.REVOKED) != (revocation != null)) {
      throw new IllegalArgumentException("a revocation goes with the outcome REVOKED only");
    }
  }
}
