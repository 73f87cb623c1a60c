package dev.nkms.cli.e2e;

import dev.nkms.network.testing.ForwardingNodeApi;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeUnreachable;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real HTTPS transport, observed: records how many capsules each re-encryption request to each
 * node carried, and optionally holds back every other node's re-encryption requests until one
 * chosen node has answered (so a test can be sure that node's answer reaches Bob before the
 * others'). Nothing is changed on the wire.
 */
final class ObservedNodes implements NodeApiFactory {
  private final NodeApiFactory real;
  private final NodeAddress first;
  private final Duration gateTimeout;
  private final CountDownLatch firstAnswered = new CountDownLatch(1);
  private final Map<NodeAddress, List<Integer>> requests = new ConcurrentHashMap<>();

  private ObservedNodes(NodeApiFactory real, NodeAddress first, Duration gateTimeout) {
    this.real = real;
    this.first = first;
    this.gateTimeout = gateTimeout;
  }

  static ObservedNodes over(NodeApiFactory real) {
    return new ObservedNodes(real, null, Duration.ZERO);
  }

  /**
   * Other nodes' re-encryption requests wait (at most {@code gateTimeout}) until {@code first} has
   * answered.
   */
  static ObservedNodes answeringFirst(
      NodeApiFactory real, NodeAddress first, Duration gateTimeout) {
    return new ObservedNodes(real, first, gateTimeout);
  }

  /** Capsule counts of the re-encryption requests sent to each node, in order. */
  Map<NodeAddress, List<Integer>> requests() {
    return requests;
  }

  @Override
  public NodeApi connect(NodeMetadata node) {
    NodeAddress address = node.address();
    return new ForwardingNodeApi(real.connect(node)) {
      @Override
      public ReencryptionResponse reencrypt(ReencryptionRequest request) throws NodeException {
        requests
            .computeIfAbsent(address, a -> new CopyOnWriteArrayList<>())
            .add(request.capsules().size());
        if (first == null) {
          return super.reencrypt(request);
        }
        if (address.equals(first)) {
          try {
            return super.reencrypt(request);
          } finally {
            firstAnswered.countDown();
          }
        }
        try {
          if (!firstAnswered.await(gateTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new NodeUnreachable(
                "test gate: node " + first + " did not answer within " + gateTimeout);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NodeUnreachable("test gate: interrupted");
        }
        return super.reencrypt(request);
      }
    };
  }
}
