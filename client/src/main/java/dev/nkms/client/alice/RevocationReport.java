package dev.nkms.client.alice;

import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.RevocationReceipt;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The outcome of a revocation, per node. A node is confirmed only by a receipt signed with its own
 * key that names this policy and this node. A possible holder that answers "unknown policy" held
 * nothing. Everything else is unconfirmed, with the reason: such a node may still re-encrypt for
 * Bob until the policy expires.
 */
public final class RevocationReport {
  private final Hrac hrac;
  private final Map<NodeAddress, RevocationReceipt> confirmed;
  private final Map<NodeAddress, String> unconfirmed;
  private final Set<NodeAddress> heldNothing;

  RevocationReport(
      Hrac hrac,
      Map<NodeAddress, RevocationReceipt> confirmed,
      Map<NodeAddress, String> unconfirmed,
      Set<NodeAddress> heldNothing) {
    this.hrac = hrac;
    this.confirmed = Collections.unmodifiableMap(new TreeMap<>(confirmed));
    this.unconfirmed = Collections.unmodifiableMap(new TreeMap<>(unconfirmed));
    this.heldNothing = Collections.unmodifiableSet(new TreeSet<>(heldNothing));
  }

  public Hrac hrac() {
    return hrac;
  }

  /** Nodes with a verified receipt. */
  public Map<NodeAddress, RevocationReceipt> confirmed() {
    return confirmed;
  }

  /** Nodes without a verified receipt, and why. */
  public Map<NodeAddress, String> unconfirmed() {
    return unconfirmed;
  }

  /** Possible holders that said they hold nothing for this policy. */
  public Set<NodeAddress> heldNothing() {
    return heldNothing;
  }

  /** True if no node is left unconfirmed. */
  public boolean isComplete() {
    return unconfirmed.isEmpty();
  }

  @Override
  public String toString() {
    return "RevocationReport["
        + hrac
        + ": "
        + confirmed.size()
        + " confirmed, "
        + unconfirmed.size()
        + " unconfirmed "
        + unconfirmed
        + "]";
  }
}
