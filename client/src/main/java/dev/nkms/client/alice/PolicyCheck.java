package dev.nkms.client.alice;

import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.PolicyStatus;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each node of a policy says of it, asked by {@link Alice#check}: a status signed by the node
 * (verified: its key, this policy, this node), or why there is none.
 */
public final class PolicyCheck {
  private final Hrac hrac;
  private final Map<NodeAddress, PolicyStatus> answers;
  private final Map<NodeAddress, String> failed;

  PolicyCheck(Hrac hrac, Map<NodeAddress, PolicyStatus> answers, Map<NodeAddress, String> failed) {
    this.hrac = hrac;
    this.answers = Collections.unmodifiableMap(new TreeMap<>(answers));
    this.failed = Collections.unmodifiableMap(new TreeMap<>(failed));
  }

  public Hrac hrac() {
    return hrac;
  }

  /** Verified answers, by node. */
  public Map<NodeAddress, PolicyStatus> answers() {
    return answers;
  }

  /** Nodes without a verified answer, and why. */
  public Map<NodeAddress, String> failed() {
    return failed;
  }
}
