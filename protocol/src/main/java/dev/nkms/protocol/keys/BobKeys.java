package dev.nkms.protocol.keys;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Bob's secrets: a signing key (authenticates his re-encryption requests) and an encrypting key
 * (kfrags target it).
 */
public final class BobKeys {
  /** Length of {@link #toSecretBytes()}: signing key ‖ encrypting key. */
  public static final int SECRET_LENGTH = 64;

  private final SecretKey signingKey;
  private final SecretKey encryptingKey;
  private final Signer signer;

  public BobKeys(SecretKey signingKey, SecretKey encryptingKey) {
    this.signingKey = Objects.requireNonNull(signingKey);
    this.encryptingKey = Objects.requireNonNull(encryptingKey);
    if (signingKey.publicKey().equals(encryptingKey.publicKey())) {
      throw new IllegalArgumentException("Bob's signing and encrypting keys must differ");
    }
    this.signer = new Signer(signingKey);
  }

  public static BobKeys random(RandomSource random) {
    return new BobKeys(SecretKey.random(random), SecretKey.random(random));
  }

  /** Inverse of {@link #toSecretBytes()}. */
  public static BobKeys fromSecretBytes(byte[] secret) throws MalformedInputException {
    if (secret.length != SECRET_LENGTH) {
      throw new MalformedInputException(
          "Bob's keys are " + SECRET_LENGTH + " bytes, got " + secret.length);
    }
    byte[] s = Arrays.copyOfRange(secret, 0, 32);
    byte[] e = Arrays.copyOfRange(secret, 32, 64);
    try {
      return new BobKeys(SecretKey.fromBEBytes(s), SecretKey.fromBEBytes(e));
    } finally {
      Arrays.fill(s, (byte) 0);
      Arrays.fill(e, (byte) 0);
    }
  }

  /** Signing key ‖ encrypting key: secret material, for an encrypted keystore only. */
  public byte[] toSecretBytes() {
    byte[] s = signingKey.toSecretBytes();
    byte[] e = encryptingKey.toSecretBytes();
    byte[] out = new byte[SECRET_LENGTH];
    System.arraycopy(s, 0, out, 0, 32);
    System.arraycopy(e, 0, out, 32, 32);
    Arrays.fill(s, (byte) 0);
    Arrays.fill(e, (byte) 0);
    return out;
  }

  public Signer signer() {
    return signer;
  }

  public SecretKey encryptingKey() {
    return encryptingKey;
  }

  /** The public half, to hand to Alice. */
  public BobCard card() {
    return new BobCard(signer.verifyingKey(), encryptingKey.publicKey());
  }

  @Override
  public String toString() {
    return "BobKeys[redacted, " + card() + "]";
  }
}
