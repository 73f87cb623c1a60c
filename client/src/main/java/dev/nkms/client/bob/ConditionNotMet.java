package dev.nkms.client.bob;

import dev.nkms.protocol.NodeAddress;
import java.util.Map;

/**
 * So many nodes said a policy condition does not hold that the threshold can no longer be reached.
 * {@link #nodeMessage()} is the reason a node gave (e.g. which time window).
 */
public final class ConditionNotMet extends RetrievalException {
  private final String nodeMessage;

  ConditionNotMet(String nodeMessage, RetrievalState state, Map<NodeAddress, String> nodeFailures) {
    super(
        "a policy condition is not met: " + nodeMessage + describe(nodeFailures),
        state,
        nodeFailures);
    this.nodeMessage = nodeMessage;
  }

  public String nodeMessage() {
    return nodeMessage;
  }
}
