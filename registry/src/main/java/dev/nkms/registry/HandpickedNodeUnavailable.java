package dev.nkms.registry;

import dev.nkms.protocol.NodeAddress;

/**
 * A handpicked node cannot be used: it is not in the snapshot the sampler was built from (not
 * registered, or not eligible for the policy), it fails the liveness check, or it would exceed the
 * per-operator cap. Nothing is drawn in its place: the user chose it, so the user decides.
 */
public final class HandpickedNodeUnavailable extends SamplingException {
  private final NodeAddress node;

  HandpickedNodeUnavailable(NodeAddress node, String why) {
    super("handpicked node " + node + " " + why);
    this.node = node;
  }

  public NodeAddress node() {
    return node;
  }
}
