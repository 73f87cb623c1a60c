package dev.nkms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.keys.Signature;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class SignedEnvelopeTest {
  private static final byte[] PAYLOAD = new MsgpackWriter().array(1).uint(5).toBytes();
  private static final Signature SIG =
      Signing.sign(Fixtures.ALICE_SIGNER, "test", PAYLOAD, Fixtures.random(1));

  @Test
  void layoutIsATwoElementArrayOfPayloadAndSignature() throws Exception {
    byte[] out = SignedEnvelope.encode("Test", 1, 0, PAYLOAD, SIG);
    assertThat(Hex.toHexString(out))
        .isEqualTo(
            "54657374"
                + "0001"
                + "0000"
                + "92"
                + "c402"
                + "9105"
                + "c440"
                + Hex.toHexString(SIG.toBEBytes()));
    SignedEnvelope env = SignedEnvelope.decode(out, "Test", 1, 0, 200);
    assertThat(env.payload).isEqualTo(PAYLOAD);
    assertThat(env.signature).isEqualTo(SIG);
    assertThat(env.payloadReader("Test").array("p")).isEqualTo(1);
  }

  @Test
  void aPayloadOf256BytesOrMoreUsesBin16() throws Exception {
    byte[] big = new byte[300];
    byte[] out = SignedEnvelope.encode("Test", 1, 0, big, SIG);
    assertThat(Arrays.copyOfRange(out, 8, 12)).containsExactly(0x92, 0xc5, 0x01, 0x2c);
    assertThat(SignedEnvelope.decode(out, "Test", 1, 0, 1000).payload).isEqualTo(big);
  }

  @Test
  void refusesOtherShapes() {
    byte[] three =
        Envelope.encode(
            "Test",
            1,
            0,
            new MsgpackWriter().array(3).bin(PAYLOAD).bin(SIG.toBEBytes()).nil().toBytes());
    assertThatThrownBy(() -> SignedEnvelope.decode(three, "Test", 1, 0, 1000))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Test: field signed object: expected 2 fields, found 3");
    byte[] shortSig =
        Envelope.encode(
            "Test", 1, 0, new MsgpackWriter().array(2).bin(PAYLOAD).bin(new byte[63]).toBytes());
    assertThatThrownBy(() -> SignedEnvelope.decode(shortSig, "Test", 1, 0, 1000))
        .hasMessage("Test: field signature: expected 64 bytes, found 63");
    byte[] strPayload =
        Envelope.encode(
            "Test", 1, 0, new MsgpackWriter().array(2).str("x").bin(SIG.toBEBytes()).toBytes());
    assertThatThrownBy(() -> SignedEnvelope.decode(strPayload, "Test", 1, 0, 1000))
        .hasMessage("Test: field payload: expected bytes (bin), found 0xa1");
  }

  @Test
  void refusesMalleableOrInvalidSignatureEncodings() {
    byte[] zero =
        Envelope.encode(
            "Test", 1, 0, new MsgpackWriter().array(2).bin(PAYLOAD).bin(new byte[64]).toBytes());
    assertThatThrownBy(() -> SignedEnvelope.decode(zero, "Test", 1, 0, 1000))
        .isInstanceOf(WireFormatException.class)
        .isNotInstanceOf(BadSignatureException.class)
        .hasMessageStartingWith("Test: field signature: Invalid signature");
    // high-S: s' = n − s is the other (malleable) encoding of the same signature
    byte[] rs = SIG.toBEBytes();
    java.math.BigInteger n =
        new java.math.BigInteger(
            "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);
    java.math.BigInteger s = new java.math.BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
    byte[] high = n.subtract(s).toByteArray();
    byte[] hs = rs.clone();
    Arrays.fill(hs, 32, 64, (byte) 0);
    System.arraycopy(
        high,
        Math.max(0, high.length - 32),
        hs,
        64 - Math.min(32, high.length),
        Math.min(32, high.length));
    byte[] malleable =
        Envelope.encode("Test", 1, 0, new MsgpackWriter().array(2).bin(PAYLOAD).bin(hs).toBytes());
    assertThatThrownBy(() -> SignedEnvelope.decode(malleable, "Test", 1, 0, 1000))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("low-S");
  }
}
