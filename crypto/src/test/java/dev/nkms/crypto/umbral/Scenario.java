package dev.nkms.crypto.umbral;

import static dev.nkms.crypto.TestFixtures.fixedKey;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.TestFixtures;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import java.util.ArrayList;
import java.util.List;

/**
 * One deterministic delegation with the spec's fixed keys (§6.2): encrypt, generate kfrags,
 * re-encrypt each.
 */
final class Scenario {
  final SecretKey alice = fixedKey(0x11);
  final SecretKey bob = fixedKey(0x22);
  final SecretKey signerKey = fixedKey(0x33);
  final Signer signer = new Signer(signerKey);
  final PublicKey alicePk = alice.publicKey();
  final PublicKey bobPk = bob.publicKey();
  final PublicKey verifyingPk = signer.verifyingKey();
  final byte[] plaintext;
  final int threshold;
  final int shares;
  final boolean signDk;
  final boolean signRk;
  final Capsule capsule;
  final byte[] ciphertext;
  final List<VerifiedKeyFrag> kfrags;
  final List<VerifiedCapsuleFrag> cfrags;

  Scenario(
      String seed, int threshold, int shares, boolean signDk, boolean signRk, byte[] plaintext) {
    this.plaintext = plaintext;
    this.threshold = threshold;
    this.shares = shares;
    this.signDk = signDk;
    this.signRk = signRk;
    RandomSource random = RandomSource.deterministicStream(seed);
    Umbral.Encrypted enc = Umbral.encrypt(alicePk, plaintext, random);
    capsule = enc.capsule();
    ciphertext = enc.ciphertext();
    kfrags = Umbral.generateKFrags(alice, bobPk, signer, threshold, shares, signDk, signRk, random);
    List<VerifiedCapsuleFrag> c = new ArrayList<>();
    for (VerifiedKeyFrag k : kfrags) {
      c.add(Umbral.reencrypt(capsule, k, random));
    }
    cfrags = List.copyOf(c);
  }

  Scenario(String seed) {
    this(seed, 2, 3, true, true, TestFixtures.PEACE_AT_DAWN);
  }

  byte[] capsuleBytes() {
    return capsule.toBytes();
  }

  byte[] kfragBytes(int i) {
    return kfrags.get(i).toBytes();
  }

  byte[] cfragBytes(int i) {
    return cfrags.get(i).toBytes();
  }
}
