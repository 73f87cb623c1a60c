package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.HRAC;
import static dev.nkms.protocol.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.time.Instant;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class RevocationOrderTest {
  private static final RevocationOrder SAMPLE = Samples.ORDER;

  @Test
  void roundTrips() throws Exception {
    byte[] b = SAMPLE.toBytes();
    RevocationOrder back = RevocationOrder.fromBytes(b);
    assertThat(back.toBytes()).isEqualTo(b);
    assertThat(back.hrac()).isEqualTo(HRAC);
    assertThat(back.node()).isEqualTo(Fixtures.nodeAddress(0));
    assertThat(back.issuedAt()).isEqualTo(T0);
    assertThat(Hex.toHexString(Fixtures.split(b)[0])).isEqualTo("93" + "c410" + HRAC.toHex() + "c414"
        + Hex.toHexString(Fixtures.nodeAddress(0).toBytes()) + "ce" + String.format("%08x", T0.getEpochSecond()));
  }

  @Test
  void truncatesTheTimeToWholeSeconds() throws Exception {
    RevocationOrder o = RevocationOrder.sign(HRAC, Fixtures.nodeAddress(0), T0.plusMillis(999),
        Fixtures.ALICE_SIGNER, Fixtures.random(1));
    assertThat(RevocationOrder.fromBytes(o.toBytes()).issuedAt()).isEqualTo(T0);
  }

  @Test
  void isSignedByAliceOnly() throws Exception {
    RevocationOrder back = RevocationOrder.fromBytes(SAMPLE.toBytes());
    assertThat(back.isSignedBy(Fixtures.alicePk())).isTrue();
    assertThat(back.isSignedBy(Fixtures.MALLORY.publicKey())).isFalse();
    assertThat(back.isSignedBy(Fixtures.NODE_SIGNING[0].publicKey())).isFalse();
    RevocationOrder forged = RevocationOrder.fromBytes(Fixtures.signedEnvelope("Revo", "revocation-order",
        Fixtures.split(SAMPLE.toBytes())[0], Fixtures.MALLORY_SIGNER));
    assertThat(forged.isSignedBy(Fixtures.alicePk())).isFalse();
    assertThat(forged.isSignedBy(Fixtures.MALLORY.publicKey())).isTrue();
  }

  @Test
  void strictness() throws Exception {
    byte[] b = SAMPLE.toBytes();
    Strictness.standardChecks(b, "Revo", 512, RevocationOrder::fromBytes);
    int parsed = Strictness.bitFlips(b, RevocationOrder::fromBytes, Strictness.nowhere(),
        (m, o) -> assertThat(o.isSignedBy(Fixtures.alicePk())).isFalse());
    assertThat(parsed).isGreaterThan(0);
  }

  @Test
  void refusesMalformedPayloads() {
    assertThatThrownBy(() -> RevocationOrder.fromBytes(Fixtures.signedEnvelope("Revo", "revocation-order",
        new MsgpackWriter().array(2).bin(HRAC.toBytes()).bin(new byte[20]).toBytes(), Fixtures.ALICE_SIGNER)))
        .isInstanceOf(WireFormatException.class).hasMessage("Revo: field order: expected 3 fields, found 2");
    assertThatThrownBy(() -> RevocationOrder.fromBytes(Fixtures.signedEnvelope("Revo", "revocation-order",
        new MsgpackWriter().array(3).bin(HRAC.toBytes()).bin(new byte[19]).uint(1).toBytes(), Fixtures.ALICE_SIGNER)))
        .hasMessage("Revo: field node: expected 20 bytes, found 19");
    assertThatThrownBy(() -> RevocationOrder.fromBytes(Fixtures.signedEnvelope("Revo", "revocation-order",
        new MsgpackWriter().array(3).bin(new byte[17]).bin(new byte[20]).uint(1).toBytes(), Fixtures.ALICE_SIGNER)))
        .hasMessage("Revo: field hrac: 17 bytes, at most 16 allowed");
    assertThatThrownBy(() -> RevocationOrder.fromBytes(Fixtures.signedEnvelope("Revo", "revocation-order",
        new MsgpackWriter().array(3).bin(HRAC.toBytes()).bin(new byte[20]).uint(1).nil().toBytes(),
        Fixtures.ALICE_SIGNER))).hasMessage("Revo: 1 trailing byte(s)");
  }

  @Test
  void issuedAtBeyondTheInstantRangeIsRefusedOrUsable() {
    byte[] b = Fixtures.signedEnvelope("Revo", "revocation-order", new MsgpackWriter().array(3).bin(HRAC.toBytes())
        .bin(new byte[20]).uint(Long.MAX_VALUE).toBytes(), Fixtures.ALICE_SIGNER);
    Throwable t = catchThrowable(() -> RevocationOrder.fromBytes(b).issuedAt());
    assertThat(t).satisfiesAnyOf(x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(WireFormatException.class));
  }

  @Test
  void signRefusesTimesBeforeTheEpoch() {
    assertThatThrownBy(() -> RevocationOrder.sign(HRAC, Fixtures.nodeAddress(0), Instant.ofEpochSecond(-1),
        Fixtures.ALICE_SIGNER, Fixtures.random(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
