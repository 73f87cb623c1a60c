package dev.nkms.crypto.ec;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * RFC 9380 hash-to-curve for the suite {@code secp256k1_XMD:SHA-256_SSWU_RO_}.
 *
 * <p>TEST-ONLY. This exists so the tests can re-derive the hard-coded Umbral parameter point U (=
 * hash_to_curve(msg "POINT_U", DST "PARAMETERS")) instead of trusting a pasted constant. It is
 * written straight from the RFC text for clarity: plain BigInteger arithmetic, variable-time square
 * roots and inversions, no side-channel care. Do not use it for secret inputs.
 */
final class Secp256k1HashToCurve {

  static final BigInteger P =
      BigInteger.ONE
          .shiftLeft(256)
          .subtract(BigInteger.ONE.shiftLeft(32))
          .subtract(BigInteger.valueOf(977));

  // E': y^2 = x^3 + A'x + B', 3-isogenous to secp256k1 (RFC 9380, Section 8.7).
  private static final BigInteger A_ISO =
      hex("3f8731abdd661adca08a5558f0f5d272e953d363cb6f0e5d405447c01a444533");
  private static final BigInteger B_ISO = BigInteger.valueOf(1771);
  private static final BigInteger Z = P.subtract(BigInteger.valueOf(11));

  // 3-isogeny map constants, RFC 9380 Appendix E.1. Index j holds k_(i,j).
  private static final BigInteger[] K1 = {
    hex("8e38e38e38e38e38e38e38e38e38e38e38e38e38e38e38e38e38e38daaaaa8c7"),
    hex("07d3d4c80bc321d5b9f315cea7fd44c5d595d2fc0bf63b92dfff1044f17c6581"),
    hex("534c328d23f234e6e2a413deca25caece4506144037c40314ecbd0b53d9dd262"),
    hex("8e38e38e38e38e38e38e38e38e38e38e38e38e38e38e38e38e38e38daaaaa88c")
  };
  private static final BigInteger[] K2 = {
    hex("d35771193d94918a9ca34ccbb7b640dd86cd409542f8487d9fe6b745781eb49b"),
    hex("edadc6f64383dc1df7c4b2d51b54225406d36b641f5e41bbc52a56612a8c6d14")
  };
  private static final BigInteger[] K3 = {
    hex("4bda12f684bda12f684bda12f684bda12f684bda12f684bda12f684b8e38e23c"),
    hex("c75e0c32d5cb7c0fa9d0a54b12a0a6d5647ab046d686da6fdffc90fc201d71a3"),
    hex("29a6194691f91a73715209ef6512e576722830a201be2018a765e85a9ecee931"),
    hex("2f684bda12f684bda12f684bda12f684bda12f684bda12f684bda12f38e38d84")
  };
  private static final BigInteger[] K4 = {
    hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffff93b"),
    hex("7a06534bb8bdb49fd5e9e6632722c2989467c1bfc8e8d978dfb425d2685c2573"),
    hex("6484aa716545ca2cf3a70c3fa8fe337e0a3d21162f0d6299a7bf8192bfd2a76f")
  };

  private static final ECCurve CURVE = CustomNamedCurves.getByName("secp256k1").getCurve();

  private Secp256k1HashToCurve() {}

  /** hash_to_curve(msg, dst) as a 33-byte SEC1 compressed point. */
  static byte[] hashToCurveCompressed(byte[] msg, byte[] dst) {
    BigInteger[] xy = hashToCurveAffine(msg, dst);
    return CURVE.createPoint(xy[0], xy[1]).getEncoded(true);
  }

  /** hash_to_curve(msg, dst) as affine {x, y}. Cofactor clearing is a no-op (h = 1). */
  static BigInteger[] hashToCurveAffine(byte[] msg, byte[] dst) {
    BigInteger[] u = hashToField(msg, dst);
    BigInteger[] q0 = mapToCurve(u[0]);
    BigInteger[] q1 = mapToCurve(u[1]);
    ECPoint r = CURVE.createPoint(q0[0], q0[1]).add(CURVE.createPoint(q1[0], q1[1])).normalize();
    if (r.isInfinity()) {
      throw new IllegalStateException("Q0 + Q1 is the point at infinity");
    }
    return new BigInteger[] {
      r.getAffineXCoord().toBigInteger(), r.getAffineYCoord().toBigInteger()
    };
  }

  /** hash_to_field with count = 2, m = 1, L = 48 (RFC 9380, Section 5.2). */
  static BigInteger[] hashToField(byte[] msg, byte[] dst) {
    byte[] uniform = expandMessageXmd(msg, dst, 2 * 48);
    return new BigInteger[] {
      new BigInteger(1, Arrays.copyOfRange(uniform, 0, 48)).mod(P),
      new BigInteger(1, Arrays.copyOfRange(uniform, 48, 96)).mod(P)
    };
  }

  /** expand_message_xmd with SHA-256: b_in_bytes = 32, s_in_bytes = 64 (Section 5.3.1). */
  static byte[] expandMessageXmd(byte[] msg, byte[] dst, int lenInBytes) {
    int ell = (lenInBytes + 31) / 32;
    if (ell > 255 || lenInBytes > 65535 || dst.length > 255) {
      throw new IllegalArgumentException("expand_message_xmd: invalid lengths");
    }
    byte[] dstPrime = concat(dst, new byte[] {(byte) dst.length});
    byte[] msgPrime =
        concat(
            new byte[64],
            msg,
            new byte[] {(byte) (lenInBytes >>> 8), (byte) lenInBytes, 0},
            dstPrime);
    byte[] b0 = sha256(msgPrime);
    byte[] bi = sha256(concat(b0, new byte[] {1}, dstPrime));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(bi);
    for (int i = 2; i <= ell; i++) {
      byte[] x = new byte[32];
      for (int j = 0; j < 32; j++) {
        x[j] = (byte) (b0[j] ^ bi[j]);
      }
      bi = sha256(concat(x, new byte[] {(byte) i}, dstPrime));
      out.writeBytes(bi);
    }
    return Arrays.copyOf(out.toByteArray(), lenInBytes);
  }

  /** map_to_curve: simplified SWU onto E' (Section 6.6.2), then the 3-isogeny to secp256k1. */
  static BigInteger[] mapToCurve(BigInteger u) {
    BigInteger u2 = mul(u, u);
    BigInteger zu2 = mul(Z, u2);
    BigInteger tv1 = inv0(mul(zu2, zu2).add(zu2).mod(P));
    BigInteger x1 =
        tv1.signum() == 0
            ? mul(B_ISO, inv0(mul(Z, A_ISO)))
            : mul(mul(B_ISO.negate().mod(P), inv0(A_ISO)), BigInteger.ONE.add(tv1));
    BigInteger gx1 = gIso(x1);
    BigInteger y1 = sqrtCandidate(gx1);
    boolean gx1IsSquare = mul(y1, y1).equals(gx1);
    BigInteger x = gx1IsSquare ? x1 : mul(zu2, x1); // x2 = Z * u^2 * x1
    BigInteger y = gx1IsSquare ? y1 : sqrtCandidate(gIso(x));
    if (sgn0(u) != sgn0(y)) {
      y = P.subtract(y).mod(P);
    }
    return isoMap(x, y);
  }

  /** The 3-isogeny E' -> secp256k1, RFC 9380 Appendix E.1. */
  private static BigInteger[] isoMap(BigInteger x, BigInteger y) {
    BigInteger xNum = horner(x, K1[3], K1[2], K1[1], K1[0]);
    BigInteger xDen = horner(x, BigInteger.ONE, K2[1], K2[0]);
    BigInteger yNum = horner(x, K3[3], K3[2], K3[1], K3[0]);
    BigInteger yDen = horner(x, BigInteger.ONE, K4[2], K4[1], K4[0]);
    // A zero denominator (the isogeny's kernel, negligible probability) would need to map to the
    // identity; this test helper does not handle it.
    return new BigInteger[] {mul(xNum, inv0(xDen)), mul(y, mul(yNum, inv0(yDen)))};
  }

  /** Evaluates a polynomial with coefficients from highest to lowest degree. */
  private static BigInteger horner(BigInteger x, BigInteger... coeffs) {
    BigInteger acc = BigInteger.ZERO;
    for (BigInteger c : coeffs) {
      acc = mul(acc, x).add(c).mod(P);
    }
    return acc;
  }

  private static BigInteger gIso(BigInteger x) {
    return mul(mul(x, x), x).add(mul(A_ISO, x)).add(B_ISO).mod(P);
  }

  /** p = 3 mod 4, so a^((p+1)/4) is a square root of a whenever one exists. */
  private static BigInteger sqrtCandidate(BigInteger a) {
    return a.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
  }

  private static int sgn0(BigInteger a) {
    return a.mod(P).testBit(0) ? 1 : 0;
  }

  private static BigInteger inv0(BigInteger a) {
    return a.modPow(P.subtract(BigInteger.TWO), P);
  }

  private static BigInteger mul(BigInteger a, BigInteger b) {
    return a.multiply(b).mod(P);
  }

  private static BigInteger hex(String s) {
    return new BigInteger(s, 16);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
