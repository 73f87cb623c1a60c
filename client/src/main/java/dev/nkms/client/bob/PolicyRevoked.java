package dev.nkms.client.bob;

import dev.nkms.protocol.NodeAddress;
import java.util.Map;

/** So many nodes said the policy is revoked that the threshold can no longer be reached. */
public final class PolicyRevoked extends RetrievalException {
  PolicyRevoked(String message, RetrievalState state, Map<NodeAddress, String> nodeFailures) {
    super(message + describe(nodeFailures), state, nodeFailures);
  }
}
