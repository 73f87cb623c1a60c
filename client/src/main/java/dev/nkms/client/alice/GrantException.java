package dev.nkms.client.alice;

import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.http.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A grant could not place all n kfrags. Names each node that failed and why. The nodes that did
 * accept a kfrag ({@link #placed()}) and those that may have ({@link #possiblyHolding()}) still
 * hold it: if the policy must not exist, revoke there with {@link Alice#revoke(Hrac,
 * java.util.Collection, java.util.Collection)} (revocation is permanent for this policy id at those
 * nodes).
 */
public final class GrantException extends Exception {
  private final Hrac hrac;
  private final Map<NodeAddress, String> failures;
  private final Map<NodeAddress, NodeMetadata> placed;
  private final Map<NodeAddress, NodeMetadata> possiblyHolding;
  private final java.util.Set<ErrorCode> refusals;

  GrantException(
      String message,
      Hrac hrac,
      Map<NodeAddress, String> failures,
      Map<NodeAddress, NodeMetadata> placed,
      Map<NodeAddress, NodeMetadata> possiblyHolding) {
    this(message, hrac, failures, placed, possiblyHolding, java.util.Set.of());
  }

  GrantException(
      String message,
      Hrac hrac,
      Map<NodeAddress, String> failures,
      Map<NodeAddress, NodeMetadata> placed,
      Map<NodeAddress, NodeMetadata> possiblyHolding,
      java.util.Set<ErrorCode> refusals) {
    super(message);
    this.refusals = java.util.Set.copyOf(refusals);
    this.hrac = hrac;
    this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    this.placed = Collections.unmodifiableMap(new TreeMap<>(placed));
    this.possiblyHolding = Collections.unmodifiableMap(new TreeMap<>(possiblyHolding));
  }

  public Hrac hrac() {
    return hrac;
  }

  /** Each node tried that did not take its kfrag, and why, in the order the failures happened. */
  public Map<NodeAddress, String> failures() {
    return failures;
  }

  /**
   * The error codes of the nodes that refused a kfrag (e.g. {@link ErrorCode#PAYMENT_REQUIRED}).
   */
  public java.util.Set<ErrorCode> refusals() {
    return refusals;
  }

  /** Nodes that accepted a kfrag. */
  public Map<NodeAddress, NodeMetadata> placed() {
    return placed;
  }

  /** Nodes whose delivery outcome is unknown (timeout, broken answer). */
  public Map<NodeAddress, NodeMetadata> possiblyHolding() {
    return possiblyHolding;
  }
}
