package dev.nkms.crypto.primitives;

import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.PEACE_AT_DAWN;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.filled;
import static dev.nkms.crypto.TestFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HedgedRfc6979Test {

  private static byte[] sha256(String s) {
    return ScalarDigest.sha256(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withEmptyAdItIsPlainRfc6979() {
    // Published secp256k1/SHA-256 RFC 6979 nonces (bitcointalk topic 285142, used by python-ecdsa,
    // trezor-crypto…).
    // With zero bytes of added data the hedged DRBG reduces to the deterministic RFC 6979 §3.2 one.
    assertThat(
            HedgedRfc6979.nonce(be32(BigInteger.ONE), sha256("Satoshi Nakamoto"), new byte[0])
                .toBigInteger())
        .isEqualTo(
            new BigInteger("8f8a276c19f4149656b280621e358cce24f5f52542772691ee69063b74f15d15", 16));
    assertThat(
            HedgedRfc6979.nonce(
                    be32(N.subtract(BigInteger.ONE)), sha256("Satoshi Nakamoto"), new byte[0])
                .toBigInteger())
        .isEqualTo(
            new BigInteger("33a19b60e25fb6f4435af53a3d42d493644827367e6453928554f43e49aa6f90", 16));
    assertThat(
            HedgedRfc6979.nonce(
                    be32(BigInteger.ONE),
                    sha256(
                        "All those moments will be lost in time, like tears in rain. Time to die..."),
                    new byte[0])
                .toBigInteger())
        .isEqualTo(
            new BigInteger("38aa22d72376b4dbc472e06c3ba403ee0a394da63fc58d88686c611aba98d6b3", 16));
  }

  @Test
  void specVectorNonceGivesTheSpecR() {
    // Spec §2.7: key 33×32, "peace at dawn", ad = ab×32 → r = a5ab2500…; r = x(k·G) mod n.
    Scalar k =
        HedgedRfc6979.nonce(filled(32, 0x33), ScalarDigest.sha256(PEACE_AT_DAWN), filled(32, 0xab));
    BigInteger r = Point.mulG(k).coordinates()[0].mod(N);
    assertThat(hex(be32(r)))
        .isEqualTo("a5ab25000586f43b320c3bdfe8f9316ca390420324fd463f1ad1771ad7cc482e");
  }

  @Test
  void addedEntropyChangesTheNonceAndIsDeterministicOtherwise() {
    SplittableRandom rnd = new SplittableRandom(70);
    byte[] x = filled(32, 0x33);
    byte[] h = ScalarDigest.sha256(PEACE_AT_DAWN);
    Scalar base = HedgedRfc6979.nonce(x, h, new byte[32]);
    for (int i = 0; i < 50; i++) {
      byte[] ad = new byte[32];
      rnd.nextBytes(ad);
      Scalar k = HedgedRfc6979.nonce(x, h, ad);
      assertThat(HedgedRfc6979.nonce(x, h, ad.clone())).isEqualTo(k);
      assertThat(k).isNotEqualTo(base);
      assertThat(k.isZero()).isFalse();
      assertThat(k.toBigInteger()).isLessThan(N);
    }
    // The key and the digest both enter the DRBG.
    assertThat(HedgedRfc6979.nonce(filled(32, 0x34), h, new byte[32])).isNotEqualTo(base);
    assertThat(HedgedRfc6979.nonce(x, sha256("peace at dusk"), new byte[32])).isNotEqualTo(base);
  }
}
