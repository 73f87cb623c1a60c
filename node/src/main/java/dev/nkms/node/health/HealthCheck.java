package dev.nkms.node.health;

/** The three parts of a health check of one node (the whitepaper's "generalized ping", Sec. VI). */
public enum HealthCheck {
  /**
   * The live server answers {@code GET /v1/metadata}, over a connection pinned to the signed
   * fingerprint, with the same signed metadata.
   */
  REACHABLE,
  /**
   * The challenge policy this checker placed at the node earlier still re-encrypts its old capsule
   * correctly.
   */
  CHALLENGE_POLICY,
  /**
   * A fresh policy is accepted, re-encrypts correctly, is revoked with a valid receipt, and is then
   * refused.
   */
  POLICY_LIFECYCLE
}
