package dev.nkms.crypto.umbral;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.ec.Point;
import org.bouncycastle.util.encoders.Hex;

/**
 * The scheme's one parameter, U = hash_to_curve("POINT_U", DST "PARAMETERS") with RFC 9380
 * secp256k1_XMD:SHA-256_SSWU_RO_ (spec §2.4). Hard-coded; a test re-derives it.
 */
public final class Parameters {
  static final byte[] U_BYTES =
      Hex.decode("03079390d0fbe220fc34aab8ecbf49098098036820fadb98c03143e55db8ec73cd");
  private static final Point U = decode();

  private Parameters() {}

  public static Point u() {
    return U;
  }

  private static Point decode() {
    try {
      return Point.fromCompressed(U_BYTES);
    } catch (MalformedInputException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
