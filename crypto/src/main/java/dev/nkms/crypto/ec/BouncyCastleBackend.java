package dev.nkms.crypto.ec;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Pure-Java fallback on BouncyCastle's specialised secp256k1 curve (GLV, 32-bit limb field
 * arithmetic).
 */
final class BouncyCastleBackend implements Secp256k1Backend {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  private static final ECCurve CURVE = PARAMS.getCurve();
  private static final ECDomainParameters DOMAIN =
      new ECDomainParameters(CURVE, PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  private static final FixedPointCombMultiplier COMB = new FixedPointCombMultiplier();

  @Override
  public String name() {
    return "BouncyCastle (pure Java)";
  }

  @Override
  public byte[] decompress(byte[] compressed) {
    if (compressed.length != 33 || (compressed[0] != 2 && compressed[0] != 3)) {
      return null;
    }
    try {
      return CURVE.decodePoint(compressed).getEncoded(false);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public byte[] mulG(byte[] k) {
    return encode(COMB.multiply(PARAMS.getG(), new BigInteger(1, k)));
  }

  @Override
  public byte[] mul(byte[] p, byte[] k) {
    return encode(point(p).multiply(new BigInteger(1, k)));
  }

  @Override
  public byte[] add(byte[] p, byte[] q) {
    return encode(point(p).add(point(q)));
  }

  @Override
  public boolean verifyEcdsa(byte[] publicKey, byte[] digest, byte[] rs) {
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, new ECPublicKeyParameters(point(publicKey), DOMAIN));
    byte[] r = new byte[32];
    byte[] s = new byte[32];
    System.arraycopy(rs, 0, r, 0, 32);
    System.arraycopy(rs, 32, s, 0, 32);
    return verifier.verifySignature(digest, new BigInteger(1, r), new BigInteger(1, s));
  }

  private static ECPoint point(byte[] uncompressed) {
    // Inputs come from Point, which only holds validated points; skip the redundant curve check.
    byte[] x = new byte[32];
    byte[] y = new byte[32];
    System.arraycopy(uncompressed, 1, x, 0, 32);
    System.arraycopy(uncompressed, 33, y, 0, 32);
    return CURVE.createPoint(new BigInteger(1, x), new BigInteger(1, y));
  }

  private static byte[] encode(ECPoint p) {
    ECPoint n = p.normalize();
    return n.isInfinity() ? null : n.getEncoded(false);
  }
}
