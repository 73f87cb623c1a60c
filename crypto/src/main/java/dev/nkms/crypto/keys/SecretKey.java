package dev.nkms.crypto.keys;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import java.security.MessageDigest;

/**
 * A secp256k1 secret key: a scalar in [1, n). Its bytes leave only through {@link
 * #toSecretBytes()}.
 */
public final class SecretKey {
  private final Scalar scalar;
  private final PublicKey publicKey;

  private SecretKey(Scalar scalar) {
    this.scalar = scalar;
    this.publicKey = new PublicKey(Point.mulG(scalar));
  }

  public static SecretKey random() {
    return random(RandomSource.secure());
  }

  public static SecretKey random(RandomSource random) {
    return new SecretKey(Scalar.randomNonZero(random));
  }

  /** Strict: 32 bytes, big-endian, 0 &lt; value &lt; n. */
  public static SecretKey fromBEBytes(byte[] bytes) throws MalformedInputException {
    Scalar s = Scalar.fromBytes(bytes);
    if (s.isZero()) {
      throw new MalformedInputException("Invalid secret key: zero is not a valid secret key");
    }
    return new SecretKey(s);
  }

  /** Package-level access for key derivation. */
  static SecretKey fromNonZeroScalar(Scalar s) {
    return new SecretKey(s);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /**
   * The 32-byte big-endian secret. Named so that every export of secret material is easy to find in
   * review.
   */
  public byte[] toSecretBytes() {
    return scalar.toBytes();
  }

  /** The secret scalar, for the Umbral and signature code in this module. Never log it. */
  public Scalar secretScalar() {
    return scalar;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretKey
        && MessageDigest.isEqual(toSecretBytes(), ((SecretKey) o).toSecretBytes());
  }

  @Override
  public int hashCode() {
    return publicKey.hashCode();
  }

  @Override
  public String toString() {
    return "SecretKey[redacted, public " + publicKey.toHex() + "]";
  }
}
