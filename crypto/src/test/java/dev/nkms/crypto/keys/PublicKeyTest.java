package dev.nkms.crypto.keys;

import static dev.nkms.crypto.TestFixtures.ALICE_PK;
import static dev.nkms.crypto.TestFixtures.P;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.concat;
import static dev.nkms.crypto.TestFixtures.fixedKey;
import static dev.nkms.crypto.TestFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.ec.Point;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PublicKeyTest {

  private static void assertRejected(byte[] in, String fragment) {
    assertThatThrownBy(() -> PublicKey.fromCompressedBytes(in))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Invalid public key")
        .hasMessageContaining(fragment);
  }

  @Test
  void roundTripsTheSpecKey() throws Exception {
    PublicKey pk = PublicKey.fromCompressedBytes(hex(ALICE_PK));
    assertThat(pk.toHex()).isEqualTo(ALICE_PK);
    assertThat(pk.toCompressedBytes()).isEqualTo(hex(ALICE_PK));
    assertThat(pk)
        .isEqualTo(fixedKey(0x11).publicKey())
        .hasSameHashCodeAs(fixedKey(0x11).publicKey());
    assertThat(pk).isNotEqualTo(fixedKey(0x22).publicKey());
    assertThat(pk.toString()).contains(ALICE_PK);
    assertThat(PublicKey.LENGTH).isEqualTo(33);
  }

  @Test
  void rejectsTheIdentity() {
    // Spec §7.2: the SEC1 identity "00" and a 33-byte all-zero string.
    assertRejected(new byte[] {0}, "1 bytes, expected 33");
    assertRejected(new byte[33], "prefix 0x00");
  }

  @Test
  void rejectsXNotBelowPOrNotOnTheCurve() {
    assertRejected(concat(new byte[] {2}, be32(P)), "Invalid curve point representation");
    assertRejected(
        concat(new byte[] {3}, be32(P.add(BigInteger.valueOf(5)))),
        "Invalid curve point representation");
    // The smallest x for which x³ + 7 is not a square mod p: no curve point has it.
    BigInteger x = BigInteger.ZERO;
    while (x.pow(3)
        .add(BigInteger.valueOf(7))
        .mod(P)
        .modPow(P.subtract(BigInteger.ONE).shiftRight(1), P)
        .equals(BigInteger.ONE)) {
      x = x.add(BigInteger.ONE);
    }
    assertRejected(concat(new byte[] {2}, be32(x)), "Invalid curve point representation");
  }

  @Test
  void rejectsCompactAndUncompressedForms() {
    byte[] c = hex(ALICE_PK);
    byte[] compact = c.clone();
    compact[0] = 5;
    assertRejected(compact, "prefix 0x05");
    byte[] uncompressed = fixedKey(0x11).publicKey().point().toUncompressed();
    assertRejected(uncompressed, "65 bytes, expected 33");
    byte[] fourPrefix = c.clone();
    fourPrefix[0] = 4;
    assertRejected(fourPrefix, "prefix 0x04");
    assertRejected(Arrays.copyOf(c, 32), "32 bytes, expected 33"); // a 31-byte x field
    assertRejected(Arrays.copyOf(c, 34), "34 bytes, expected 33");
  }

  @Test
  void wrapsAPoint() {
    Point p = Point.generator();
    assertThat(new PublicKey(p).point()).isSameAs(p);
  }
}
