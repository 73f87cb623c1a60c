package dev.nkms.client.alice;

import dev.nkms.protocol.NodeAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of a renewal: the policy under the new terms, and per node whether it took them. A
 * node that did not keeps the old terms and stops re-encrypting at the old expiry.
 */
public final class Renewal {
  private final Policy policy;
  private final Set<NodeAddress> renewed;
  private final Map<NodeAddress, String> failed;

  Renewal(Policy policy, Set<NodeAddress> renewed, Map<NodeAddress, String> failed) {
    this.policy = policy;
    this.renewed = Collections.unmodifiableSet(new TreeSet<>(renewed));
    this.failed = Collections.unmodifiableMap(new TreeMap<>(failed));
  }

  /** The policy with the renewed terms (keep this one). */
  public Policy policy() {
    return policy;
  }

  public Set<NodeAddress> renewed() {
    return renewed;
  }

  /** Nodes that did not confirm the new terms, and why. */
  public Map<NodeAddress, String> failed() {
    return failed;
  }

  public boolean isComplete() {
    return failed.isEmpty();
  }

  /**
   * True if at least the threshold of nodes took the new terms, so Bob can still decrypt until the
   * new expiry.
   */
  public boolean reachesThreshold() {
    return renewed.size() >= policy.terms().terms().threshold();
  }

  @Override
  public String toString() {
    return "Renewal[" + renewed.size() + " renewed, failed " + failed + "]";
  }
}
