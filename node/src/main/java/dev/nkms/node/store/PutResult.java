package dev.nkms.node.store;

/** What {@link PolicyTable#put} did. */
public enum PutResult {
  /** Newly stored. */
  STORED,
  /** The same kfrag with the same terms was already stored; nothing changed. */
  ALREADY_STORED,
  /** The policy was revoked at this node; nothing stored. */
  REVOKED,
  /** A different kfrag is stored for this policy; nothing changed. */
  CONFLICTING_KFRAG,
  /**
   * The same kfrag is stored under different terms (a renewal goes through {@link
   * PolicyTable#renew}); nothing changed.
   */
  CONFLICTING_TERMS,
  /** The policy expired and was purged here; nothing stored. */
  EXPIRED,
  /**
   * What this node holds or revoked for the id names another Alice key (cannot happen for honest
   * ids).
   */
  DIFFERENT_ALICE,
  /** The terms' Alice already keeps as many policies here as the quota allows; nothing stored. */
  QUOTA_EXCEEDED
}
