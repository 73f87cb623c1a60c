package dev.nkms.node.store;

/** What {@link PolicyTable#renew} did. */
public enum RenewResult {
  /**
   * The new terms replaced the stored ones (or were exactly the stored ones already: a repeated
   * renewal).
   */
  RENEWED,
  /** No policy with that hrac is stored. */
  UNKNOWN,
  /** The policy was revoked at this node. */
  REVOKED,
  /** The policy expired (purged, or its stored terms' expiry has passed). */
  EXPIRED,
  /** The new terms name a different Alice than the stored ones (or than the revocation). */
  DIFFERENT_ALICE,
  /** The new revision is not above the stored one. */
  STALE,
  /**
   * The new terms change who or what the kfrag was made for (threshold, shares, policy key, Bob's
   * keys); a renewal may change only the time window, the conditions and the revision.
   */
  INCOMPATIBLE
}
