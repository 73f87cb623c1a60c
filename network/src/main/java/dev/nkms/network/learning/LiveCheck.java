package dev.nkms.network.learning;

import dev.nkms.network.learning.Learner.KnownNode;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.protocol.NodeMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Before first use of a node: its live server must present the pinned certificate and serve the
 * metadata we hold (or newer metadata that passes every check). A success is remembered for {@code
 * validity}; the answer, or its absence, counts as the node's success or failure in the table of
 * known nodes.
 */
final class LiveCheck {
  private final KnownNodes known;
  private final NodeApiFactory nodes;
  private final Clock clock;
  private final Duration validity;

  LiveCheck(KnownNodes known, NodeApiFactory nodes, Clock clock, Duration validity) {
    this.known = known;
    this.nodes = nodes;
    this.clock = clock;
    this.validity = validity;
  }

  /** The node's current metadata if it passes; empty if it does not answer or answers wrongly. */
  Optional<NodeMetadata> check(NodeMetadata node) {
    KnownNode k = known.get(node.address()).orElse(null);
    Instant now = clock.instant();
    if (k != null
        && k.verifiedAt().isPresent()
        && Duration.between(k.verifiedAt().get(), now).compareTo(validity) < 0) {
      return Optional.of(k.metadata());
    }
    NodeMetadata asKnown = k != null ? k.metadata() : node;
    NodeMetadata served;
    try {
      served = nodes.connect(asKnown).metadata();
    } catch (NodeException e) {
      known.failed(node.address());
      return Optional.empty();
    }
    if (served.equals(asKnown)) {
      known.succeeded(node.address(), true);
      return Optional.of(served);
    }
    // The node serves other metadata under the pinned certificate: newer wins if it passes every
    // check.
    if (served.timestamp().isAfter(asKnown.timestamp())
        && known.consider(served, false).isEmpty()) {
      known.commit();
      return check(served);
    }
    known.failed(node.address());
    return Optional.empty();
  }
}
