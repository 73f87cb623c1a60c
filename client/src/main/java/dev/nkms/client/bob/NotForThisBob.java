package dev.nkms.client.bob;

import dev.nkms.protocol.NodeAddress;
import java.util.Map;

/** The treasure map is not for this Bob; {@link #reason()} says how that showed. */
public final class NotForThisBob extends RetrievalException {
  /** How it showed. */
  public enum Reason {
    /**
     * The map does not decrypt with this Bob's key. It was sealed to another Bob, or its ciphertext
     * was damaged: the two cannot be told apart (an authenticated cipher fails the same way for a
     * wrong key and altered bytes).
     */
    DOES_NOT_OPEN,
    /**
     * The map decrypted with this Bob's key, but Alice's signature binds it to another Bob's key.
     */
    SIGNED_FOR_ANOTHER_BOB,
    /**
     * So many nodes say this Bob is not the policy's grantee that the threshold cannot be reached.
     */
    NODES_SAY_SO
  }

  private final Reason reason;

  NotForThisBob(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  NotForThisBob(String message, RetrievalState state, Map<NodeAddress, String> nodeFailures) {
    super(message + describe(nodeFailures), state, nodeFailures);
    this.reason = Reason.NODES_SAY_SO;
  }

  public Reason reason() {
    return reason;
  }
}
