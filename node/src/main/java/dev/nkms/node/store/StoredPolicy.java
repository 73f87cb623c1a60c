package dev.nkms.node.store;

import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.SignedPolicyTerms;
import java.util.Arrays;
import java.util.Objects;

/**
 * A policy this node holds: Alice's signed terms and the node's kfrag (its 310-byte encoding) for
 * them.
 */
public record StoredPolicy(Hrac hrac, SignedPolicyTerms terms, byte[] kfrag) {
  public StoredPolicy {
    Objects.requireNonNull(hrac, "hrac");
    Objects.requireNonNull(terms, "terms");
    Objects.requireNonNull(kfrag, "kfrag");
    if (!terms.terms().hrac().equals(hrac)) {
      throw new IllegalArgumentException(
          "terms are for policy " + terms.terms().hrac() + ", not " + hrac);
    }
    if (kfrag.length != KeyFrag.SERIALIZED_LENGTH) {
      throw new IllegalArgumentException(
          "a kfrag is " + KeyFrag.SERIALIZED_LENGTH + " bytes, got " + kfrag.length);
    }
    kfrag = kfrag.clone();
  }

  /** A copy of the kfrag bytes. */
  @Override
  public byte[] kfrag() {
    return kfrag.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StoredPolicy
        && hrac.equals(((StoredPolicy) o).hrac)
        && terms.equals(((StoredPolicy) o).terms)
        && Arrays.equals(kfrag, ((StoredPolicy) o).kfrag);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hrac, terms, Arrays.hashCode(kfrag));
  }

  /** Names the policy and revision; the kfrag is left out (it is key material). */
  @Override
  public String toString() {
    return "StoredPolicy["
        + hrac
        + " rev "
        + terms.terms().revision()
        + " until "
        + terms.terms().expiry()
        + "]";
  }
}
