package dev.nkms.crypto.keys;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.primitives.HedgedRfc6979;
import dev.nkms.crypto.primitives.ScalarDigest;
import java.math.BigInteger;

/**
 * Signs with hedged RFC 6979 nonces (32 random bytes of added entropy per signature; spec §2.7) and
 * emits low-S. R = k·G uses the constant-time fixed-base path; k⁻¹ is a blinded inversion.
 */
public final class Signer {
  private final SecretKey signingKey;

  public Signer(SecretKey signingKey) {
    this.signingKey = signingKey;
  }

  public PublicKey verifyingKey() {
    return signingKey.publicKey();
  }

  public Signature sign(byte[] message) {
    return sign(message, RandomSource.secure());
  }

  /** Draws exactly 32 bytes from {@code random} (the added entropy). */
  public Signature sign(byte[] message, RandomSource random) {
    byte[] h = ScalarDigest.sha256(message);
    byte[] ad = random.nextBytes(32);
    byte[] x = signingKey.toSecretBytes();
    try {
      Scalar k = HedgedRfc6979.nonce(x, h, ad);
      BigInteger rx = Point.mulG(k).coordinates()[0];
      Scalar r = Scalar.reduce(rx);
      Scalar z = Scalar.reduce(new BigInteger(1, h));
      Scalar s = k.invert().multiply(z.add(r.multiply(signingKey.secretScalar())));
      if (r.isZero() || s.isZero()) {
        // Probability ~2^-256; RFC 6979 would continue its loop, the reference would fail the same
        // way.
        throw new IllegalStateException("degenerate ECDSA nonce");
      }
      return new Signature(r, s.isHigh() ? s.negate() : s);
    } finally {
      java.util.Arrays.fill(x, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "Signer[" + verifyingKey().toHex() + "]";
  }
}
