package dev.nkms.crypto.ec;

import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.filled;
import static dev.nkms.crypto.TestFixtures.hex;
import static dev.nkms.crypto.TestFixtures.randomScalarValue;
import static dev.nkms.crypto.TestFixtures.scalar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.TestFixtures.CountingSource;
import dev.nkms.crypto.TestFixtures.ScriptedSource;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScalarTest {
  private static final BigInteger TWO_256_MINUS_1 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  @Test
  void decodesCanonicalValuesIncludingZeroAndNMinusOne() throws Exception {
    assertThat(Scalar.fromBytes(new byte[32]).isZero()).isTrue();
    assertThat(Scalar.fromBytes(be32(N.subtract(BigInteger.ONE))).toBigInteger())
        .isEqualTo(N.subtract(BigInteger.ONE));
    assertThat(Scalar.fromBytes(be32(BigInteger.ONE))).isEqualTo(Scalar.ONE);
  }

  @Test
  void rejectsNonCanonicalValues() {
    assertThatThrownBy(() -> Scalar.fromBytes(be32(N)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("Invalid curve scalar representation");
    assertThatThrownBy(() -> Scalar.fromBytes(be32(TWO_256_MINUS_1)))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("Invalid curve scalar representation");
  }

  @Test
  void rejectsWrongLengths() {
    for (int len : new int[] {0, 1, 31, 33, 64}) {
      assertThatThrownBy(() -> Scalar.fromBytes(new byte[len]))
          .isInstanceOf(MalformedInputException.class)
          .hasMessageContaining("Invalid length of a curve scalar")
          .hasMessageContaining(len + " bytes");
    }
  }

  @Test
  void encodingRoundTripsAndPadsSmallValues() throws Exception {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < 300; i++) {
      // Values of every bit length, so leading zero bytes are exercised.
      BigInteger v = randomScalarValue(rnd).shiftRight(rnd.nextInt(256));
      byte[] enc = be32(v);
      Scalar s = Scalar.fromBytes(enc);
      assertThat(s.toBytes()).isEqualTo(enc);
      assertThat(s.toBigInteger()).isEqualTo(v);
    }
  }

  @Test
  void hashToScalarReducesModNMinusOneThenAddsOne() {
    BigInteger nMinus1 = N.subtract(BigInteger.ONE);
    // w = n − 2 → n − 1 (the largest output).
    assertThat(Scalar.fromDigestNonZero(be32(N.subtract(BigInteger.TWO))).toBigInteger())
        .isEqualTo(nMinus1);
    // w = n − 1 → 1: reducing mod n instead would give n − 1 here.
    assertThat(Scalar.fromDigestNonZero(be32(nMinus1)).toBigInteger()).isEqualTo(BigInteger.ONE);
    // w = n → 2 (mod n would give 0).
    assertThat(Scalar.fromDigestNonZero(be32(N)).toBigInteger()).isEqualTo(BigInteger.TWO);
    // w = 0 → 1: never zero.
    assertThat(Scalar.fromDigestNonZero(new byte[32]).toBigInteger()).isEqualTo(BigInteger.ONE);
    assertThat(Scalar.fromDigestNonZero(filled(32, 0xff)).toBigInteger())
        .isEqualTo(TWO_256_MINUS_1.mod(nMinus1).add(BigInteger.ONE));
    SplittableRandom rnd = new SplittableRandom(2);
    for (int i = 0; i < 200; i++) {
      byte[] w = new byte[32];
      rnd.nextBytes(w);
      Scalar s = Scalar.fromDigestNonZero(w);
      assertThat(s.toBigInteger()).isEqualTo(new BigInteger(1, w).mod(nMinus1).add(BigInteger.ONE));
      assertThat(s.isZero()).isFalse();
    }
  }

  @Test
  void randomNonZeroRejectsAndRedrawsOutOfRangeCandidates() {
    byte[] valid = be32(BigInteger.valueOf(12345));
    ScriptedSource source = new ScriptedSource(be32(N), new byte[32], filled(32, 0xff), valid);
    Scalar s = Scalar.randomNonZero(source);
    assertThat(s.toBytes()).isEqualTo(valid);
    assertThat(source.remaining()).isZero();
  }

  @Test
  void randomNonZeroUsesTheDrawnBytesAsIsWithoutReduction() {
    byte[] nMinus1 = be32(N.subtract(BigInteger.ONE));
    CountingSource counting = new CountingSource(new ScriptedSource(nMinus1));
    assertThat(Scalar.randomNonZero(counting).toBytes()).isEqualTo(nMinus1);
    assertThat(counting.bytes()).isEqualTo(32);
    assertThat(counting.requests()).isEqualTo(1);
  }

  @Test
  void arithmeticAgreesWithBigIntegerModN() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 300; i++) {
      BigInteger a = randomScalarValue(rnd);
      BigInteger b = randomScalarValue(rnd);
      Scalar sa = scalar(a);
      Scalar sb = scalar(b);
      assertThat(sa.add(sb).toBigInteger()).isEqualTo(a.add(b).mod(N));
      assertThat(sa.subtract(sb).toBigInteger()).isEqualTo(a.subtract(b).mod(N));
      assertThat(sa.multiply(sb).toBigInteger()).isEqualTo(a.multiply(b).mod(N));
      assertThat(sa.negate().toBigInteger()).isEqualTo(a.negate().mod(N));
      assertThat(sa.invert().toBigInteger()).isEqualTo(a.modInverse(N));
      assertThat(sa.multiply(sa.invert())).isEqualTo(Scalar.ONE);
    }
    assertThat(Scalar.ZERO.negate()).isEqualTo(Scalar.ZERO);
    assertThat(scalar(N.subtract(BigInteger.ONE)).add(Scalar.ONE)).isEqualTo(Scalar.ZERO);
  }

  @Test
  void zeroHasNoInverse() {
    assertThatThrownBy(Scalar.ZERO::invert).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void isHighBoundaryIsHalfTheOrder() {
    BigInteger half = N.shiftRight(1); // (n − 1) / 2
    assertThat(scalar(half).isHigh()).isFalse();
    assertThat(scalar(half.add(BigInteger.ONE)).isHigh()).isTrue();
    assertThat(scalar(N.subtract(BigInteger.ONE)).isHigh()).isTrue();
    assertThat(Scalar.ONE.isHigh()).isFalse();
  }

  @Test
  void reduceTakesAnyNonNegativeInteger() {
    assertThat(Scalar.reduce(N).isZero()).isTrue();
    assertThat(Scalar.reduce(N.add(BigInteger.TEN)).toBigInteger()).isEqualTo(BigInteger.TEN);
    assertThat(Scalar.reduce(TWO_256_MINUS_1).toBigInteger()).isEqualTo(TWO_256_MINUS_1.mod(N));
  }

  @Test
  void equalityIsByValue() {
    Scalar a = scalar(BigInteger.valueOf(77));
    Scalar b = scalar(BigInteger.valueOf(77));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(scalar(BigInteger.valueOf(78)));
  }

  @Test
  void toStringNeverShowsTheValue() {
    SplittableRandom rnd = new SplittableRandom(4);
    for (int i = 0; i < 20; i++) {
      BigInteger v = randomScalarValue(rnd);
      String s = scalar(v).toString();
      assertThat(s)
          .doesNotContain(hex(be32(v)))
          .doesNotContain(v.toString(16))
          .doesNotContain(v.toString());
    }
  }
}
