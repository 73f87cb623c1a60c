package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.ALICE;
import static dev.nkms.protocol.Fixtures.BOB_VERIFYING;
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
  void isTheFirst16BytesOfADomainSeparatedSha256() throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update("nkms/hrac".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    sha.update((byte) 0);
    sha.update(ALICE.publicKey().toCompressedBytes());
    sha.update(BOB_VERIFYING.publicKey().toCompressedBytes());
    sha.update("label-é".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] expected = Arrays.copyOf(sha.digest(), 16);
    Hrac h = Hrac.derive(ALICE.publicKey(), BOB_VERIFYING.publicKey(), "label-é");
    assertThat(h.toBytes()).isEqualTo(expected);
    assertThat(h.toHex()).isEqualTo(Hex.toHexString(expected)).hasSize(32);
    assertThat(h).hasToString(h.toHex());
  }

  @Test
  void dependsOnEveryInputAndTheirRoles() {
    Hrac h = Hrac.derive(ALICE.publicKey(), BOB_VERIFYING.publicKey(), "a");
    assertThat(Hrac.derive(ALICE.publicKey(), BOB_VERIFYING.publicKey(), "b")).isNotEqualTo(h);
    assertThat(Hrac.derive(BOB_VERIFYING.publicKey(), ALICE.publicKey(), "a")).isNotEqualTo(h);
    assertThat(Hrac.derive(ALICE.publicKey(), Fixtures.MALLORY.publicKey(), "a")).isNotEqualTo(h);
    assertThat(Hrac.derive(ALICE.publicKey(), BOB_VERIFYING.publicKey(), "a")).isEqualTo(h).hasSameHashCodeAs(h);
  }

  @Test
  void fromBytesRequiresExactly16Bytes() throws Exception {
    byte[] b = Fixtures.bytes(16, 1);
    assertThat(Hrac.fromBytes(b).toBytes()).isEqualTo(b);
    assertThatThrownBy(() -> Hrac.fromBytes(new byte[15])).isInstanceOf(WireFormatException.class)
        .hasMessage("HRAC: 15 bytes, expected 16");
    assertThatThrownBy(() -> Hrac.fromBytes(new byte[17])).hasMessage("HRAC: 17 bytes, expected 16");
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
    for (String bad : new String[] {h.toHex().toUpperCase(java.util.Locale.ROOT), h.toHex().substring(1),
        h.toHex() + "0", "0x" + h.toHex().substring(2), "", "g".repeat(32)}) {
      assertThatThrownBy(() -> Hrac.fromHex(bad)).isInstanceOf(WireFormatException.class)
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
