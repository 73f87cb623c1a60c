package dev.nkms.crypto.keys;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.ec.Backends;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.primitives.ScalarDigest;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * ECDSA/secp256k1 over SHA-256(message), encoded {@code r ‖ s} (64 bytes). Always low-S: high-S
 * encodings are refused at parse time, so every signature has exactly one encoding (the reference
 * 0.10.0 accepts both; current k256 refuses high-S, and so do we).
 */
public final class Signature {
  public static final int LENGTH = 64;
  private final Scalar r;
  private final Scalar s;

  Signature(Scalar r, Scalar s) {
    this.r = r;
    this.s = s;
  }

  public static Signature fromBEBytes(byte[] bytes) throws MalformedInputException {
    if (bytes.length != LENGTH) {
      throw new MalformedInputException(
          "Invalid signature: " + bytes.length + " bytes, expected 64 (r ‖ s)");
    }
    Scalar r;
    Scalar s;
    try {
      r = Scalar.fromBytes(Arrays.copyOfRange(bytes, 0, 32));
      s = Scalar.fromBytes(Arrays.copyOfRange(bytes, 32, 64));
    } catch (MalformedInputException e) {
      throw new MalformedInputException("Invalid signature: r or s is not below the group order");
    }
    if (r.isZero() || s.isZero()) {
      throw new MalformedInputException("Invalid signature: r and s must be non-zero");
    }
    if (s.isHigh()) {
      throw new MalformedInputException(
          "Invalid signature: s is not low-S normalized (malleable encoding)");
    }
    return new Signature(r, s);
  }

  public byte[] toBEBytes() {
    byte[] out = new byte[LENGTH];
    System.arraycopy(r.toBytes(), 0, out, 0, 32);
    System.arraycopy(s.toBytes(), 0, out, 32, 32);
    return out;
  }

  /** Standard ECDSA verification of this signature over SHA-256(message). */
  public boolean verify(PublicKey verifyingKey, byte[] message) {
    return Backends.active()
        .verifyEcdsa(
            verifyingKey.point().toUncompressed(), ScalarDigest.sha256(message), toBEBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Signature && r.equals(((Signature) o).r) && s.equals(((Signature) o).s);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBEBytes());
  }

  @Override
  public String toString() {
    return "Signature[" + Hex.toHexString(toBEBytes()) + "]";
  }
}
