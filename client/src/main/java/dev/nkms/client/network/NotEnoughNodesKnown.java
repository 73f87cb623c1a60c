package dev.nkms.client.network;

import java.time.Duration;
import java.time.Instant;

/** Waiting for nodes timed out; says how many were found, so the caller can decide (and the user can tell why). */
public final class NotEnoughNodesKnown extends Exception {
  private final int wanted;
  private final int eligible;
  private final int known;
  private final boolean registryShort;

  public NotEnoughNodesKnown(int wanted, int eligible, int known, Duration waited) {
    this("waited " + waited.toMillis() + " ms for " + wanted + " eligible node(s) and found " + eligible
        + " (" + known + " known in all)", wanted, eligible, known, false);
  }

  private NotEnoughNodesKnown(String message, int wanted, int eligible, int known, boolean registryShort) {
    super(message);
    this.wanted = wanted;
    this.eligible = eligible;
    this.known = known;
    this.registryShort = registryShort;
  }

  /** The registry lists fewer eligible nodes than wanted, so waiting cannot help. */
  static NotEnoughNodesKnown inRegistry(int wanted, int registered, Instant through) {
    return new NotEnoughNodesKnown("the network has only " + registered + " node(s) eligible until " + through
        + " (staked and locked that long), fewer than the " + wanted + " asked for", wanted, registered, -1, true);
  }

  /** True if the registry itself has too few eligible nodes (no wait was made); false after a timeout. */
  public boolean registryHasTooFew() {
    return registryShort;
  }

  public int wanted() {
    return wanted;
  }

  public int eligible() {
    return eligible;
  }

  /** Nodes known when it gave up, or -1 if it did not wait ({@link #registryHasTooFew()}). */
  public int known() {
    return known;
  }
}
