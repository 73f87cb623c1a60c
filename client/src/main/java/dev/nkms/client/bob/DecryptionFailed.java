package dev.nkms.client.bob;

import java.util.Map;

/**
 * Enough verified cfrags were gathered, but a message kit does not open with them: it was not
 * encrypted for this policy's key, or its encrypted data key was altered.
 */
public final class DecryptionFailed extends RetrievalException {
  private final int kitIndex;

  DecryptionFailed(int kitIndex, String message, RetrievalState state) {
    super(message, state, Map.of());
    this.kitIndex = kitIndex;
  }

  public int kitIndex() {
    return kitIndex;
  }
}
