package dev.nkms.crypto.keys;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.primitives.Hkdf;
import dev.nkms.crypto.primitives.ScalarDigest;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic derivation of labelled secret keys from one 32-byte seed (spec §2.9), e.g. one
 * policy key pair per label for Alice.
 */
public final class SecretKeyFactory {
  public static final int SEED_LENGTH = 32;
  private final byte[] seed;

  private SecretKeyFactory(byte[] seed) {
    this.seed = seed;
  }

  public static SecretKeyFactory random(RandomSource random) {
    return new SecretKeyFactory(random.nextBytes(SEED_LENGTH));
  }

  public static SecretKeyFactory fromSecureRandomness(byte[] seed) throws MalformedInputException {
    if (seed.length != SEED_LENGTH) {
      throw new MalformedInputException(
          "Invalid key factory seed: " + seed.length + " bytes, expected 32");
    }
    return new SecretKeyFactory(seed.clone());
  }

  public SecretKey makeKey(byte[] label) {
    byte[] info = concat("KEY_DERIVATION/", label);
    byte[] key = Hkdf.sha256(seed, null, info, 64);
    return SecretKey.fromNonZeroScalar(ScalarDigest.withTag(info).chain(key).finish());
  }

  public SecretKey makeKey(String label) {
    return makeKey(label.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] makeSecret(byte[] label) {
    return Hkdf.sha256(seed, null, concat("SECRET_DERIVATION/", label), 64);
  }

  public SecretKeyFactory makeFactory(byte[] label) {
    return new SecretKeyFactory(
        Hkdf.sha256(seed, null, concat("FACTORY_DERIVATION/", label), SEED_LENGTH));
  }

  /** The seed, for an encrypted keystore. */
  public byte[] toSecretBytes() {
    return seed.clone();
  }

  private static byte[] concat(String prefix, byte[] label) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[p.length + label.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(label, 0, out, p.length, label.length);
    return out;
  }

  @Override
  public String toString() {
    return "SecretKeyFactory[redacted]";
  }
}
