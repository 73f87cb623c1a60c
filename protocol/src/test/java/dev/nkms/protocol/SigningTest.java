package dev.nkms.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.keys.Signature;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class SigningTest {

  @Test
  void messageIsPrefixPurposeNulPayload() {
    byte[] m = Signing.message("revocation-order", new byte[] {1, 2, 3});
    assertThat(Hex.toHexString(m))
        .isEqualTo(Hex.toHexString("nkms/revocation-order".getBytes()) + "00010203");
    assertThat(Signing.message("x", new byte[0])).containsExactly('n', 'k', 'm', 's', '/', 'x', 0);
  }

  @Test
  void signatureCoversTheDomainSeparatedMessage() {
    byte[] payload = Fixtures.bytes(50, 1);
    Signature sig =
        Signing.sign(Fixtures.ALICE_SIGNER, "policy-terms", payload, Fixtures.random(1));
    assertThat(sig.verify(Fixtures.alicePk(), Signing.message("policy-terms", payload))).isTrue();
    assertThat(sig.verify(Fixtures.alicePk(), payload)).isFalse();
    assertThat(Signing.verify(sig, Fixtures.alicePk(), "policy-terms", payload)).isTrue();
    assertThat(Signing.verify(sig, Fixtures.alicePk(), "treasure-map", payload)).isFalse();
    assertThat(Signing.verify(sig, Fixtures.MALLORY.publicKey(), "policy-terms", payload))
        .isFalse();
    byte[] other = payload.clone();
    other[49] ^= 1;
    assertThat(Signing.verify(sig, Fixtures.alicePk(), "policy-terms", other)).isFalse();
  }

  @Test
  void thePurposeAndPayloadCannotBeShiftedIntoEachOther() {
    // "nkms/ab" 00 "c" vs "nkms/a" 00 "bc": the NUL separator keeps them apart.
    assertThat(Signing.message("ab", "c".getBytes()))
        .isNotEqualTo(Signing.message("a", "bc".getBytes()));
  }
}
