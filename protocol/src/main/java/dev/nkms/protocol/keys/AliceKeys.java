package dev.nkms.protocol.keys;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.SecretKeyFactory;
import dev.nkms.crypto.keys.Signer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Alice's secrets: a signing key (her identity: terms, kfrags, treasure maps, revocations) and a
 * key-factory seed from which each label's policy key pair is derived, {@code policyKey(label) =
 * factory.makeKey("policy/" + label)}.
 */
public final class AliceKeys {
  /** Length of {@link #toSecretBytes()}: signing key ‖ factory seed. */
  public static final int SECRET_LENGTH = 32 + SecretKeyFactory.SEED_LENGTH;

  private static final String POLICY_PREFIX = "policy/";

  private final SecretKey signingKey;
  private final SecretKeyFactory policyKeys;
  private final Signer signer;

  public AliceKeys(SecretKey signingKey, SecretKeyFactory policyKeys) {
    this.signingKey = Objects.requireNonNull(signingKey);
    this.policyKeys = Objects.requireNonNull(policyKeys);
    this.signer = new Signer(signingKey);
  }

  public static AliceKeys random(RandomSource random) {
    return new AliceKeys(SecretKey.random(random), SecretKeyFactory.random(random));
  }

  /** Inverse of {@link #toSecretBytes()}. */
  public static AliceKeys fromSecretBytes(byte[] secret) throws MalformedInputException {
    if (secret.length != SECRET_LENGTH) {
      throw new MalformedInputException(
          "Alice's keys are " + SECRET_LENGTH + " bytes, got " + secret.length);
    }
    byte[] sk = Arrays.copyOfRange(secret, 0, 32);
    byte[] seed = Arrays.copyOfRange(secret, 32, SECRET_LENGTH);
    try {
      return new AliceKeys(SecretKey.fromBEBytes(sk), SecretKeyFactory.fromSecureRandomness(seed));
    } finally {
      Arrays.fill(sk, (byte) 0);
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** Signing key ‖ factory seed: secret material, for an encrypted keystore only. */
  public byte[] toSecretBytes() {
    byte[] sk = signingKey.toSecretBytes();
    byte[] seed = policyKeys.toSecretBytes();
    byte[] out = new byte[SECRET_LENGTH];
    System.arraycopy(sk, 0, out, 0, 32);
    System.arraycopy(seed, 0, out, 32, seed.length);
    Arrays.fill(sk, (byte) 0);
    Arrays.fill(seed, (byte) 0);
    return out;
  }

  public Signer signer() {
    return signer;
  }

  public PublicKey verifyingKey() {
    return signer.verifyingKey();
  }

  /**
   * The label's policy secret key: it decrypts everything encrypted for the label, and makes its
   * kfrags.
   */
  public SecretKey policyKey(String label) {
    return policyKeys.makeKey(POLICY_PREFIX + checkLabel(label));
  }

  /** What Enrico encrypts to for this label. */
  public PublicKey policyEncryptingKey(String label) {
    return policyKey(label).publicKey();
  }

  static String checkLabel(String label) {
    if (label == null || label.isEmpty()) {
      throw new IllegalArgumentException("a label must not be empty");
    }
    return label;
  }

  @Override
  public String toString() {
    return "AliceKeys[redacted, verifying key " + verifyingKey().toHex() + "]";
  }
}
