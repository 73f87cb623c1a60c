package dev.nkms.crypto.umbral.conformance;

import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Checks a vector file made by another implementation (spec §6.5, from the Java side): parse and
 * byte-identical re-serialization of every object, decrypt_original, kfrag verification with the
 * keys the flags name, re-encryption with each kfrag, cfrag verification, and decrypt_reencrypted
 * with the first {@code threshold} cfrags.
 */
public final class VectorChecker {
  /** The outcome of one named check. */
  public static final class Check {
    public final String name;
    public final boolean passed;
    public final String detail;

    Check(String name, boolean passed, String detail) {
      this.name = name;
      this.passed = passed;
      this.detail = detail;
    }

    @Override
    public String toString() {
      return passed ? "ok   " + name : "FAIL " + name + ": " + detail;
    }
  }

  private final List<Check> checks = new ArrayList<>();

  private VectorChecker() {}

  /**
   * Runs every check. Throws only if the file itself is malformed (keys or hex that do not decode,
   * impossible threshold); objects that fail to parse or verify are reported as failed checks.
   */
  public static List<Check> check(VectorSet v) throws MalformedInputException {
    return new VectorChecker().run(v);
  }

  private List<Check> run(VectorSet v) throws MalformedInputException {
    SecretKey alice = SecretKey.fromBEBytes(hex("alice_sk", v.aliceSk));
    SecretKey bob = SecretKey.fromBEBytes(hex("bob_sk", v.bobSk));
    SecretKey signer = SecretKey.fromBEBytes(hex("signer_sk", v.signerSk));
    PublicKey alicePk = PublicKey.fromCompressedBytes(hex("alice_pk", v.alicePk));
    PublicKey bobPk = PublicKey.fromCompressedBytes(hex("bob_pk", v.bobPk));
    PublicKey verifyingPk = PublicKey.fromCompressedBytes(hex("verifying_pk", v.verifyingPk));
    byte[] plaintext = hex("plaintext", v.plaintext);
    byte[] ciphertext = hex("ciphertext", v.ciphertext);
    if (v.threshold < 1 || v.threshold > v.shares) {
      throw new MalformedInputException(
          "threshold must be between 1 and shares, got " + v.threshold + " of " + v.shares);
    }
    if (v.kfrags.size() != v.shares || v.cfrags.size() != v.shares) {
      throw new MalformedInputException(
          "expected "
              + v.shares
              + " kfrags and cfrags, found "
              + v.kfrags.size()
              + " and "
              + v.cfrags.size());
    }
    record("alice_sk yields alice_pk", alice.publicKey().equals(alicePk), "public key differs");
    record("bob_sk yields bob_pk", bob.publicKey().equals(bobPk), "public key differs");
    record(
        "signer_sk yields verifying_pk",
        signer.publicKey().equals(verifyingPk),
        "public key differs");

    byte[] capsuleBytes = hex("capsule", v.capsule);
    Capsule capsule;
    try {
      capsule = Capsule.fromBytes(capsuleBytes);
      record("capsule parses", true, "");
    } catch (MalformedInputException e) {
      record("capsule parses", false, e.getMessage());
      return checks;
    }
    record(
        "capsule re-serializes byte-identically",
        Arrays.equals(capsule.toBytes(), capsuleBytes),
        "bytes differ");
    try {
      byte[] opened = Umbral.decryptOriginal(alice, capsule, ciphertext);
      record(
          "decrypt_original gives the plaintext",
          Arrays.equals(opened, plaintext),
          "plaintext differs");
    } catch (CryptoException e) {
      record("decrypt_original gives the plaintext", false, e.getMessage());
    }

    for (int i = 0; i < v.kfrags.size(); i++) {
      String name = "kfrag[" + i + "]";
      byte[] bytes = hex(name, v.kfrags.get(i));
      try {
        KeyFrag kfrag = KeyFrag.fromBytes(bytes);
        record(name + " parses", true, "");
        record(
            name + " re-serializes byte-identically",
            Arrays.equals(kfrag.toBytes(), bytes),
            "bytes differ");
        VerifiedKeyFrag verified =
            kfrag.verify(
                verifyingPk,
                v.signDelegatingKey ? alicePk : null,
                v.signReceivingKey ? bobPk : null);
        record(name + " verifies", true, "");
        VerifiedCapsuleFrag ours = Umbral.reencrypt(capsule, verified);
        ours.unverify().verify(capsule, verifyingPk, alicePk, bobPk);
        record(name + " re-encrypts to a cfrag that verifies", true, "");
      } catch (CryptoException e) {
        record(name + " parses, verifies and re-encrypts", false, e.getMessage());
      }
    }

    List<VerifiedCapsuleFrag> verifiedCfrags = new ArrayList<>();
    for (int i = 0; i < v.cfrags.size(); i++) {
      String name = "cfrag[" + i + "]";
      byte[] bytes = hex(name, v.cfrags.get(i));
      try {
        CapsuleFrag cfrag = CapsuleFrag.fromBytes(bytes);
        record(name + " parses", true, "");
        record(
            name + " re-serializes byte-identically",
            Arrays.equals(cfrag.toBytes(), bytes),
            "bytes differ");
        verifiedCfrags.add(cfrag.verify(capsule, verifyingPk, alicePk, bobPk));
        record(name + " verifies", true, "");
      } catch (CryptoException e) {
        record(name + " parses and verifies", false, e.getMessage());
      }
    }
    String decryptName =
        "decrypt_reencrypted with the first " + v.threshold + " cfrags gives the plaintext";
    if (verifiedCfrags.size() < v.threshold) {
      record(decryptName, false, "only " + verifiedCfrags.size() + " cfrags verified");
    } else {
      try {
        byte[] opened =
            Umbral.decryptReencrypted(
                bob, alicePk, capsule, verifiedCfrags.subList(0, v.threshold), ciphertext);
        record(decryptName, Arrays.equals(opened, plaintext), "plaintext differs");
      } catch (CryptoException e) {
        record(decryptName, false, e.getMessage());
      }
    }
    return List.copyOf(checks);
  }

  private void record(String name, boolean passed, String detail) {
    checks.add(new Check(name, passed, detail));
  }

  /** Lower-case hex without 0x, as the interchange format requires. */
  static byte[] hex(String field, String s) throws MalformedInputException {
    if (s.length() % 2 != 0 || !s.equals(s.toLowerCase(Locale.ROOT)) || !s.matches("[0-9a-f]*")) {
      throw new MalformedInputException("field " + field + " is not lower-case hex of whole bytes");
    }
    return org.bouncycastle.util.encoders.Hex.decode(s);
  }
}
