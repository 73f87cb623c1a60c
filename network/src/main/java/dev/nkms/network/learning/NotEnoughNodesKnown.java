package dev.nkms.network.learning;

import java.time.Duration;

/**
 * Waiting for nodes timed out; says how many were found, so the caller can decide (and the user can
 * tell why).
 */
public final class NotEnoughNodesKnown extends Exception {
  private final int wanted;
  private final int eligible;
  private final int known;

  public NotEnoughNodesKnown(int wanted, int eligible, int known, Duration waited) {
    super(
        "waited "
            + waited.toMillis()
            + " ms for "
            + wanted
            + " eligible node(s) and found "
            + eligible
            + " ("
            + known
            + " known in all)");
    this.wanted = wanted;
    this.eligible = eligible;
    this.known = known;
  }

  public int wanted() {
    return wanted;
  }

  public int eligible() {
    return eligible;
  }

  public int known() {
    return known;
  }
}
