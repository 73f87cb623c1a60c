package dev.nkms.network.learning;

import dev.nkms.protocol.NodeMetadata;
import dev.nkms.registry.Stake;
import java.util.Objects;

/**
 * A node a policy may use: its current metadata and the stake that makes it eligible (same node
 * address).
 */
public record EligibleNode(NodeMetadata metadata, Stake stake) {
  public EligibleNode {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(stake, "stake");
    if (!metadata.address().equals(stake.node())) {
      throw new IllegalArgumentException(
          "the stake of " + stake.node() + " does not back node " + metadata.address());
    }
  }
}
