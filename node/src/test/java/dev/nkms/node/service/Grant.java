package dev.nkms.node.service;

import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One real grant from a fresh Alice to a fresh Bob: signed terms, real kfrags (signed over the
 * policy key and Bob's encrypting key), messages encrypted under the policy key, and Bob's signed
 * requests. Shared by the service, HTTP and runtime tests.
 */
public final class Grant {
  public static final RandomSource RANDOM = RandomSource.secure();

  public final String label;
  public final int threshold;
  public final int shares;
  public final Signer alice = new Signer(SecretKey.random());
  public final SecretKey policyKey = SecretKey.random();
  public final Signer bob = new Signer(SecretKey.random());
  public final SecretKey bobEncrypting = SecretKey.random();

  /** The grant's nonce: with Alice's key it makes the policy id. */
  public final byte[] nonce = Hrac.newNonce(RANDOM);

  public final Hrac hrac;
  public final List<VerifiedKeyFrag> kfrags;

  public Grant(String label, int threshold, int shares) {
    this.label = label;
    this.threshold = threshold;
    this.shares = shares;
    this.hrac = Hrac.derive(alice.verifyingKey(), nonce);
    this.kfrags =
        Umbral.generateKFrags(
            policyKey, bobEncrypting.publicKey(), alice, threshold, shares, true, true, RANDOM);
  }

  public Grant(String label) {
    this(label, 2, 3);
  }

  public PolicyTerms terms(Instant start, Instant expiry, long revision, Conditions conditions) {
    return new PolicyTerms(
        nonce,
        threshold,
        shares,
        start,
        expiry,
        revision,
        conditions,
        policyKey.publicKey(),
        alice.verifyingKey(),
        bob.verifyingKey(),
        bobEncrypting.publicKey());
  }

  public SignedPolicyTerms signed(
      Instant start, Instant expiry, long revision, Conditions conditions) {
    return SignedPolicyTerms.sign(terms(start, expiry, revision, conditions), alice, RANDOM);
  }

  public SignedPolicyTerms signed(Instant start, Instant expiry) {
    return signed(start, expiry, 0, Conditions.NONE);
  }

  /** Alice's delivery of kfrag {@code i} under {@code terms}, to {@code node}. */
  public KFragDelivery delivery(SignedPolicyTerms terms, int i, NodeIdentity node) {
    return KFragDelivery.seal(
        terms, kfrags.get(i), node.address(), node.encryptingKey().publicKey(), alice, RANDOM);
  }

  public KFragDelivery delivery(SignedPolicyTerms terms, NodeIdentity node) {
    return delivery(terms, 0, node);
  }

  /** A message encrypted under the policy key. */
  public Umbral.Encrypted encrypt(String message) {
    return Umbral.encrypt(policyKey.publicKey(), message.getBytes(StandardCharsets.UTF_8), RANDOM);
  }

  public List<Capsule> capsules(int n) {
    List<Capsule> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(encrypt("message " + i).capsule());
    }
    return out;
  }

  public ReencryptionRequest request(
      Instant issuedAt, List<Capsule> capsules, Map<String, String> context, Signer requester) {
    return ReencryptionRequest.sign(hrac, capsules, context, issuedAt, requester, RANDOM);
  }

  public ReencryptionRequest request(Instant issuedAt, List<Capsule> capsules) {
    return request(issuedAt, capsules, Map.of(), bob);
  }

  public ReencryptionRequest request(Instant issuedAt) {
    return request(issuedAt, capsules(1));
  }

  public RevocationOrder revocation(NodeAddress node, Instant issuedAt) {
    return RevocationOrder.sign(hrac, nonce, node, issuedAt, alice, RANDOM);
  }

  /**
   * Bob's check of one cfrag: Alice's kfrag signature and the re-encryption proof, for this grant's
   * keys.
   */
  public VerifiedCapsuleFrag verify(CapsuleFrag cfrag, Capsule capsule)
      throws VerificationException {
    return cfrag.verify(
        capsule, alice.verifyingKey(), policyKey.publicKey(), bobEncrypting.publicKey());
  }

  public String decrypt(Umbral.Encrypted message, List<VerifiedCapsuleFrag> cfrags)
      throws DecryptionException {
    return new String(
        Umbral.decryptReencrypted(
            bobEncrypting, policyKey.publicKey(), message.capsule(), cfrags, message.ciphertext()),
        StandardCharsets.UTF_8);
  }

  /** {@code bytes} with one bit flipped in the first occurrence of {@code part}. */
  public static byte[] flipInside(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        byte[] out = bytes.clone();
        out[i + part.length / 2] ^= 0x01;
        return out;
      }
    }
    throw new AssertionError("part not found");
  }
}
