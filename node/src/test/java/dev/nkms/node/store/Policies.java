package dev.nkms.node.store;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import java.time.Instant;

/**
 * Test policies: real signed terms between fresh parties; kfrag bytes are opaque to the store, so
 * any 310 do.
 */
final class Policies {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  final Signer alice = new Signer(SecretKey.random());
  final PublicKey bobVerifying = SecretKey.random().publicKey();
  final PublicKey bobEncrypting = SecretKey.random().publicKey();
  final PublicKey policyKey = SecretKey.random().publicKey();

  /** A nonce per label, so that each label names one policy of this Alice. */
  static byte[] nonce(String label) {
    return java.util.Arrays.copyOf(
        dev.nkms.crypto.primitives.ScalarDigest.sha256(
            label.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        Hrac.NONCE_LENGTH);
  }

  Hrac hrac(String label) {
    return Hrac.derive(alice.verifyingKey(), nonce(label));
  }

  SignedPolicyTerms terms(String label, Instant expiry, long revision) {
    return sign(
        new PolicyTerms(
            nonce(label),
            2,
            3,
            START,
            expiry,
            revision,
            Conditions.NONE,
            policyKey,
            alice.verifyingKey(),
            bobVerifying,
            bobEncrypting));
  }

  SignedPolicyTerms sign(PolicyTerms t) {
    return SignedPolicyTerms.sign(t, alice, RandomSource.secure());
  }

  static byte[] kfrag(int fill) {
    byte[] k = new byte[310];
    java.util.Arrays.fill(k, (byte) fill);
    return k;
  }
}
