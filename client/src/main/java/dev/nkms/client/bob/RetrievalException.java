package dev.nkms.client.bob;

import dev.nkms.protocol.NodeAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A retrieval failed. The subclass says why; {@link #nodeFailures()} says what each node did;
 * {@link #state()} is what was gathered (verified cfrags, nodes asked, misbehaving nodes and
 * evidence) to resume from later.
 */
public abstract class RetrievalException extends Exception {
  private final RetrievalState state;
  private final Map<NodeAddress, String> nodeFailures;

  protected RetrievalException(
      String message, RetrievalState state, Map<NodeAddress, String> nodeFailures) {
    super(message);
    this.state = state;
    this.nodeFailures = Collections.unmodifiableMap(new LinkedHashMap<>(nodeFailures));
  }

  protected RetrievalException(String message, Throwable cause) {
    super(message, cause);
    this.state = null;
    this.nodeFailures = Map.of();
  }

  /** Empty when the failure came before any node was asked (e.g. the treasure map did not open). */
  public Optional<RetrievalState> state() {
    return Optional.ofNullable(state);
  }

  /** Each node that failed in this attempt, and why. */
  public Map<NodeAddress, String> nodeFailures() {
    return nodeFailures;
  }

  static String describe(Map<NodeAddress, String> failures) {
    StringBuilder sb = new StringBuilder();
    failures.forEach((node, why) -> sb.append("; node ").append(node).append(": ").append(why));
    return sb.toString();
  }
}
