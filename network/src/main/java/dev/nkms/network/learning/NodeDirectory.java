package dev.nkms.network.learning;

import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StakeRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The nodes a client can use, as Alice and Bob see them: authentic metadata (to reach and pin a
 * node) joined with the registry's stakes (to choose among them). The {@link Learner} is the live
 * implementation; {@link #fixed} is a fixed list for tests and closed setups.
 */
public interface NodeDirectory {
  /** The current metadata of a node, if known. */
  Optional<NodeMetadata> find(NodeAddress address);

  /**
   * Nodes eligible for a policy running until {@code through}: known, staked at least the minimum
   * and locked until then, and not judged unhealthy. In node-address order.
   */
  List<EligibleNode> eligible(Instant through);

  /**
   * Before first use: the node's current metadata if the live node presents the pinned certificate
   * and the same (or newer, valid) metadata; empty if it does not answer or answers wrongly.
   * Implementations may cache a recent answer. The default trusts the metadata as given.
   */
  default Optional<NodeMetadata> live(NodeMetadata node) {
    return Optional.of(node);
  }

  /**
   * No nodes: for what needs no directory (revoking or renewing at a policy's own nodes,
   * decrypting).
   */
  static NodeDirectory empty() {
    return new NodeDirectory() {
      @Override
      public Optional<NodeMetadata> find(NodeAddress address) {
        return Optional.empty();
      }

      @Override
      public List<EligibleNode> eligible(Instant through) {
        return List.of();
      }
    };
  }

  /** A fixed directory: these nodes, with the stakes {@code registry} gives them. */
  static NodeDirectory fixed(List<NodeMetadata> nodes, StakeRegistry registry) {
    Map<NodeAddress, NodeMetadata> byAddress = new TreeMap<>();
    for (NodeMetadata n : nodes) {
      byAddress.merge(n.address(), n, (a, b) -> a.timestamp().isAfter(b.timestamp()) ? a : b);
    }
    return new NodeDirectory() {
      @Override
      public Optional<NodeMetadata> find(NodeAddress address) {
        return Optional.ofNullable(byAddress.get(address));
      }

      @Override
      public List<EligibleNode> eligible(Instant through) {
        List<EligibleNode> out = new ArrayList<>();
        for (Stake s : registry.eligible(through)) {
          NodeMetadata m = byAddress.get(s.node());
          if (m != null && m.domain().equals(registry.domain())) {
            out.add(new EligibleNode(m, s));
          }
        }
        return out;
      }
    };
  }
}
