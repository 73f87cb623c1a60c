package dev.nkms.crypto.keys;

import static dev.nkms.crypto.TestFixtures.ALICE_PK;
import static dev.nkms.crypto.TestFixtures.BOB_PK;
import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.VERIFYING_PK;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.filled;
import static dev.nkms.crypto.TestFixtures.fixedKey;
import static dev.nkms.crypto.TestFixtures.hex;
import static dev.nkms.crypto.TestFixtures.randomScalarValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.TestFixtures.CountingSource;
import dev.nkms.crypto.TestFixtures.ScriptedSource;
import dev.nkms.crypto.ec.Point;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SecretKeyTest {

  @Test
  void fixedKeysGiveTheSpecPublicKeys() {
    // Spec §6.2.
    assertThat(fixedKey(0x11).publicKey().toHex()).isEqualTo(ALICE_PK);
    assertThat(fixedKey(0x22).publicKey().toHex()).isEqualTo(BOB_PK);
    assertThat(fixedKey(0x33).publicKey().toHex()).isEqualTo(VERIFYING_PK);
  }

  @Test
  void nMinusOneIsAcceptedAndGivesMinusG() throws Exception {
    // Spec §7.1: SecretKey.fromBEBytes(n − 1).publicKey() = −G.
    SecretKey k = SecretKey.fromBEBytes(be32(N.subtract(BigInteger.ONE)));
    assertThat(k.publicKey().toHex())
        .isEqualTo("0379be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798");
    assertThat(k.publicKey().point()).isEqualTo(Point.generator().negate());
  }

  @Test
  void rejectsZero() {
    assertThatThrownBy(() -> SecretKey.fromBEBytes(new byte[32]))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("zero");
  }

  @Test
  void rejectsValuesNotBelowN() {
    for (BigInteger v :
        new BigInteger[] {
          N, N.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
        }) {
      assertThatThrownBy(() -> SecretKey.fromBEBytes(be32(v)))
          .isInstanceOf(MalformedInputException.class)
          .hasMessageContaining("Invalid curve scalar representation");
    }
  }

  @Test
  void rejectsWrongLengths() {
    for (int len : new int[] {0, 31, 33}) {
      assertThatThrownBy(() -> SecretKey.fromBEBytes(filled(len, 0x11)))
          .isInstanceOf(MalformedInputException.class)
          .hasMessageContaining("Invalid length of a curve scalar");
    }
  }

  @Test
  void bytesRoundTrip() throws Exception {
    SplittableRandom rnd = new SplittableRandom(30);
    for (int i = 0; i < 50; i++) {
      byte[] b = be32(randomScalarValue(rnd));
      SecretKey k = SecretKey.fromBEBytes(b);
      assertThat(k.toSecretBytes()).isEqualTo(b);
      assertThat(k.secretScalar().toBytes()).isEqualTo(b);
      assertThat(k.publicKey().point()).isEqualTo(Point.mulG(k.secretScalar()));
      assertThat(k).isEqualTo(SecretKey.fromBEBytes(b)).hasSameHashCodeAs(SecretKey.fromBEBytes(b));
    }
  }

  @Test
  void toSecretBytesReturnsACopy() {
    SecretKey k = fixedKey(0x11);
    byte[] exported = k.toSecretBytes();
    exported[0] ^= 0x55;
    assertThat(k.toSecretBytes()).isEqualTo(filled(32, 0x11));
  }

  @Test
  void randomDrawsExactly32BytesAndUsesThemAsTheKey() {
    byte[] drawn = be32(BigInteger.valueOf(0xabcdef));
    CountingSource src = new CountingSource(new ScriptedSource(drawn));
    SecretKey k = SecretKey.random(src);
    assertThat(k.toSecretBytes()).isEqualTo(drawn);
    assertThat(src.bytes()).isEqualTo(32);
  }

  @Test
  void randomRedrawsZeroAndOutOfRangeCandidates() {
    byte[] good = be32(BigInteger.TEN);
    ScriptedSource src = new ScriptedSource(new byte[32], be32(N), good);
    assertThat(SecretKey.random(src).toSecretBytes()).isEqualTo(good);
    assertThat(src.remaining()).isZero();
  }

  @Test
  void randomKeysDiffer() {
    assertThat(SecretKey.random()).isNotEqualTo(SecretKey.random());
  }

  @Test
  void toStringNeverContainsTheSecret() {
    SplittableRandom rnd = new SplittableRandom(31);
    for (int i = 0; i < 30; i++) {
      BigInteger v = randomScalarValue(rnd);
      SecretKey k = fixedKey(1);
      try {
        k = SecretKey.fromBEBytes(be32(v));
      } catch (MalformedInputException e) {
        throw new AssertionError(e);
      }
      String s = k.toString();
      assertThat(s)
          .doesNotContain(hex(be32(v)))
          .doesNotContain(v.toString(16))
          .doesNotContain(v.toString());
      assertThat(s).contains(k.publicKey().toHex());
    }
    assertThat(fixedKey(0x11).toString()).doesNotContain("1111111111");
  }
}
