package dev.nkms.crypto.umbral.conformance;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The spec's generation sequence (§6.3) with the fixed keys of §6.2: encrypt → generate_kfrags →
 * re-encrypt with each kfrag in order. With the deterministic stream of §6.1 the result equals the
 * reference's byte for byte.
 */
public final class VectorGenerator {
  public static final byte[] DEFAULT_PLAINTEXT = "peace at dawn".getBytes(StandardCharsets.UTF_8);

  private VectorGenerator() {}

  public static VectorSet generate(
      RandomSource random,
      int threshold,
      int shares,
      boolean signDelegatingKey,
      boolean signReceivingKey,
      byte[] plaintext) {
    SecretKey alice = fixedKey((byte) 0x11);
    SecretKey bob = fixedKey((byte) 0x22);
    SecretKey signerKey = fixedKey((byte) 0x33);
    Signer signer = new Signer(signerKey);
    Umbral.Encrypted enc = Umbral.encrypt(alice.publicKey(), plaintext, random);
    List<VerifiedKeyFrag> kfrags =
        Umbral.generateKFrags(
            alice,
            bob.publicKey(),
            signer,
            threshold,
            shares,
            signDelegatingKey,
            signReceivingKey,
            random);
    List<String> kfragHex = new ArrayList<>();
    List<String> cfragHex = new ArrayList<>();
    for (VerifiedKeyFrag kfrag : kfrags) {
      kfragHex.add(VectorSet.hex(kfrag.toBytes()));
    }
    for (VerifiedKeyFrag kfrag : kfrags) {
      VerifiedCapsuleFrag cfrag = Umbral.reencrypt(enc.capsule(), kfrag, random);
      cfragHex.add(VectorSet.hex(cfrag.toBytes()));
    }
    return new VectorSet(
        VectorSet.hex(alice.toSecretBytes()),
        VectorSet.hex(bob.toSecretBytes()),
        VectorSet.hex(signerKey.toSecretBytes()),
        alice.publicKey().toHex(),
        bob.publicKey().toHex(),
        signer.verifyingKey().toHex(),
        VectorSet.hex(plaintext),
        VectorSet.hex(enc.capsule().toBytes()),
        VectorSet.hex(enc.ciphertext()),
        threshold,
        shares,
        signDelegatingKey,
        signReceivingKey,
        kfragHex,
        cfragHex);
  }

  static SecretKey fixedKey(byte b) {
    byte[] k = new byte[32];
    Arrays.fill(k, b);
    try {
      return SecretKey.fromBEBytes(k);
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }
}
