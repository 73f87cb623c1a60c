package dev.nkms.client.bob;

import dev.nkms.protocol.NodeAddress;
import java.util.Map;

/**
 * Too few nodes answered with valid cfrags for every capsule to reach the threshold; the message
 * lists each node and why.
 */
public final class NotEnoughNodes extends RetrievalException {
  NotEnoughNodes(String message, RetrievalState state, Map<NodeAddress, String> nodeFailures) {
    super(message + describe(nodeFailures), state, nodeFailures);
  }
}
