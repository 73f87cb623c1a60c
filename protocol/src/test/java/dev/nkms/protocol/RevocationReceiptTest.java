package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.HRAC;
import static dev.nkms.protocol.Fixtures.NODE_SIGNING;
import static dev.nkms.protocol.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class RevocationReceiptTest {
  private static final RevocationReceipt SAMPLE = Samples.RECEIPT;

  @Test
  void roundTrips() throws Exception {
    byte[] b = SAMPLE.toBytes();
    RevocationReceipt back = RevocationReceipt.fromBytes(b);
    assertThat(back.toBytes()).isEqualTo(b);
    assertThat(back.hrac()).isEqualTo(HRAC);
    assertThat(back.node()).isEqualTo(Fixtures.nodeAddress(0));
    assertThat(back.revokedAt()).isEqualTo(T0);
    assertThat(Hex.toHexString(Fixtures.split(b)[0]))
        .isEqualTo(
            "93"
                + "c410"
                + HRAC.toHex()
                + "c414"
                + Hex.toHexString(Fixtures.nodeAddress(0).toBytes())
                + "ce"
                + String.format("%08x", T0.getEpochSecond()));
    assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RvRc");
  }

  @Test
  void isSignedByTheNodeOnly() throws Exception {
    RevocationReceipt back = RevocationReceipt.fromBytes(SAMPLE.toBytes());
    assertThat(back.isSignedBy(NODE_SIGNING[0].publicKey())).isTrue();
    assertThat(back.isSignedBy(NODE_SIGNING[1].publicKey())).isFalse();
    assertThat(back.isSignedBy(Fixtures.alicePk())).isFalse();
    RevocationReceipt forged =
        RevocationReceipt.fromBytes(
            Fixtures.signedEnvelope(
                "RvRc",
                "revocation-receipt",
                Fixtures.split(SAMPLE.toBytes())[0],
                Fixtures.nodeSigner(1)));
    assertThat(forged.isSignedBy(NODE_SIGNING[0].publicKey())).isFalse();
  }

  @Test
  void strictness() throws Exception {
    byte[] b = SAMPLE.toBytes();
    Strictness.standardChecks(b, "RvRc", 512, RevocationReceipt::fromBytes);
    int parsed =
        Strictness.bitFlips(
            b,
            RevocationReceipt::fromBytes,
            Strictness.nowhere(),
            (m, r) -> assertThat(r.isSignedBy(NODE_SIGNING[0].publicKey())).isFalse());
    assertThat(parsed).isGreaterThan(0);
  }

  @Test
  void revokedAtBeyondTheInstantRangeIsRefusedOrUsable() {
    byte[] b =
        Fixtures.signedEnvelope(
            "RvRc",
            "revocation-receipt",
            new MsgpackWriter()
                .array(3)
                .bin(HRAC.toBytes())
                .bin(new byte[20])
                .uint(Long.MAX_VALUE)
                .toBytes(),
            Fixtures.nodeSigner(0));
    Throwable t = catchThrowable(() -> RevocationReceipt.fromBytes(b).revokedAt());
    assertThat(t)
        .satisfiesAnyOf(
            x -> assertThat(x).isNull(),
            x -> assertThat(x).isInstanceOf(WireFormatException.class));
  }

  @Test
  void refusesMalformedPayloads() {
    assertThatThrownBy(
            () ->
                RevocationReceipt.fromBytes(
                    Fixtures.signedEnvelope(
                        "RvRc",
                        "revocation-receipt",
                        new MsgpackWriter()
                            .array(3)
                            .bin(HRAC.toBytes())
                            .bin(new byte[20])
                            .str("now")
                            .toBytes(),
                        Fixtures.nodeSigner(0))))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("RvRc: field revoked_at: expected an unsigned integer, found 0xa3");
    assertThatThrownBy(
            () ->
                RevocationReceipt.fromBytes(
                    Fixtures.signedEnvelope(
                        "RvRc",
                        "revocation-receipt",
                        new MsgpackWriter().map(0).toBytes(),
                        Fixtures.nodeSigner(0))))
        .hasMessage("RvRc: field receipt: expected an array, found 0x80");
  }
}
