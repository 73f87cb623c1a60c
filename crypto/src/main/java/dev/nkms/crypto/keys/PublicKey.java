package dev.nkms.crypto.keys;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.ec.Point;
import org.bouncycastle.util.encoders.Hex;

/** A secp256k1 public key, encoded as the 33-byte compressed point. */
public final class PublicKey {
  public static final int LENGTH = Point.COMPRESSED_LENGTH;
  private final Point point;

  public PublicKey(Point point) {
    this.point = point;
  }

  /** Strict: 33 bytes, 02/03 prefix, on the curve; the identity and 04/05 forms are refused. */
  public static PublicKey fromCompressedBytes(byte[] bytes) throws MalformedInputException {
    try {
      return new PublicKey(Point.fromCompressed(bytes));
    } catch (MalformedInputException e) {
      throw new MalformedInputException("Invalid public key: " + e.getMessage());
    }
  }

  public Point point() {
    return point;
  }

  public byte[] toCompressedBytes() {
    return point.toCompressed();
  }

  public String toHex() {
    return Hex.toHexString(toCompressedBytes());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublicKey && point.equals(((PublicKey) o).point);
  }

  @Override
  public int hashCode() {
    return point.hashCode();
  }

  @Override
  public String toString() {
    return "PublicKey[" + toHex() + "]";
  }
}
