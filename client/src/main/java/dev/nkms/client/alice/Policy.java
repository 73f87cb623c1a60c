package dev.nkms.client.alice;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.protocol.EncryptedTreasureMap;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.grant.GrantPlan;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What Alice keeps after a grant: the label, the signed terms, the nodes that hold the kfrags (the
 * treasure map's destinations, with the metadata used), the nodes that may hold a stray copy (a
 * delivery whose outcome is unknown, e.g. a timeout, after which the kfrag went to a replacement —
 * revocation covers them too), and the encrypted treasure map for Bob. Bytes: envelope {@code
 * "APol"} v1.0 of {@code [label, terms, [holder metadata…], [possible holder metadata…], treasure
 * map]}; parsing re-verifies every signature and the consistency of the parts.
 */
public final class Policy {
  public static final String BRAND = "APol";
  private static final int MAJOR = 1;
  private static final int MINOR = 0;
  public static final int MAX_SIZE = 1 << 20;
  public static final int MAX_LABEL_BYTES = GrantPlan.MAX_LABEL_BYTES;
  private static final int MAX_TERMS = 64 * 1024;

  private final String label;
  private final SignedPolicyTerms terms;
  private final Map<NodeAddress, NodeMetadata> nodes;
  private final Map<NodeAddress, NodeMetadata> possiblyHolding;
  private final EncryptedTreasureMap treasureMap;

  Policy(
      String label,
      SignedPolicyTerms terms,
      Map<NodeAddress, NodeMetadata> nodes,
      Map<NodeAddress, NodeMetadata> possiblyHolding,
      EncryptedTreasureMap treasureMap) {
    this.label = checkLabel(label);
    this.terms = Objects.requireNonNull(terms);
    this.treasureMap = Objects.requireNonNull(treasureMap);
    this.nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
    this.possiblyHolding = Collections.unmodifiableMap(new TreeMap<>(possiblyHolding));
    if (this.nodes.size() != terms.terms().shares()) {
      throw new IllegalArgumentException(
          "a "
              + terms.terms().shares()
              + "-share policy needs as many nodes, got "
              + this.nodes.size());
    }
    this.nodes.forEach(
        (a, m) -> {
          if (!m.address().equals(a)) {
            throw new IllegalArgumentException(
                "node " + a + " is listed with the metadata of " + m.address());
          }
          if (this.possiblyHolding.containsKey(a)) {
            throw new IllegalArgumentException(
                "node " + a + " is both a holder and a possible holder");
          }
        });
    this.possiblyHolding.forEach(
        (a, m) -> {
          if (!m.address().equals(a)) {
            throw new IllegalArgumentException(
                "node " + a + " is listed with the metadata of " + m.address());
          }
        });
  }

  static String checkLabel(String label) {
    return GrantPlan.checkLabel(label);
  }

  public String label() {
    return label;
  }

  public Hrac hrac() {
    return terms.terms().hrac();
  }

  public SignedPolicyTerms terms() {
    return terms;
  }

  /** The kfrag holders (the treasure map's destinations), in address order. */
  public Map<NodeAddress, NodeMetadata> nodes() {
    return nodes;
  }

  /**
   * Nodes whose delivery outcome is unknown: they may hold a kfrag that is not in the treasure map.
   */
  public Map<NodeAddress, NodeMetadata> possiblyHolding() {
    return possiblyHolding;
  }

  /** To give to Bob. */
  public EncryptedTreasureMap treasureMap() {
    return treasureMap;
  }

  /** The same policy under renewed terms. */
  Policy withTerms(SignedPolicyTerms renewed) {
    if (!renewed.terms().hrac().equals(hrac())
        || renewed.terms().revision() <= terms.terms().revision()) {
      throw new IllegalArgumentException(
          "renewed terms must be for the same policy with a higher revision");
    }
    return new Policy(label, renewed, nodes, possiblyHolding, treasureMap);
  }

  public byte[] toBytes() {
    MsgpackWriter w =
        new MsgpackWriter().array(5).str(label).bin(terms.toBytes()).array(nodes.size());
    nodes.values().forEach(m -> w.bin(m.toBytes()));
    w.array(possiblyHolding.size());
    possiblyHolding.values().forEach(m -> w.bin(m.toBytes()));
    w.bin(treasureMap.toBytes());
    return Envelope.encode(BRAND, MAJOR, MINOR, w.toBytes());
  }

  public static Policy fromBytes(byte[] bytes) throws MalformedInputException {
    MsgpackReader r = Envelope.open(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    r.struct(5, "policy");
    String label = r.str(MAX_LABEL_BYTES, "label");
    SignedPolicyTerms terms = SignedPolicyTerms.fromBytes(r.bin(MAX_TERMS, "terms"));
    Map<NodeAddress, NodeMetadata> nodes = readNodes(r, "nodes");
    Map<NodeAddress, NodeMetadata> possibly = readNodes(r, "possibly_holding");
    EncryptedTreasureMap map =
        EncryptedTreasureMap.fromBytes(r.bin(EncryptedTreasureMap.MAX_SIZE, "treasure_map"));
    r.end();
    try {
      return new Policy(label, terms, nodes, possibly, map);
    } catch (IllegalArgumentException e) {
      throw new WireFormatException(BRAND + ": " + e.getMessage());
    }
  }

  private static Map<NodeAddress, NodeMetadata> readNodes(MsgpackReader r, String field)
      throws WireFormatException {
    int n = r.list(2 * 255, field);
    Map<NodeAddress, NodeMetadata> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      NodeMetadata m = NodeMetadata.fromBytes(r.bin(NodeMetadata.MAX_SIZE, field + "[" + i + "]"));
      if (out.put(m.address(), m) != null) {
        throw r.fail(field, "node " + m.address() + " appears twice");
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Policy && java.util.Arrays.equals(toBytes(), ((Policy) o).toBytes());
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  @Override
  public String toString() {
    return "Policy['" + label + "', " + terms.terms() + ", " + nodes.size() + " nodes]";
  }
}
