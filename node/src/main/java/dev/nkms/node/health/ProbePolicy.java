package dev.nkms.node.health;

import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeException;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.grant.GrantPlan;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobKeys;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;

/**
 * A 1-of-1 policy the checker grants to one node, built as any Alice and Bob would build it but
 * with fresh random keys used for nothing else: nothing in it (or in the requests made under it)
 * links it to the checker.
 */
final class ProbePolicy {
  private static final int SECRET_LENGTH = 32;

  private final NodeMetadata node;
  private final AliceKeys alice;
  private final BobKeys bob;
  private final String label;
  private final SignedPolicyTerms terms;
  private final KFragDelivery delivery;

  private ProbePolicy(
      NodeMetadata node,
      AliceKeys alice,
      BobKeys bob,
      String label,
      SignedPolicyTerms terms,
      KFragDelivery delivery) {
    this.node = node;
    this.alice = alice;
    this.bob = bob;
    this.label = label;
    this.terms = terms;
    this.delivery = delivery;
  }

  /**
   * Terms and the sealed kfrag for {@code node}, valid from {@code now} for {@code validity}: a
   * grant as Alice's.
   */
  static ProbePolicy create(
      NodeMetadata node, Instant now, Duration validity, RandomSource random) {
    AliceKeys alice = AliceKeys.random(random);
    BobKeys bob = BobKeys.random(random);
    String label = Hex.toHexString(random.nextBytes(16));
    GrantPlan plan =
        GrantPlan.create(
            alice, bob.card(), label, 1, 1, now, now.plus(validity), Conditions.NONE, random);
    return new ProbePolicy(
        node, alice, bob, label, plan.terms(), plan.seal(0, node, alice, random));
  }

  KFragDelivery delivery() {
    return delivery;
  }

  Hrac hrac() {
    return terms.terms().hrac();
  }

  Instant createdAt() {
    return terms.terms().start();
  }

  Instant expiry() {
    return terms.terms().expiry();
  }

  /** What Enrico would make: a random secret encrypted to the policy key. */
  Probe seal(RandomSource random) {
    byte[] secret = random.nextBytes(SECRET_LENGTH);
    Umbral.Encrypted e = Umbral.encrypt(alice.policyEncryptingKey(label), secret, random);
    return new Probe(e.capsule(), e.ciphertext(), secret);
  }

  /** Bob's request for {@code capsule}, signed with this policy's Bob key. */
  ReencryptionRequest request(Capsule capsule, Instant now, RandomSource random) {
    return ReencryptionRequest.sign(hrac(), List.of(capsule), Map.of(), now, bob.signer(), random);
  }

  /**
   * Has the node re-encrypt the probe's capsule, then checks what Bob checks — the node's signature
   * over the answer, the cfrag's correctness proof — and that the cfrag opens the probe to its
   * secret.
   */
  void reencrypt(NodeApi api, Probe probe, Instant now, RandomSource random)
      throws NodeException, ProbeFailed {
    List<Capsule> capsules = List.of(probe.capsule);
    List<CapsuleFrag> cfrags;
    try {
      cfrags =
          api.reencrypt(request(probe.capsule, now, random))
              .verify(node.verifyingKey(), hrac(), capsules);
    } catch (VerificationException e) {
      throw new ProbeFailed(
          "the response is not signed by the node or answers another request: " + e.getMessage());
    }
    PolicyTerms t = terms.terms();
    VerifiedCapsuleFrag cfrag;
    try {
      cfrag =
          cfrags
              .get(0)
              .verify(
                  probe.capsule,
                  t.aliceVerifyingKey(),
                  t.policyEncryptingKey(),
                  t.bobEncryptingKey());
    } catch (VerificationException e) {
      throw new ProbeFailed("the cfrag fails verification: " + e.getMessage());
    }
    byte[] opened;
    try {
      opened =
          Umbral.decryptReencrypted(
              bob.encryptingKey(),
              t.policyEncryptingKey(),
              probe.capsule,
              List.of(cfrag),
              probe.ciphertext);
    } catch (DecryptionException e) {
      throw new ProbeFailed("the verified cfrag does not open the capsule: " + e.getMessage());
    }
    if (!MessageDigest.isEqual(opened, probe.secret)) {
      throw new ProbeFailed(
          "the cfrag opens the capsule to something other than the challenge secret");
    }
  }

  RevocationOrder revocation(Instant now, RandomSource random) {
    return RevocationOrder.sign(terms.terms(), node.address(), now, alice.signer(), random);
  }

  /** A receipt counts only if the node signed it for this policy and names itself. */
  void checkReceipt(RevocationReceipt receipt) throws ProbeFailed {
    if (!receipt.isSignedBy(node.verifyingKey())) {
      throw new ProbeFailed("the revocation receipt is not signed by the node's key");
    }
    if (!receipt.hrac().equals(hrac()) || !receipt.node().equals(node.address())) {
      throw new ProbeFailed(
          "the revocation receipt names policy "
              + receipt.hrac()
              + " at node "
              + receipt.node()
              + ", not the one revoked");
    }
  }

  /** A capsule encrypted under the policy, with the secret it must open to. */
  static final class Probe {
    private final Capsule capsule;
    private final byte[] ciphertext;
    private final byte[] secret;

    private Probe(Capsule capsule, byte[] ciphertext, byte[] secret) {
      this.capsule = capsule;
      this.ciphertext = ciphertext;
      this.secret = secret;
    }

    Capsule capsule() {
      return capsule;
    }
  }
}
