package dev.nkms.cli.e2e;

import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeUnreachable;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The real HTTPS transport, observed: records how many capsules each re-encryption request to each node carried, and
 * optionally holds back every other node's re-encryption requests until one chosen node has answered (so a test can
 * be sure that node's answer reaches Bob before the others'). Nothing is changed on the wire.
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

  /** Other nodes' re-encryption requests wait (at most {@code gateTimeout}) until {@code first} has answered. */
  static ObservedNodes answeringFirst(NodeApiFactory real, NodeAddress first, Duration gateTimeout) {
    return new ObservedNodes(real, first, gateTimeout);
  }

  /** Capsule counts of the re-encryption requests sent to each node, in order. */
  Map<NodeAddress, List<Integer>> requests() {
    return requests;
  }

  @Override
  public NodeApi connect(NodeMetadata node) {
    NodeApi api = real.connect(node);
    NodeAddress address = node.address();
    return new NodeApi() {
      @Override
      public NodeMetadata metadata() throws NodeException {
        return api.metadata();
      }

      @Override
      public MetadataResponse learn(MetadataRequest request) throws NodeException {
        return api.learn(request);
      }

      @Override
      public void deliver(KFragDelivery delivery) throws NodeException {
        api.deliver(delivery);
      }

      @Override
      public void renew(SignedPolicyTerms terms) throws NodeException {
        api.renew(terms);
      }

      @Override
      public ReencryptionResponse reencrypt(ReencryptionRequest request) throws NodeException {
        requests.computeIfAbsent(address, a -> new CopyOnWriteArrayList<>()).add(request.capsules().size());
        if (first == null) {
          return api.reencrypt(request);
        }
        if (address.equals(first)) {
          try {
            return api.reencrypt(request);
          } finally {
            firstAnswered.countDown();
          }
        }
        try {
          if (!firstAnswered.await(gateTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new NodeUnreachable("test gate: node " + first + " did not answer within " + gateTimeout);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new NodeUnreachable("test gate: interrupted");
        }
        return api.reencrypt(request);
      }

      @Override
      public RevocationReceipt revoke(RevocationOrder order) throws NodeException {
        return api.revoke(order);
      }

      @Override
      public dev.nkms.protocol.PolicyStatus status(dev.nkms.protocol.PolicyStatusQuery query) throws NodeException {
        return api.status(query);
      }
    };
  }
}
