package dev.nkms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import org.junit.jupiter.api.Test;

/**
 * Crypto values inside protocol bodies: exact lengths, and crypto parse errors renamed to the
 * field.
 */
class FieldsTest {

  private static MsgpackReader bin(byte[] b) {
    return new MsgpackReader("T", new MsgpackWriter().bin(b).toBytes(), 0);
  }

  @Test
  void readsEachCryptoValue() throws Exception {
    assertThat(Fields.publicKey(bin(Fixtures.alicePk().toCompressedBytes()), "k"))
        .isEqualTo(Fixtures.alicePk());
    Capsule c = Fixtures.Samples.CAPSULE;
    assertThat(Fields.capsule(bin(c.toBytes()), "c")).isEqualTo(c);
    KeyFrag k = Fixtures.Samples.KFRAGS.get(0).unverify();
    assertThat(Fields.kfrag(bin(k.toBytes()), "kf")).isEqualTo(k);
    CapsuleFrag cf = Fixtures.Samples.CFRAGS.get(0).unverify();
    assertThat(Fields.cfrag(bin(cf.toBytes()), "cf")).isEqualTo(cf);
  }

  @Test
  void lengthsAreExact() {
    assertThatThrownBy(() -> Fields.publicKey(bin(new byte[32]), "key"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("T: field key: expected 33 bytes, found 32");
    assertThatThrownBy(() -> Fields.capsule(bin(new byte[104]), "capsule"))
        .hasMessage("T: field capsule: expected 105 bytes, found 104");
    assertThatThrownBy(() -> Fields.kfrag(bin(new byte[311]), "kfrag"))
        .hasMessage("T: field kfrag: 311 bytes, at most 310 allowed");
    assertThatThrownBy(() -> Fields.cfrag(bin(new byte[380]), "cfrag"))
        .hasMessage("T: field cfrag: expected 381 bytes, found 380");
  }

  @Test
  void cryptoParseErrorsAreRenamedToTheField() {
    byte[] notAPoint = new byte[33];
    notAPoint[0] = 0x02;
    java.util.Arrays.fill(notAPoint, 1, 33, (byte) 0xff); // x ≥ p
    assertThatThrownBy(() -> Fields.publicKey(bin(notAPoint), "bob_verifying_key"))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("T: field bob_verifying_key: Invalid public key");
    byte[] capsule = Fixtures.Samples.CAPSULE.toBytes();
    capsule[104] ^= 1;
    assertThatThrownBy(() -> Fields.capsule(bin(capsule), "capsules[0]"))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("T: field capsules[0]: Capsule self-verification failed");
  }
}
