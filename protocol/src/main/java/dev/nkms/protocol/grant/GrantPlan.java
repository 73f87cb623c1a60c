package dev.nkms.protocol.grant;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobCard;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A grant prepared and not yet delivered: the label, Bob, the signed terms with a fresh policy id,
 * and the n kfrags. No network is involved in making one. Only the terms are meant to be recorded;
 * the kfrags stay in memory and go to the nodes, each sealed to one node by {@link #seal}. Every
 * grant is made here — Alice's and the health checker's probe policies alike — so both follow the
 * same rules.
 */
public final class GrantPlan {
  public static final int MAX_LABEL_BYTES = 1024;

  private final String label;
  private final BobCard bob;
  private final SignedPolicyTerms terms;
  private final List<VerifiedKeyFrag> kfrags;

  private GrantPlan(
      String label, BobCard bob, SignedPolicyTerms terms, List<VerifiedKeyFrag> kfrags) {
    this.label = label;
    this.bob = bob;
    this.terms = terms;
    this.kfrags = List.copyOf(kfrags);
    if (this.kfrags.size() != terms.terms().shares()) {
      throw new IllegalArgumentException(
          terms.terms().shares() + " shares need as many kfrags, got " + kfrags.size());
    }
  }

  /**
   * Plans {@code alice}'s grant to {@code bob} of m-of-n access to {@code label} from {@code start}
   * until {@code expiry}: a fresh nonce (the policy id commits to it and to Alice's key), the terms
   * signed by Alice, and n kfrags of the label's policy key for Bob, signed over both keys.
   * Randomness is drawn in that order.
   *
   * @throws IllegalArgumentException for a bad label, m, n or an expiry not after {@code start}
   */
  public static GrantPlan create(
      AliceKeys alice,
      BobCard bob,
      String label,
      int m,
      int n,
      Instant start,
      Instant expiry,
      Conditions conditions,
      RandomSource random) {
    checkLabel(label);
    Objects.requireNonNull(alice);
    Objects.requireNonNull(bob);
    Objects.requireNonNull(conditions, "conditions (use Conditions.NONE)");
    Objects.requireNonNull(random);
    if (m < 1 || m > n || n > PolicyTerms.MAX_SHARES) {
      throw new IllegalArgumentException(
          "need 1 ≤ m ≤ n ≤ " + PolicyTerms.MAX_SHARES + ", got m=" + m + " n=" + n);
    }
    if (expiry.getEpochSecond() <= start.getEpochSecond()) {
      throw new IllegalArgumentException(
          "the expiry " + expiry + " is not after now (" + start + ")");
    }
    byte[] nonce =
        Hrac.newNonce(random); // a fresh policy id per grant, committing to this Alice's key
    SecretKey policyKey = alice.policyKey(label);
    PolicyTerms terms =
        new PolicyTerms(
            nonce,
            m,
            n,
            start,
            expiry,
            0,
            conditions,
            policyKey.publicKey(),
            alice.verifyingKey(),
            bob.verifyingKey(),
            bob.encryptingKey());
    SignedPolicyTerms signed = SignedPolicyTerms.sign(terms, alice.signer(), random);
    List<VerifiedKeyFrag> kfrags =
        Umbral.generateKFrags(
            policyKey, bob.encryptingKey(), alice.signer(), m, n, true, true, random);
    return new GrantPlan(label, bob, signed, kfrags);
  }

  /**
   * A label Alice can grant: not empty, at most {@link #MAX_LABEL_BYTES} bytes of UTF-8.
   *
   * @return {@code label}
   * @throws IllegalArgumentException otherwise
   */
  public static String checkLabel(String label) {
    if (label == null || label.isEmpty()) {
      throw new IllegalArgumentException("a label must not be empty");
    }
    if (label.getBytes(StandardCharsets.UTF_8).length > MAX_LABEL_BYTES) {
      throw new IllegalArgumentException(
          "a label is at most " + MAX_LABEL_BYTES + " bytes of UTF-8");
    }
    return label;
  }

  /**
   * Kfrag {@code share} (0 ≤ share &lt; n) sealed to {@code node} and bound to it and to these
   * terms by Alice's signature; the seal draws fresh randomness, so a replacement node gets its
   * own.
   *
   * @throws IllegalArgumentException if {@code alice} is not the Alice of this plan, or for a bad
   *     share index
   */
  public KFragDelivery seal(int share, NodeMetadata node, AliceKeys alice, RandomSource random) {
    if (!alice.verifyingKey().equals(terms.terms().aliceVerifyingKey())) {
      throw new IllegalArgumentException("the plan is for another Alice");
    }
    if (share < 0 || share >= kfrags.size()) {
      throw new IllegalArgumentException(
          "share " + share + " of a " + kfrags.size() + "-share plan");
    }
    return KFragDelivery.seal(
        terms, kfrags.get(share), node.address(), node.encryptingKey(), alice.signer(), random);
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

  /** The n kfrags, in share order; secret to everyone but the node each is sealed to. */
  public List<VerifiedKeyFrag> kfrags() {
    return kfrags;
  }
}
