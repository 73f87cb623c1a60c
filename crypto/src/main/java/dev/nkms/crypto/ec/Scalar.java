package dev.nkms.crypto.ec;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import java.math.BigInteger;
import java.security.MessageDigest;
import org.bouncycastle.math.raw.Mod;
import org.bouncycastle.math.raw.Nat256;

/**
 * An integer modulo the secp256k1 group order n, immutable. Encoded as 32 bytes big-endian;
 * decoding accepts only canonical values (&lt; n). May hold secret material, so {@link #toString()}
 * never shows the value.
 *
 * <p>Arithmetic uses {@link BigInteger}, which is not constant-time in the strict sense (its cost
 * tracks the operands' lengths). Inversion — the one operation whose cost varies a lot with the
 * value — is constant-time ({@link #invert()}); point multiplication by secret scalars is blinded
 * in {@link Point#mulSecret}.
 */
public final class Scalar {
  public static final BigInteger N =
      new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
  static final BigInteger N_MINUS_ONE = N.subtract(BigInteger.ONE);
  private static final int[] N_LIMBS = Nat256.fromBigInteger(N);
  public static final int LENGTH = 32;

  public static final Scalar ZERO = new Scalar(BigInteger.ZERO);
  public static final Scalar ONE = new Scalar(BigInteger.ONE);

  private final BigInteger value;

  private Scalar(BigInteger value) {
    this.value = value;
  }

  /**
   * Strict decoding: exactly 32 bytes, value &lt; n. Zero is allowed (callers that forbid it
   * check).
   */
  public static Scalar fromBytes(byte[] bytes) throws MalformedInputException {
    if (bytes.length != LENGTH) {
      throw new MalformedInputException(
          "Invalid length of a curve scalar: " + bytes.length + " bytes, expected 32");
    }
    BigInteger v = new BigInteger(1, bytes);
    if (v.compareTo(N) >= 0) {
      throw new MalformedInputException(
          "Invalid curve scalar representation: value is not below the group order");
    }
    return new Scalar(v);
  }

  /** Reduces an arbitrary non-negative integer mod n. */
  public static Scalar reduce(BigInteger v) {
    return new Scalar(v.mod(N));
  }

  /** hash-to-nonzero-scalar: (w mod (n − 1)) + 1 for a 32-byte digest w (spec §2.5). */
  public static Scalar fromDigestNonZero(byte[] digest) {
    return new Scalar(new BigInteger(1, digest).mod(N_MINUS_ONE).add(BigInteger.ONE));
  }

  /** rand_nz(): 32-byte draws, rejected and redrawn while ≥ n or zero (spec §2.2). */
  public static Scalar randomNonZero(RandomSource random) {
    while (true) {
      BigInteger v = new BigInteger(1, random.nextBytes(LENGTH));
      if (v.signum() != 0 && v.compareTo(N) < 0) {
        return new Scalar(v);
      }
    }
  }

  public Scalar add(Scalar o) {
    return new Scalar(value.add(o.value).mod(N));
  }

  public Scalar subtract(Scalar o) {
    return new Scalar(value.subtract(o.value).mod(N));
  }

  public Scalar multiply(Scalar o) {
    return new Scalar(value.multiply(o.value).mod(N));
  }

  public Scalar negate() {
    return new Scalar(value.negate().mod(N));
  }

  /**
   * The inverse mod n, by BouncyCastle's constant-time modular inversion (a fixed number of divstep
   * iterations over 32-bit limbs), so secret values such as nonces and hash-derived factors can be
   * inverted without blinding.
   *
   * @throws ArithmeticException for zero
   */
  public Scalar invert() {
    if (value.signum() == 0) {
      throw new ArithmeticException("zero has no inverse");
    }
    int[] z = Nat256.create();
    Mod.modOddInverse(N_LIMBS, Nat256.fromBigInteger(value), z);
    return new Scalar(Nat256.toBigInteger(z));
  }

  public boolean isZero() {
    return value.signum() == 0;
  }

  /** True if the value is above (n − 1)/2, i.e. an ECDSA s that is not low-S. */
  public boolean isHigh() {
    return value.compareTo(N.shiftRight(1)) > 0;
  }

  public byte[] toBytes() {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[LENGTH];
    int copy = Math.min(raw.length, LENGTH);
    System.arraycopy(raw, raw.length - copy, out, LENGTH - copy, copy);
    return out;
  }

  /**
   * For interop with other BigInteger-based code (ECDSA verification in the BouncyCastle back-end,
   * tests).
   */
  public BigInteger toBigInteger() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scalar && MessageDigest.isEqual(toBytes(), ((Scalar) o).toBytes());
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Scalar[redacted]";
  }
}
