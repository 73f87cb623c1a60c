package dev.nkms.registry;

import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import java.util.List;
import java.util.Optional;

/**
 * Who the nodes are. Every entry is authentic metadata (self-signed, address bound to the key). Implementations:
 * a static node list (federated mode) now; stake, discovery and the Ethereum contracts come later behind the same
 * interface.
 */
public interface NodeRegistry {
  /** All known nodes, in address order. */
  List<NodeMetadata> nodes();

  default Optional<NodeMetadata> find(NodeAddress address) {
    return nodes().stream().filter(n -> n.address().equals(address)).findFirst();
  }
}
