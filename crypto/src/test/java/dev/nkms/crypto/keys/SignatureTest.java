package dev.nkms.crypto.keys;

import static dev.nkms.crypto.TestFixtures.N;
import static dev.nkms.crypto.TestFixtures.PEACE_AT_DAWN;
import static dev.nkms.crypto.TestFixtures.VERIFYING_PK;
import static dev.nkms.crypto.TestFixtures.be32;
import static dev.nkms.crypto.TestFixtures.concat;
import static dev.nkms.crypto.TestFixtures.fixedKey;
import static dev.nkms.crypto.TestFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.MalformedInputException;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignatureTest {
  /** Spec §2.7 / §7.1: key 33×32, "peace at dawn", ad = ab×32. */
  static final String SPEC_SIGNATURE =
      "a5ab25000586f43b320c3bdfe8f9316ca390420324fd463f1ad1771ad7cc482e"
          + "4bbeb9e8a700f49992a795628d6064796c91be051af4fce5e9d27fadf280960e";

  private static final byte[] R = Arrays.copyOfRange(hex(SPEC_SIGNATURE), 0, 32);
  private static final byte[] S = Arrays.copyOfRange(hex(SPEC_SIGNATURE), 32, 64);

  private static void assertRejected(byte[] rs, String fragment) {
    assertThatThrownBy(() -> Signature.fromBEBytes(rs))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageStartingWith("Invalid signature")
        .hasMessageContaining(fragment);
  }

  @Test
  void specSignatureParsesRoundTripsAndVerifies() throws Exception {
    Signature sig = Signature.fromBEBytes(hex(SPEC_SIGNATURE));
    assertThat(sig.toBEBytes()).isEqualTo(hex(SPEC_SIGNATURE));
    PublicKey vk = PublicKey.fromCompressedBytes(hex(VERIFYING_PK));
    assertThat(sig.verify(vk, PEACE_AT_DAWN)).isTrue();
    assertThat(sig.verify(vk, "peace at dusk".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(sig.verify(fixedKey(0x11).publicKey(), PEACE_AT_DAWN)).isFalse();
    assertThat(sig.toString()).contains(SPEC_SIGNATURE);
    assertThat(sig)
        .isEqualTo(Signature.fromBEBytes(hex(SPEC_SIGNATURE)))
        .hasSameHashCodeAs(Signature.fromBEBytes(hex(SPEC_SIGNATURE)));
  }

  @Test
  void rejectsZeroComponents() {
    assertRejected(concat(new byte[32], S), "non-zero");
    assertRejected(concat(R, new byte[32]), "non-zero");
  }

  @Test
  void rejectsComponentsNotBelowN() {
    assertRejected(concat(be32(N), S), "not below the group order");
    assertRejected(concat(R, be32(N)), "not below the group order");
    byte[] max = be32(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
    assertRejected(concat(max, S), "not below the group order");
  }

  @Test
  void rejectsHighS() {
    // The malleable twin (r, n − s) of a valid signature, and the first high value (n + 1) / 2.
    BigInteger s = new BigInteger(1, S);
    assertRejected(concat(R, be32(N.subtract(s))), "low-S");
    assertRejected(concat(R, be32(N.shiftRight(1).add(BigInteger.ONE))), "low-S");
    assertRejected(concat(R, be32(N.subtract(BigInteger.ONE))), "low-S");
  }

  @Test
  void acceptsTheLargestLowS() throws Exception {
    byte[] rs = concat(R, be32(N.shiftRight(1)));
    assertThat(Signature.fromBEBytes(rs).toBEBytes()).isEqualTo(rs);
  }

  @Test
  void rejectsWrongLengths() {
    assertRejected(new byte[0], "0 bytes, expected 64");
    assertRejected(Arrays.copyOf(hex(SPEC_SIGNATURE), 63), "63 bytes, expected 64");
    assertRejected(Arrays.copyOf(hex(SPEC_SIGNATURE), 65), "65 bytes, expected 64");
  }
}
