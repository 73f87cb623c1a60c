package dev.nkms.crypto.ec;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Randomness for side-channel blinding only. It never comes from the caller's {@code RandomSource}:
 * blinds do not change any output, and drawing them from the protocol stream would shift the spec's
 * byte offsets.
 */
final class Blinding {
  private static final ThreadLocal<SecureRandom> RANDOM =
      ThreadLocal.withInitial(Blinding::newRandom);

  private Blinding() {}

  static Scalar nonZeroScalar() {
    byte[] b = new byte[32];
    SecureRandom r = RANDOM.get();
    while (true) {
      r.nextBytes(b);
      BigInteger v = new BigInteger(1, b);
      if (v.signum() != 0 && v.compareTo(Scalar.N) < 0) {
        return Scalar.reduce(v);
      }
    }
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
