package dev.nkms.node.health;

import dev.nkms.crypto.CryptoException;
import dev.nkms.network.testing.ForwardingNodeApi;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Passes every call on to real node clients and remembers what was sent: the checker's traffic, for
 * inspection.
 */
final class Recording implements NodeApiFactory {
  private final NodeApiFactory real;
  private final List<KFragDelivery> deliveries = new ArrayList<>();
  private final List<ReencryptionRequest> requests = new ArrayList<>();
  private final List<RevocationOrder> revocations = new ArrayList<>();

  /** When set, revocation orders are answered with this instead of reaching the node. */
  volatile Function<RevocationOrder, RevocationReceipt> revocationStandIn;

  Recording(NodeApiFactory real) {
    this.real = real;
  }

  /** What the checker sent since the last call, as the checked node would read it. */
  synchronized Sent take(NodeIdentity node) throws CryptoException {
    List<PolicyTerms> terms = new ArrayList<>();
    for (KFragDelivery d : deliveries) {
      terms.add(d.open(node.encryptingKey(), node.address()).terms().terms());
    }
    List<Hrac> revoked = revocations.stream().map(RevocationOrder::hrac).toList();
    Sent sent = new Sent(terms, List.copyOf(requests), revoked);
    deliveries.clear();
    requests.clear();
    revocations.clear();
    return sent;
  }

  record Sent(List<PolicyTerms> granted, List<ReencryptionRequest> requests, List<Hrac> revoked) {
    /** The policies granted and kept: the challenge policies. */
    List<PolicyTerms> challenges() {
      return granted.stream().filter(t -> !revoked.contains(t.hrac())).toList();
    }

    /**
     * The policies granted and revoked in the same round: the create → re-encrypt → revoke
     * sequence.
     */
    List<PolicyTerms> lifecycles() {
      return granted.stream().filter(t -> revoked.contains(t.hrac())).toList();
    }

    List<ReencryptionRequest> requestsFor(Hrac hrac) {
      return requests.stream().filter(r -> r.hrac().equals(hrac)).toList();
    }
  }

  @Override
  public NodeApi connect(NodeMetadata node) {
    return new ForwardingNodeApi(real.connect(node)) {
      @Override
      public void deliver(KFragDelivery delivery) throws NodeException {
        synchronized (Recording.this) {
          deliveries.add(delivery);
        }
        super.deliver(delivery);
      }

      @Override
      public ReencryptionResponse reencrypt(ReencryptionRequest request) throws NodeException {
        synchronized (Recording.this) {
          requests.add(request);
        }
        return super.reencrypt(request);
      }

      @Override
      public RevocationReceipt revoke(RevocationOrder order) throws NodeException {
        synchronized (Recording.this) {
          revocations.add(order);
        }
        Function<RevocationOrder, RevocationReceipt> standIn = revocationStandIn;
        return standIn != null ? standIn.apply(order) : super.revoke(order);
      }
    };
  }
}
