package dev.nkms.crypto.ec;

import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.P;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.concat;
import static dev.nkms.crypto.TestFixtures.hex;
import static dev.nkms.crypto.TestFixtures.randomScalar;
import static dev.nkms.crypto.TestFixtures.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PointTest {
  private static final String G_COMPRESSED =
      "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";
  private static final BigInteger GX =
      new BigInteger("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", 16);
  private static final BigInteger GY =
      new BigInteger("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8", 16);

  /**
   * Smallest x ≥ start for which x³ + 7 is a quadratic non-residue mod p, i.e. no curve point has
   * that x.
   */
  static BigInteger xNotOnCurve(BigInteger start) {
    BigInteger exp = P.subtract(BigInteger.ONE).shiftRight(1);
    for (BigInteger x = start; ; x = x.add(BigInteger.ONE)) {
      BigInteger rhs = x.pow(3).add(BigInteger.valueOf(7)).mod(P);
      if (rhs.modPow(exp, P).equals(P.subtract(BigInteger.ONE))) {
        return x;
      }
    }
  }

  static boolean onCurve(BigInteger x, BigInteger y) {
    return y.modPow(BigInteger.TWO, P).equals(x.pow(3).add(BigInteger.valueOf(7)).mod(P));
  }

  @Test
  void generatorIsTheSpecG() {
    assertThat(hex(Point.generator().toCompressed())).isEqualTo(G_COMPRESSED);
    assertThat(Point.generator().coordinates()).containsExactly(GX, GY);
    assertThat(Point.mulG(Scalar.ONE)).isEqualTo(Point.generator());
  }

  @Test
  void nMinusOneTimesGIsMinusG() {
    Point minusG = Point.mulG(scalar(N.subtract(BigInteger.ONE)));
    assertThat(hex(minusG.toCompressed()))
        .isEqualTo("0379be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    assertThat(minusG).isEqualTo(Point.generator().negate());
  }

  @Test
  void compressedEncodingRoundTripsAndUncompressedIsOnCurve() throws Exception {
    SplittableRandom rnd = new SplittableRandom(10);
    int odd = 0;
    for (int i = 0; i < 200; i++) {
      Point p = Point.mulG(randomScalar(rnd));
      byte[] c = p.toCompressed();
      assertThat(c).hasSize(33);
      assertThat(c[0]).isIn((byte) 2, (byte) 3);
      odd += c[0] == 3 ? 1 : 0;
      assertThat(Point.fromCompressed(c)).isEqualTo(p);
      byte[] u = p.toUncompressed();
      assertThat(u).hasSize(65);
      assertThat(u[0]).isEqualTo((byte) 4);
      BigInteger[] xy = p.coordinates();
      assertThat(onCurve(xy[0], xy[1])).isTrue();
      assertThat(c[0] & 1).isEqualTo(xy[1].testBit(0) ? 1 : 0);
      byte[] written = new byte[40];
      p.writeCompressed(written, 5);
      assertThat(java.util.Arrays.copyOfRange(written, 5, 38)).isEqualTo(c);
    }
    assertThat(odd).isBetween(60, 140); // both parities actually occur
  }

  @Test
  void rejectsWrongLengthsIncludingIdentityAndUncompressed() {
    byte[][] inputs = {
      new byte[0], new byte[] {0}, new byte[32], new byte[34], Point.generator().toUncompressed()
    };
    for (byte[] in : inputs) {
      assertThatThrownBy(() -> Point.fromCompressed(in))
          .isInstanceOf(MalformedInputException.class)
          .hasMessageContaining(in.length + " bytes, expected 33");
    }
  }

  @Test
  void rejectsPrefixesOtherThan02And03() {
    byte[] g = Point.generator().toCompressed();
    for (int prefix : new int[] {0x00, 0x01, 0x04, 0x05, 0x06, 0x07, 0x82, 0xff}) {
      byte[] in = g.clone();
      in[0] = (byte) prefix;
      assertThatThrownBy(() -> Point.fromCompressed(in))
          .isInstanceOf(MalformedInputException.class)
          .hasMessageContaining(String.format("prefix 0x%02x", prefix));
    }
    assertThatThrownBy(() -> Point.fromCompressed(new byte[33]))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("prefix 0x00");
  }

  @Test
  void rejectsXNotBelowP() {
    BigInteger[] xs = {
      P, P.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
    };
    for (BigInteger x : xs) {
      for (int prefix : new int[] {2, 3}) {
        byte[] in = concat(new byte[] {(byte) prefix}, be32(x));
        assertThatThrownBy(() -> Point.fromCompressed(in))
            .isInstanceOf(MalformedInputException.class)
            .hasMessageContaining("Invalid curve point representation");
      }
    }
  }

  @Test
  void rejectsXThatIsNotOnTheCurve() {
    BigInteger x = xNotOnCurve(BigInteger.ZERO);
    BigInteger x2 = xNotOnCurve(GX.add(BigInteger.ONE));
    for (BigInteger bad : new BigInteger[] {x, x2}) {
      for (int prefix : new int[] {2, 3}) {
        byte[] in = concat(new byte[] {(byte) prefix}, be32(bad));
        assertThatThrownBy(() -> Point.fromCompressed(in))
            .isInstanceOf(MalformedInputException.class)
            .hasMessageContaining("Invalid curve point representation");
      }
    }
  }

  @Test
  void zeroMultiplesAreRefusedAsInfinity() {
    Point g = Point.generator();
    assertThatThrownBy(() -> Point.mulG(Scalar.ZERO)).isInstanceOf(PointAtInfinityException.class);
    assertThatThrownBy(() -> g.mulPublic(Scalar.ZERO)).isInstanceOf(PointAtInfinityException.class);
    assertThatThrownBy(() -> g.mulSecret(Scalar.ZERO)).isInstanceOf(PointAtInfinityException.class);
  }

  @Test
  void additionToTheNegationIsInfinity() {
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 20; i++) {
      Point p = Point.mulG(randomScalar(rnd));
      assertThatThrownBy(() -> p.add(p.negate()))
          .isInstanceOf(PointAtInfinityException.class)
          .hasMessageContaining("infinity");
      assertThatThrownBy(() -> p.subtract(p)).isInstanceOf(PointAtInfinityException.class);
    }
  }

  @Test
  void smallMultiplesMatchRepeatedAddition() {
    Point g = Point.generator();
    Point acc = g;
    for (int k = 2; k <= 25; k++) {
      acc = acc.add(g);
      Scalar s = scalar(BigInteger.valueOf(k));
      assertThat(Point.mulG(s)).as("%d·G", k).isEqualTo(acc);
      assertThat(g.mulPublic(s)).isEqualTo(acc);
      assertThat(g.mulSecret(s)).isEqualTo(acc);
    }
    assertThat(g.add(g)).isEqualTo(Point.mulG(scalar(BigInteger.TWO))); // the doubling path
  }

  @Test
  void multiplicationIsAHomomorphism() {
    SplittableRandom rnd = new SplittableRandom(12);
    for (int i = 0; i < 40; i++) {
      Scalar a = randomScalar(rnd);
      Scalar b = randomScalar(rnd);
      Point aG = Point.mulG(a);
      assertThat(Point.mulG(a.add(b))).isEqualTo(aG.add(Point.mulG(b)));
      assertThat(Point.mulG(a.multiply(b))).isEqualTo(aG.mulPublic(b));
      assertThat(aG.mulSecret(b)).isEqualTo(aG.mulPublic(b));
      assertThat(aG.subtract(Point.mulG(b))).isEqualTo(Point.mulG(a.subtract(b)));
      assertThat(aG.negate()).isEqualTo(Point.mulG(a.negate()));
      assertThat(aG.negate().negate()).isEqualTo(aG);
    }
  }

  @Test
  void negationFlipsOnlyTheParityPrefix() {
    Point p = Point.mulG(scalar(BigInteger.valueOf(987654321)));
    byte[] c = p.toCompressed();
    byte[] n = p.negate().toCompressed();
    assertThat(n[0]).isEqualTo((byte) (c[0] ^ 1));
    assertThat(java.util.Arrays.copyOfRange(n, 1, 33))
        .isEqualTo(java.util.Arrays.copyOfRange(c, 1, 33));
    BigInteger[] xy = p.coordinates();
    assertThat(p.negate().coordinates()[1]).isEqualTo(P.subtract(xy[1]));
  }

  @Test
  void equalityAndToString() throws Exception {
    Point a = Point.mulG(scalar(BigInteger.valueOf(5)));
    Point b = Point.fromCompressed(a.toCompressed());
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(a.negate());
    assertThat(a.toString()).contains(hex(a.toCompressed()));
  }
}
