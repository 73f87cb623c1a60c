package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.HRAC;
import static dev.nkms.protocol.Fixtures.NONCE;
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

  static byte[] payload(Hrac hrac, byte[] nonce, byte[] alice, byte[] node, long at) {
    return new MsgpackWriter()
        .array(5)
        .bin(hrac.toBytes())
        .bin(nonce)
        .bin(alice)
        .bin(node)
        .uint(at)
        .toBytes();
  }

  @Test
  void roundTrips() throws Exception {
    byte[] b = SAMPLE.toBytes();
    RevocationOrder back = RevocationOrder.fromBytes(b);
    assertThat(back.toBytes()).isEqualTo(b);
    assertThat(back.hrac()).isEqualTo(HRAC);
    assertThat(back.nonce()).isEqualTo(NONCE);
    assertThat(back.aliceVerifyingKey()).isEqualTo(Fixtures.alicePk());
    assertThat(back.node()).isEqualTo(Fixtures.nodeAddress(0));
    assertThat(back.issuedAt()).isEqualTo(T0);
    assertThat(Hex.toHexString(b, 0, 8)).isEqualTo("5265766f00020000");
    assertThat(Hex.toHexString(Fixtures.split(b)[0]))
        .isEqualTo(
            "95"
                + "c410"
                + HRAC.toHex()
                + "c410"
                + Hex.toHexString(NONCE)
                + "c421"
                + Fixtures.alicePk().toHex()
                + "c414"
                + Hex.toHexString(Fixtures.nodeAddress(0).toBytes())
                + "ce"
                + String.format("%08x", T0.getEpochSecond()));
  }

  @Test
  void truncatesTheTimeToWholeSeconds() throws Exception {
    RevocationOrder o =
        RevocationOrder.sign(
            Samples.TERMS.terms(),
            Fixtures.nodeAddress(0),
            T0.plusMillis(999),
            Fixtures.ALICE_SIGNER,
            Fixtures.random(1));
    assertThat(RevocationOrder.fromBytes(o.toBytes()).issuedAt()).isEqualTo(T0);
  }

  @Test
  void isAuthenticOnlyFromTheAliceThePolicyIdBelongsTo() throws Exception {
    assertThat(RevocationOrder.fromBytes(SAMPLE.toBytes()).isAuthentic()).isTrue();
    // A stranger naming himself: his key does not derive Alice's id with her nonce (nor with any he
    // picks).
    RevocationOrder stranger =
        RevocationOrder.sign(
            HRAC, NONCE, Fixtures.nodeAddress(0), T0, Fixtures.MALLORY_SIGNER, Fixtures.random(2));
    assertThat(RevocationOrder.fromBytes(stranger.toBytes()).isAuthentic()).isFalse();
    RevocationOrder otherNonce =
        RevocationOrder.sign(
            HRAC,
            Fixtures.OTHER_NONCE,
            Fixtures.nodeAddress(0),
            T0,
            Fixtures.ALICE_SIGNER,
            Fixtures.random(3));
    assertThat(otherNonce.isAuthentic()).isFalse();
    // A stranger naming Alice's key and nonce: the id matches, his signature does not verify under
    // her key.
    byte[] asAlice =
        Fixtures.signedEnvelope(
            "Revo",
            "revocation-order",
            payload(
                HRAC,
                NONCE,
                Fixtures.alicePk().toCompressedBytes(),
                Fixtures.nodeAddress(0).toBytes(),
                T0.getEpochSecond()),
            Fixtures.MALLORY_SIGNER);
    assertThat(RevocationOrder.fromBytes(asAlice).isAuthentic()).isFalse();
    // His own policy id is his to revoke.
    Hrac his = Hrac.derive(Fixtures.MALLORY.publicKey(), NONCE);
    assertThat(
            RevocationOrder.sign(
                    his,
                    NONCE,
                    Fixtures.nodeAddress(0),
                    T0,
                    Fixtures.MALLORY_SIGNER,
                    Fixtures.random(4))
                .isAuthentic())
        .isTrue();
    // Alice's signature for the wrong purpose is not an order.
    byte[] wrongPurpose =
        Fixtures.signedEnvelope(
            "Revo",
            "policy-status-query",
            Fixtures.split(SAMPLE.toBytes())[0],
            Fixtures.ALICE_SIGNER);
    assertThat(RevocationOrder.fromBytes(wrongPurpose).isAuthentic()).isFalse();
  }

  @Test
  void signForTermsRefusesAnotherSigner() {
    assertThatThrownBy(
            () ->
                RevocationOrder.sign(
                    Samples.TERMS.terms(),
                    Fixtures.nodeAddress(0),
                    T0,
                    Fixtures.MALLORY_SIGNER,
                    Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void strictness() throws Exception {
    byte[] b = SAMPLE.toBytes();
    Strictness.standardChecks(b, "Revo", 512, RevocationOrder::fromBytes);
    int parsed =
        Strictness.bitFlips(
            b,
            RevocationOrder::fromBytes,
            Strictness.nowhere(),
            (m, o) -> assertThat(o.isAuthentic()).isFalse());
    assertThat(parsed).isGreaterThan(0);
  }

  @Test
  void theOldVersionIsRefused() {
    byte[] b = SAMPLE.toBytes();
    b[5] = 1;
    assertThatThrownBy(() -> RevocationOrder.fromBytes(b))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("unsupported major version 1");
  }

  @Test
  void refusesMalformedPayloads() {
    byte[] alice = Fixtures.alicePk().toCompressedBytes();
    assertThatThrownBy(
            () ->
                RevocationOrder.fromBytes(
                    Fixtures.signedEnvelope(
                        "Revo",
                        "revocation-order",
                        new MsgpackWriter()
                            .array(3)
                            .bin(HRAC.toBytes())
                            .bin(new byte[20])
                            .uint(1)
                            .toBytes(),
                        Fixtures.ALICE_SIGNER)))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("Revo: field order: expected 5 fields, found 3");
    assertThatThrownBy(
            () ->
                RevocationOrder.fromBytes(
                    Fixtures.signedEnvelope(
                        "Revo",
                        "revocation-order",
                        payload(HRAC, NONCE, alice, new byte[19], 1),
                        Fixtures.ALICE_SIGNER)))
        .hasMessage("Revo: field node: expected 20 bytes, found 19");
    assertThatThrownBy(
            () ->
                RevocationOrder.fromBytes(
                    Fixtures.signedEnvelope(
                        "Revo",
                        "revocation-order",
                        payload(HRAC, new byte[15], alice, new byte[20], 1),
                        Fixtures.ALICE_SIGNER)))
        .hasMessage("Revo: field nonce: expected 16 bytes, found 15");
    assertThatThrownBy(
            () ->
                RevocationOrder.fromBytes(
                    Fixtures.signedEnvelope(
                        "Revo",
                        "revocation-order",
                        payload(HRAC, NONCE, new byte[33], new byte[20], 1),
                        Fixtures.ALICE_SIGNER)))
        .hasMessageStartingWith("Revo: field alice_verifying_key: ");
    assertThatThrownBy(
            () ->
                RevocationOrder.fromBytes(
                    Fixtures.signedEnvelope(
                        "Revo",
                        "revocation-order",
                        new MsgpackWriter()
                            .array(5)
                            .bin(new byte[17])
                            .bin(NONCE)
                            .bin(alice)
                            .bin(new byte[20])
                            .uint(1)
                            .toBytes(),
                        Fixtures.ALICE_SIGNER)))
        .hasMessage("Revo: field hrac: 17 bytes, at most 16 allowed");
    byte[] trailing =
        new MsgpackWriter().raw(payload(HRAC, NONCE, alice, new byte[20], 1)).nil().toBytes();
    assertThatThrownBy(
            () ->
                RevocationOrder.fromBytes(
                    Fixtures.signedEnvelope(
                        "Revo", "revocation-order", trailing, Fixtures.ALICE_SIGNER)))
        .hasMessage("Revo: 1 trailing byte(s)");
  }

  @Test
  void issuedAtBeyondTheInstantRangeIsRefusedOrUsable() {
    byte[] b =
        Fixtures.signedEnvelope(
            "Revo",
            "revocation-order",
            payload(
                HRAC, NONCE, Fixtures.alicePk().toCompressedBytes(), new byte[20], Long.MAX_VALUE),
            Fixtures.ALICE_SIGNER);
    Throwable t = catchThrowable(() -> RevocationOrder.fromBytes(b).issuedAt());
    assertThat(t)
        .satisfiesAnyOf(
            x -> assertThat(x).isNull(),
            x -> assertThat(x).isInstanceOf(WireFormatException.class));
  }

  @Test
  void signRefusesTimesBeforeTheEpoch() {
    assertThatThrownBy(
            () ->
                RevocationOrder.sign(
                    Samples.TERMS.terms(),
                    Fixtures.nodeAddress(0),
                    Instant.ofEpochSecond(-1),
                    Fixtures.ALICE_SIGNER,
                    Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
