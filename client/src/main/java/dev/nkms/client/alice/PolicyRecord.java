package dev.nkms.client.alice;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.grant.GrantPlan;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Alice knows about one grant, through its whole life: the label, the current signed terms,
 * the state, the completed {@link Policy} (once every kfrag is placed), the nodes that hold or may
 * hold a kfrag (where a revocation must go), and every signed revocation receipt collected so far.
 * Transitions are made by {@link PolicyLifecycle} only; this value checks at construction that its
 * parts agree with its state and that every receipt is signed by the node it names, for this
 * policy.
 *
 * <p>Bytes: envelope {@code "ARec"} v1.0 of {@code [label, state, terms, policy | nil, [target
 * metadata…], [receipt…], refunded]}.
 */
public final class PolicyRecord {
  public static final String BRAND = "ARec";
  private static final int MAJOR = 1;
  private static final int MINOR = 0;
  public static final int MAX_SIZE = 2 << 20;
  private static final int MAX_NODES = 4096;

  /**
   * Where a grant is in its life. Expiry is not a state: it follows from the terms and the clock.
   */
  public enum State {
    /**
     * Terms recorded, kfrags being delivered (or the process died while delivering: revoke it to
     * clean up).
     */
    GRANTING("granting"),
    /** Every kfrag placed; Bob has (or can be given) the treasure map. */
    ACTIVE("active"),
    /**
     * A revocation (or the clean-up of a failed grant) reached some nodes but not all: revoke
     * again.
     */
    REVOKING("revoking"),
    /** Revoked at every node that held a kfrag, with a signed receipt from each. Final. */
    REVOKED("revoked"),
    /** The grant did not complete and every kfrag it placed was revoked, with receipts. Final. */
    FAILED("failed");

    public final String word;

    State(String word) {
      this.word = word;
    }

    static State of(String word) throws WireFormatException {
      for (State s : values()) {
        if (s.word.equals(word)) {
          return s;
        }
      }
      throw new WireFormatException(BRAND + ": unknown state '" + word + "'");
    }

    /** True for the states nothing more can be done with. */
    public boolean isFinal() {
      return this == REVOKED || this == FAILED;
    }
  }

  private final String label;
  private final State state;
  private final SignedPolicyTerms terms;
  private final Optional<Policy> policy;
  private final Map<NodeAddress, NodeMetadata> targets;
  private final Map<NodeAddress, RevocationReceipt> receipts;
  private final boolean refunded;

  PolicyRecord(
      String label,
      State state,
      SignedPolicyTerms terms,
      Optional<Policy> policy,
      Map<NodeAddress, NodeMetadata> targets,
      Map<NodeAddress, RevocationReceipt> receipts,
      boolean refunded) {
    this.label = Policy.checkLabel(label);
    this.state = Objects.requireNonNull(state);
    this.terms = Objects.requireNonNull(terms);
    this.policy = Objects.requireNonNull(policy);
    this.targets = Collections.unmodifiableMap(new TreeMap<>(targets));
    this.receipts = Collections.unmodifiableMap(new TreeMap<>(receipts));
    this.refunded = refunded;
    Hrac hrac = terms.terms().hrac();
    policy.ifPresent(
        p -> {
          if (!p.terms().equals(terms) || !p.label().equals(label)) {
            throw new IllegalArgumentException(
                "the completed policy does not match the record's terms and label");
          }
        });
    this.targets.forEach(
        (a, m) -> {
          if (!m.address().equals(a)) {
            throw new IllegalArgumentException(
                "node " + a + " is listed with the metadata of " + m.address());
          }
        });
    this.receipts.forEach(
        (a, r) -> {
          NodeMetadata node = this.targets.get(a);
          if (node == null) {
            throw new IllegalArgumentException(
                "a receipt from " + a + ", which is not one of the policy's nodes");
          }
          if (!r.node().equals(a) || !r.hrac().equals(hrac) || !r.isSignedBy(node.verifyingKey())) {
            throw new IllegalArgumentException(
                "the receipt from " + a + " is not that node's signed receipt for " + hrac);
          }
        });
    boolean complete = policy.isPresent();
    boolean allReceipts = this.receipts.keySet().containsAll(this.targets.keySet());
    switch (state) {
      case GRANTING:
        require(
            !complete && this.receipts.isEmpty(),
            "a grant in progress has no completed policy and no receipts");
        break;
      case ACTIVE:
        require(
            complete && this.receipts.isEmpty(),
            "an active policy is complete and has no receipts");
        break;
      case REVOKED:
        require(complete && allReceipts, "a revoked policy has a receipt from every node");
        break;
      case FAILED:
        require(
            !complete && allReceipts,
            "a failed grant has no completed policy and a receipt from every node");
        break;
      case REVOKING:
        break;
      default:
        throw new IllegalStateException("unhandled state " + state);
    }
    if (refunded && !(state == State.REVOKED || state == State.FAILED || state == State.REVOKING)) {
      throw new IllegalArgumentException("only a revoked policy is refunded");
    }
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException(what);
    }
  }

  /** A grant about to be delivered. */
  static PolicyRecord granting(GrantPlan plan) {
    return new PolicyRecord(
        plan.label(), State.GRANTING, plan.terms(), Optional.empty(), Map.of(), Map.of(), false);
  }

  /** The grant completed. */
  PolicyRecord completed(Policy completed) {
    Map<NodeAddress, NodeMetadata> all = new TreeMap<>(completed.possiblyHolding());
    all.putAll(completed.nodes());
    return new PolicyRecord(
        label, State.ACTIVE, completed.terms(), Optional.of(completed), all, Map.of(), false);
  }

  /** Renewed terms, taken by at least one node. */
  PolicyRecord renewed(Policy renewedPolicy) {
    return new PolicyRecord(
        label,
        state,
        renewedPolicy.terms(),
        Optional.of(renewedPolicy),
        targets,
        receipts,
        refunded);
  }

  /**
   * After a revocation round: more nodes that must revoke (for a failed or interrupted grant) and
   * the receipts gathered. The state becomes final when every target has a receipt.
   */
  PolicyRecord revoking(
      Map<NodeAddress, NodeMetadata> moreTargets, Map<NodeAddress, RevocationReceipt> more) {
    Map<NodeAddress, NodeMetadata> t = new TreeMap<>(moreTargets);
    t.putAll(targets);
    Map<NodeAddress, RevocationReceipt> r = new TreeMap<>(receipts);
    more.forEach(r::putIfAbsent); // the first receipt a node gave stays: it dates the revocation
    boolean done = r.keySet().containsAll(t.keySet());
    State next = !done ? State.REVOKING : policy.isPresent() ? State.REVOKED : State.FAILED;
    return new PolicyRecord(label, next, terms, policy, t, r, refunded);
  }

  PolicyRecord refunded() {
    return new PolicyRecord(label, state, terms, policy, targets, receipts, true);
  }

  public String label() {
    return label;
  }

  public Hrac hrac() {
    return terms.terms().hrac();
  }

  public State state() {
    return state;
  }

  public SignedPolicyTerms terms() {
    return terms;
  }

  /** The completed grant (treasure map included), once every kfrag was placed. */
  public Optional<Policy> policy() {
    return policy;
  }

  /** The nodes that hold, held or may hold a kfrag of this policy. */
  public Map<NodeAddress, NodeMetadata> targets() {
    return targets;
  }

  /** The signed revocation receipts collected, by node. */
  public Map<NodeAddress, RevocationReceipt> receipts() {
    return receipts;
  }

  /** Targets that have not confirmed a revocation yet. */
  public Map<NodeAddress, NodeMetadata> unconfirmed() {
    Map<NodeAddress, NodeMetadata> out = new TreeMap<>(targets);
    out.keySet().removeAll(receipts.keySet());
    return out;
  }

  public boolean isRefunded() {
    return refunded;
  }

  public PublicKey bobVerifyingKey() {
    return terms.terms().bobVerifyingKey();
  }

  /** True if the policy is active and not yet expired at {@code now}. */
  public boolean isLiveAt(Instant now) {
    return state == State.ACTIVE && now.isBefore(terms.terms().expiry());
  }

  /**
   * The state as a person reads it: the recorded state, or "expired" for an active policy past its
   * expiry.
   */
  public String describeStateAt(Instant now) {
    if (state == State.ACTIVE && !now.isBefore(terms.terms().expiry())) {
      return "expired";
    }
    return state.word;
  }

  public byte[] toBytes() {
    MsgpackWriter w = new MsgpackWriter().array(7).str(label).str(state.word).bin(terms.toBytes());
    if (policy.isPresent()) {
      w.bin(policy.get().toBytes());
    } else {
      w.nil();
    }
    w.array(targets.size());
    targets.values().forEach(m -> w.bin(m.toBytes()));
    w.array(receipts.size());
    receipts.values().forEach(r -> w.bin(r.toBytes()));
    w.bool(refunded);
    return Envelope.encode(BRAND, MAJOR, MINOR, w.toBytes());
  }

  /** Parses a record strictly, re-verifying every signature and the consistency of the parts. */
  public static PolicyRecord fromBytes(byte[] bytes) throws MalformedInputException {
    MsgpackReader r = Envelope.open(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    r.struct(7, "record");
    String label = r.str(Policy.MAX_LABEL_BYTES, "label");
    State state = State.of(r.str(16, "state"));
    SignedPolicyTerms terms = SignedPolicyTerms.fromBytes(r.bin(64 * 1024, "terms"));
    Optional<Policy> policy =
        r.nil("policy")
            ? Optional.empty()
            : Optional.of(Policy.fromBytes(r.bin(Policy.MAX_SIZE, "policy")));
    Map<NodeAddress, NodeMetadata> targets = new TreeMap<>();
    int n = r.list(MAX_NODES, "targets");
    for (int i = 0; i < n; i++) {
      NodeMetadata m = NodeMetadata.fromBytes(r.bin(NodeMetadata.MAX_SIZE, "targets[" + i + "]"));
      if (targets.put(m.address(), m) != null) {
        throw r.fail("targets", "node " + m.address() + " appears twice");
      }
    }
    Map<NodeAddress, RevocationReceipt> receipts = new TreeMap<>();
    int k = r.list(MAX_NODES, "receipts");
    for (int i = 0; i < k; i++) {
      RevocationReceipt receipt = RevocationReceipt.fromBytes(r.bin(4096, "receipts[" + i + "]"));
      if (receipts.put(receipt.node(), receipt) != null) {
        throw r.fail("receipts", "two receipts from " + receipt.node());
      }
    }
    boolean refunded = r.bool("refunded");
    r.end();
    try {
      return new PolicyRecord(label, state, terms, policy, targets, receipts, refunded);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException(BRAND + ": " + e.getMessage());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyRecord
        && java.util.Arrays.equals(toBytes(), ((PolicyRecord) o).toBytes());
  }

  @Override
  public int hashCode() {
    return hrac().hashCode();
  }
}
