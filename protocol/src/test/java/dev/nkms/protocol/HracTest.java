package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class HracTest {

  @Test
  void isTheFirst16BytesOfADomainSeparatedSha256OfAlicesKeyAndTheNonce() throws Exception {
    byte[] nonce = Fixtures.bytes(16, 9);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("nkms/hrac".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    sha.update((byte) 0);
    sha.update(ALICE.publicKey().toCompressedBytes());
    sha.update(nonce);
    byte[] expected = Arrays.copyOf(sha.digest(), 16);
    Hrac h = Hrac.derive(ALICE.publicKey(), nonce);
    assertThat(h.toBytes()).isEqualTo(expected);
    assertThat(h.toHex()).isEqualTo(Hex.toHexString(expected)).hasSize(32);
    assertThat(h).hasToString(h.toHex());
  }

  @Test
  void dependsOnAlicesKeyAndTheNonce() {
    byte[] nonce = Fixtures.bytes(16, 1);
    Hrac h = Hrac.derive(ALICE.publicKey(), nonce);
    assertThat(Hrac.derive(ALICE.publicKey(), Fixtures.bytes(16, 2))).isNotEqualTo(h);
    assertThat(Hrac.derive(Fixtures.MALLORY.publicKey(), nonce)).isNotEqualTo(h);
    assertThat(Hrac.derive(ALICE.publicKey(), nonce.clone())).isEqualTo(h).hasSameHashCodeAs(h);
    assertThat(h.belongsTo(ALICE.publicKey(), nonce)).isTrue();
    assertThat(h.belongsTo(Fixtures.MALLORY.publicKey(), nonce)).isFalse();
    assertThat(h.belongsTo(ALICE.publicKey(), Fixtures.bytes(16, 2))).isFalse();
    assertThat(h.belongsTo(ALICE.publicKey(), new byte[15])).isFalse();
  }

  @Test
  void theNonceIs16Bytes() {
    assertThatThrownBy(() -> Hrac.derive(ALICE.publicKey(), new byte[15]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a policy nonce is 16 bytes, got 15");
    assertThatThrownBy(() -> Hrac.derive(ALICE.publicKey(), new byte[17]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] a = Hrac.newNonce(Fixtures.random(1));
    byte[] b = Hrac.newNonce(Fixtures.random(2));
    assertThat(a).hasSize(16).isNotEqualTo(b);
  }

  @Test
  void fromBytesRequiresExactly16Bytes() throws Exception {
    byte[] b = Fixtures.bytes(16, 1);
    assertThat(Hrac.fromBytes(b).toBytes()).isEqualTo(b);
    assertThatThrownBy(() -> Hrac.fromBytes(new byte[15]))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("HRAC: 15 bytes, expected 16");
    assertThatThrownBy(() -> Hrac.fromBytes(new byte[17]))
        .hasMessage("HRAC: 17 bytes, expected 16");
  }

  @Test
  void fromBytesAndToBytesCopy() throws Exception {
    byte[] b = Fixtures.bytes(16, 2);
    Hrac h = Hrac.fromBytes(b);
    b[0] ^= 1;
    h.toBytes()[1] ^= 1;
    assertThat(h.toBytes()).isNotEqualTo(b);
    b[0] ^= 1;
    assertThat(h.toBytes()).isEqualTo(b);
  }

  @Test
  void fromHexAcceptsOnly32LowerCaseDigits() throws Exception {
    Hrac h = Fixtures.HRAC;
    assertThat(Hrac.fromHex(h.toHex())).isEqualTo(h);
    for (String bad :
        new String[] {
          h.toHex().toUpperCase(java.util.Locale.ROOT),
          h.toHex().substring(1),
          h.toHex() + "0",
          "0x" + h.toHex().substring(2),
          "",
          "g".repeat(32)
        }) {
      assertThatThrownBy(() -> Hrac.fromHex(bad))
          .isInstanceOf(WireFormatException.class)
          .hasMessage("HRAC: expected 32 lower-case hex digits");
    }
  }

  @Test
  void readsAsABin16Field() throws Exception {
    byte[] body = new MsgpackWriter().bin(Fixtures.HRAC.toBytes()).toBytes();
    assertThat(Hrac.read(new MsgpackReader("T", body, 0), "hrac")).isEqualTo(Fixtures.HRAC);
    byte[] short15 = new MsgpackWriter().bin(new byte[15]).toBytes();
    assertThatThrownBy(() -> Hrac.read(new MsgpackReader("T", short15, 0), "hrac"))
        .hasMessage("T: field hrac: expected 16 bytes, found 15");
  }
}
