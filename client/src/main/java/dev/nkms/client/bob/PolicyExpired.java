package dev.nkms.client.bob;

import dev.nkms.protocol.NodeAddress;
import java.util.Map;

/** So many nodes said the policy has expired that the threshold can no longer be reached. */
public final class PolicyExpired extends RetrievalException {
  PolicyExpired(String message, RetrievalState state, Map<NodeAddress, String> nodeFailures) {
    super(message + describe(nodeFailures), state, nodeFailures);
  }
}
