package dev.nkms.client.alice;

import dev.nkms.protocol.keys.BobCard;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.SignedPolicyTerms;
import java.util.List;
import java.util.Objects;

/**
 * A grant prepared by {@link Alice#plan} and not yet delivered: the label, Bob, the signed terms with a fresh policy
 * id, and the kfrags. Only the terms are meant to be recorded; the kfrags stay in memory and go to the nodes.
 */
public final class GrantPlan {
  private final String label;
  private final BobCard bob;
  private final SignedPolicyTerms terms;
  private final List<VerifiedKeyFrag> kfrags;

  GrantPlan(String label, BobCard bob, SignedPolicyTerms terms, List<VerifiedKeyFrag> kfrags) {
    this.label = Policy.checkLabel(label);
    this.bob = Objects.requireNonNull(bob);
    this.terms = Objects.requireNonNull(terms);
    this.kfrags = List.copyOf(kfrags);
    if (this.kfrags.size() != terms.terms().shares()) {
      throw new IllegalArgumentException(terms.terms().shares() + " shares need as many kfrags, got " + kfrags.size());
    }
  }

  public String label() {
    return label;
  }

  public BobCard bob() {
    return bob;
  }

  public Hrac hrac() {
    return terms.terms().hrac();
  }

  public SignedPolicyTerms terms() {
    return terms;
  }

  List<VerifiedKeyFrag> kfrags() {
    return kfrags;
  }
}
