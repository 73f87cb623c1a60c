package dev.nkms.client.bob;

import dev.nkms.protocol.NodeAddress;
import java.util.Map;

/**
 * The treasure map is not for this Bob: it is not encrypted to his key, or enough nodes say he is not the policy's
 * grantee that the threshold cannot be reached.
 */
public final class NotForThisBob extends RetrievalException {
  NotForThisBob(String message, Throwable cause) {
    super(message, cause);
  }

  NotForThisBob(String message, RetrievalState state, Map<NodeAddress, String> nodeFailures) {
    super(message + describe(nodeFailures), state, nodeFailures);
  }
}
