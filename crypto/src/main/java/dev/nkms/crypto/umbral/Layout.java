package dev.nkms.crypto.umbral;

import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.keys.Signature;

/**
 * Writes the canonical compact MessagePack forms (spec §4): fixarrays of bin8 fields, c2/c3
 * booleans.
 */
final class Layout {
  private final byte[] out;
  private int pos;

  Layout(int length) {
    out = new byte[length];
  }

  Layout array(int elements) {
    out[pos++] = (byte) (0x90 | elements);
    return this;
  }

  Layout bin(byte[] b) {
    out[pos++] = (byte) 0xc4;
    out[pos++] = (byte) b.length;
    System.arraycopy(b, 0, out, pos, b.length);
    pos += b.length;
    return this;
  }

  Layout point(Point p) {
    out[pos++] = (byte) 0xc4;
    out[pos++] = (byte) Point.COMPRESSED_LENGTH;
    p.writeCompressed(out, pos);
    pos += Point.COMPRESSED_LENGTH;
    return this;
  }

  Layout scalar(Scalar s) {
    return bin(s.toBytes());
  }

  Layout signature(Signature s) {
    return bin(s.toBEBytes());
  }

  Layout bool(boolean b) {
    out[pos++] = (byte) (b ? 0xc3 : 0xc2);
    return this;
  }

  byte[] done() {
    if (pos != out.length) {
      throw new IllegalStateException("layout wrote " + pos + " of " + out.length + " bytes");
    }
    return out;
  }
}
