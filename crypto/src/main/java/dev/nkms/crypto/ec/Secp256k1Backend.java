package dev.nkms.crypto.ec;

/**
 * The few secp256k1 operations the rest of the code needs, on raw encodings: points are 65-byte
 * uncompressed {@code 04 ‖ x ‖ y} (never the identity), scalars 32-byte big-endian in [1, n). Two
 * implementations: libsecp256k1 through JNI ({@link AcinqBackend}) and pure-Java BouncyCastle
 * ({@link BouncyCastleBackend}). Only {@link Point} and {@link Scalar} call this; everything above
 * works with those types.
 */
public interface Secp256k1Backend {
  String name();

  /** Decodes a 33-byte compressed point; null if it is not a point on the curve. */
  byte[] decompress(byte[] compressed);

  /** k·G. Constant-time in k (both back-ends use a fixed-base comb with uniform table access). */
  byte[] mulG(byte[] k);

  /**
   * k·P. VARIABLE-TIME in k: pass only public or blinded scalars (see {@link Point#mulSecret}).
   * Null if identity.
   */
  byte[] mul(byte[] p, byte[] k);

  /** P + Q; null if the sum is the identity. */
  byte[] add(byte[] p, byte[] q);

  /**
   * Standard ECDSA verification of (r, s) over a 32-byte digest. Callers reject high-S beforehand.
   */
  boolean verifyEcdsa(byte[] publicKey, byte[] digest, byte[] rs);
}
