package dev.nkms.crypto.primitives;

import static dev.nkms.crypto.TestFixtures.filled;
import static dev.nkms.crypto.TestFixtures.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HkdfTest {
  private static final byte[] IKM = filled(22, 0x0b);

  @Test
  void rfc5869TestCase1() {
    byte[] okm =
        Hkdf.sha256(IKM, hex("000102030405060708090a0b0c"), hex("f0f1f2f3f4f5f6f7f8f9"), 42);
    assertThat(hex(okm))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void rfc5869TestCase3WithNullSaltAndInfo() {
    // Test case 3 has an empty salt and info; the spec's "None" (null here) means the same: 32 zero
    // bytes, "".
    String expected =
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8";
    assertThat(hex(Hkdf.sha256(IKM, null, null, 42))).isEqualTo(expected);
    assertThat(hex(Hkdf.sha256(IKM, new byte[0], new byte[0], 42))).isEqualTo(expected);
    assertThat(hex(Hkdf.sha256(IKM, new byte[32], null, 42))).isEqualTo(expected);
  }

  @Test
  void outputLengthIsHonouredAndShorterOutputsArePrefixes() {
    byte[] long64 = Hkdf.sha256(IKM, null, "info".getBytes(), 64);
    byte[] short32 = Hkdf.sha256(IKM, null, "info".getBytes(), 32);
    assertThat(long64).hasSize(64);
    assertThat(short32).hasSize(32);
    assertThat(java.util.Arrays.copyOf(long64, 32)).isEqualTo(short32);
    assertThat(Hkdf.sha256(IKM, null, "other".getBytes(), 32)).isNotEqualTo(short32);
  }
}
