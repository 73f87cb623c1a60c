package dev.nkms.client.bob;

import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a retrieval gathered, to resume from: the verified cfrags per capsule (and which node made
 * each), the nodes already asked, and the nodes found misbehaving with the evidence. Immutable;
 * only Bob makes one, so the cfrags in it are always verified. A resumed retrieval asks only for
 * capsules still short of the threshold, never asks a node again for a capsule it already answered,
 * asks never-asked nodes first, and never asks a misbehaving node again.
 */
public final class RetrievalState {
  private final Hrac hrac;
  private final Map<Capsule, Map<NodeAddress, VerifiedCapsuleFrag>> cfrags;
  private final Set<NodeAddress> asked;
  private final Map<NodeAddress, String> misbehaving;
  private final List<Evidence> evidence;

  RetrievalState(
      Hrac hrac,
      Map<Capsule, Map<NodeAddress, VerifiedCapsuleFrag>> cfrags,
      Set<NodeAddress> asked,
      Map<NodeAddress, String> misbehaving,
      List<Evidence> evidence) {
    this.hrac = hrac;
    Map<Capsule, Map<NodeAddress, VerifiedCapsuleFrag>> copy = new LinkedHashMap<>();
    cfrags.forEach((c, m) -> copy.put(c, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
    this.cfrags = Collections.unmodifiableMap(copy);
    this.asked = Collections.unmodifiableSet(new TreeSet<>(asked));
    this.misbehaving = Collections.unmodifiableMap(new TreeMap<>(misbehaving));
    this.evidence = List.copyOf(evidence);
  }

  /** The policy this state belongs to. */
  public Hrac hrac() {
    return hrac;
  }

  /** Verified cfrags for {@code capsule}, by the node that made each (empty if none). */
  public Map<NodeAddress, VerifiedCapsuleFrag> cfrags(Capsule capsule) {
    return cfrags.getOrDefault(capsule, Map.of());
  }

  Map<Capsule, Map<NodeAddress, VerifiedCapsuleFrag>> allCfrags() {
    return cfrags;
  }

  /** Every node asked so far, whatever the outcome. */
  public Set<NodeAddress> askedNodes() {
    return asked;
  }

  /** Nodes dropped for a wrong answer, and why. */
  public Map<NodeAddress, String> misbehavingNodes() {
    return misbehaving;
  }

  /** Signed proof of each cfrag-level misbehavior. */
  public List<Evidence> evidence() {
    return evidence;
  }

  @Override
  public String toString() {
    return "RetrievalState["
        + hrac
        + ", "
        + cfrags.size()
        + " capsules, "
        + asked.size()
        + " nodes asked, "
        + misbehaving.size()
        + " misbehaving]";
  }
}
