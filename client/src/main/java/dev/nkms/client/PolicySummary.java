package dev.nkms.client;

import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.conditions.Conditions;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One of Alice's policies as an application sees it: which, for whom, m-of-n until when, in what
 * state — and the nodes that have not (yet) confirmed the last change, by address with what they
 * said; the conditions and revision of the terms the record holds, and how many signed revocation
 * receipts it keeps.
 */
public record PolicySummary(
    Hrac id,
    String label,
    PolicyRecord.State state,
    boolean expired,
    int threshold,
    int shares,
    Instant expiry,
    PublicKey bob,
    Map<NodeAddress, String> unconfirmed,
    Conditions conditions,
    long revision,
    int receipts) {
  public PolicySummary {
    unconfirmed = Map.copyOf(unconfirmed);
    java.util.Objects.requireNonNull(conditions, "conditions");
  }

  static PolicySummary of(PolicyRecord record, Instant now, Map<NodeAddress, String> unconfirmed) {
    Map<NodeAddress, String> pending = new TreeMap<>(unconfirmed);
    if (record.state() == PolicyRecord.State.REVOKING) {
      record
          .unconfirmed()
          .keySet()
          .forEach(a -> pending.putIfAbsent(a, "has not confirmed the revocation"));
    }
    var terms = record.terms().terms();
    return new PolicySummary(
        record.hrac(),
        record.label(),
        record.state(),
        record.state() == PolicyRecord.State.ACTIVE && !now.isBefore(terms.expiry()),
        terms.threshold(),
        terms.shares(),
        terms.expiry(),
        record.bobVerifyingKey(),
        pending,
        terms.conditions(),
        terms.revision(),
        record.receipts().size());
  }

  /** The state as a person reads it: "expired" for an active policy past its expiry. */
  public String describeState() {
    return expired ? "expired" : state.word;
  }
}
