package dev.nkms.network.testing;

import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A directory of {@link FakeNode}s (equal stakes) and a factory that connects to them. */
public final class FakeNetwork {
  private final Map<NodeAddress, FakeNode> nodes = new LinkedHashMap<>();
  private final List<NodeMetadata> metadata;
  private final NodeDirectory directory;

  public FakeNetwork(int size, Clock clock) {
    List<NodeMetadata> metadata = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      FakeNode node = new FakeNode(i, clock);
      nodes.put(node.address(), node);
      metadata.add(metadataOf(node));
    }
    metadata.sort((a, b) -> a.address().compareTo(b.address()));
    this.metadata = List.copyOf(metadata);
    this.directory = NodeDirectory.fixed(metadata, TestStakes.equal(metadata));
  }

  private static NodeMetadata metadataOf(FakeNode node) {
    try {
      return node.metadata();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public NodeDirectory directory() {
    return directory;
  }

  /** Every node's metadata, in address order. */
  public List<NodeMetadata> nodes() {
    return metadata;
  }

  public NodeApiFactory factory() {
    return meta -> {
      FakeNode n = nodes.get(meta.address());
      if (n == null) {
        throw new IllegalArgumentException("no fake node " + meta.address());
      }
      return n;
    };
  }

  public FakeNode node(NodeAddress address) {
    return nodes.get(address);
  }

  public Collection<FakeNode> all() {
    return nodes.values();
  }

  /** The fake nodes at these addresses, in the given order. */
  public List<FakeNode> nodes(Collection<NodeAddress> addresses) {
    return addresses.stream().map(nodes::get).collect(Collectors.toList());
  }
}
