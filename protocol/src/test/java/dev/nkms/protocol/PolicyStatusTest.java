package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.HRAC;
import static dev.nkms.protocol.Fixtures.NONCE;
import static dev.nkms.protocol.Fixtures.T0;
import static dev.nkms.protocol.Fixtures.T1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.PolicyStatus.State;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class PolicyStatusTest {

  @Test
  void queryRoundTripsAndIsAuthenticOnlyFromThePolicysAlice() throws Exception {
    PolicyStatusQuery q = PolicyStatusQuery.fromBytes(Samples.QUERY.toBytes());
    assertThat(q.toBytes()).isEqualTo(Samples.QUERY.toBytes());
    assertThat(Hex.toHexString(q.toBytes(), 0, 8)).isEqualTo("5053745100010000");
    assertThat(q.hrac()).isEqualTo(HRAC);
    assertThat(q.nonce()).isEqualTo(NONCE);
    assertThat(q.aliceVerifyingKey()).isEqualTo(Fixtures.alicePk());
    assertThat(q.node()).isEqualTo(Fixtures.nodeAddress(0));
    assertThat(q.issuedAt()).isEqualTo(T0);
    assertThat(q.isAuthentic()).isTrue();
    assertThat(
            PolicyStatusQuery.sign(
                    HRAC,
                    NONCE,
                    Fixtures.nodeAddress(0),
                    T0,
                    Fixtures.MALLORY_SIGNER,
                    Fixtures.random(1))
                .isAuthentic())
        .isFalse();
    byte[] asAlice =
        Fixtures.signedEnvelope(
            "PStQ", "policy-status-query", Fixtures.split(q.toBytes())[0], Fixtures.MALLORY_SIGNER);
    assertThat(PolicyStatusQuery.fromBytes(asAlice).isAuthentic()).isFalse();
    assertThatThrownBy(
            () ->
                PolicyStatusQuery.sign(
                    Samples.TERMS.terms(),
                    Fixtures.nodeAddress(0),
                    T0,
                    Fixtures.MALLORY_SIGNER,
                    Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void queryStrictness() throws Exception {
    byte[] b = Samples.QUERY.toBytes();
    Strictness.standardChecks(b, "PStQ", 512, PolicyStatusQuery::fromBytes);
    Strictness.bitFlips(
        b,
        PolicyStatusQuery::fromBytes,
        Strictness.nowhere(),
        (m, o) -> assertThat(o.isAuthentic()).isFalse());
  }

  @Test
  void statusRoundTripsEveryState() throws Exception {
    PolicyStatus revoked = PolicyStatus.fromBytes(Samples.STATUS.toBytes());
    assertThat(revoked.toBytes()).isEqualTo(Samples.STATUS.toBytes());
    assertThat(revoked.hrac()).isEqualTo(HRAC);
    assertThat(revoked.node()).isEqualTo(Fixtures.nodeAddress(0));
    assertThat(revoked.state()).isEqualTo(State.REVOKED);
    assertThat(revoked.revision()).isZero();
    assertThat(revoked.expiry()).contains(T1);
    assertThat(revoked.revokedAt()).contains(T0);
    assertThat(revoked.at()).isEqualTo(T0.plusSeconds(5));
    assertThat(revoked.isSignedBy(Fixtures.NODE_SIGNING[0].publicKey())).isTrue();
    assertThat(revoked.isSignedBy(Fixtures.NODE_SIGNING[1].publicKey())).isFalse();
    assertThat(Hex.toHexString(Fixtures.split(revoked.toBytes())[0]))
        .isEqualTo(
            "97"
                + "c410"
                + HRAC.toHex()
                + "c414"
                + Hex.toHexString(Fixtures.nodeAddress(0).toBytes())
                + "a7"
                + Hex.toHexString("revoked".getBytes())
                + "00"
                + "ce"
                + String.format("%08x", T1.getEpochSecond())
                + "ce"
                + String.format("%08x", T0.getEpochSecond())
                + "ce"
                + String.format("%08x", T0.getEpochSecond() + 5));

    PolicyStatus active =
        PolicyStatus.sign(
            HRAC,
            Fixtures.nodeAddress(1),
            State.ACTIVE,
            3,
            T1,
            null,
            T0,
            Fixtures.nodeSigner(1),
            Fixtures.random(2));
    PolicyStatus back = PolicyStatus.fromBytes(active.toBytes());
    assertThat(back.state()).isEqualTo(State.ACTIVE);
    assertThat(back.revision()).isEqualTo(3);
    assertThat(back.revokedAt()).isEmpty();
    PolicyStatus unknown =
        PolicyStatus.fromBytes(
            PolicyStatus.sign(
                    HRAC,
                    Fixtures.nodeAddress(1),
                    State.UNKNOWN,
                    0,
                    null,
                    null,
                    T0,
                    Fixtures.nodeSigner(1),
                    Fixtures.random(3))
                .toBytes());
    assertThat(unknown.state()).isEqualTo(State.UNKNOWN);
    assertThat(unknown.expiry()).isEmpty();
    PolicyStatus expired =
        PolicyStatus.fromBytes(
            PolicyStatus.sign(
                    HRAC,
                    Fixtures.nodeAddress(1),
                    State.EXPIRED,
                    1,
                    T1,
                    null,
                    T1,
                    Fixtures.nodeSigner(1),
                    Fixtures.random(4))
                .toBytes());
    assertThat(expired.state()).isEqualTo(State.EXPIRED);
    assertThat(expired.expiry()).contains(T1);
  }

  @Test
  void statusRefusesInconsistentAnswers() {
    assertThatThrownBy(
            () ->
                PolicyStatus.sign(
                    HRAC,
                    Fixtures.nodeAddress(0),
                    State.REVOKED,
                    0,
                    null,
                    null,
                    T0,
                    Fixtures.nodeSigner(0),
                    Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PolicyStatus.sign(
                    HRAC,
                    Fixtures.nodeAddress(0),
                    State.ACTIVE,
                    0,
                    T1,
                    T0,
                    T0,
                    Fixtures.nodeSigner(0),
                    Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                PolicyStatus.sign(
                    HRAC,
                    Fixtures.nodeAddress(0),
                    State.UNKNOWN,
                    1,
                    null,
                    null,
                    T0,
                    Fixtures.nodeSigner(0),
                    Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] node = Fixtures.nodeAddress(0).toBytes();
    assertThatThrownBy(
            () ->
                PolicyStatus.fromBytes(
                    Fixtures.signedEnvelope(
                        "PSts",
                        "policy-status",
                        new MsgpackWriter()
                            .array(7)
                            .bin(HRAC.toBytes())
                            .bin(node)
                            .str("gone")
                            .uint(0)
                            .uint(0)
                            .nil()
                            .uint(1)
                            .toBytes(),
                        Fixtures.nodeSigner(0))))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("PSts: field state: unknown state 'gone'");
    assertThatThrownBy(
            () ->
                PolicyStatus.fromBytes(
                    Fixtures.signedEnvelope(
                        "PSts",
                        "policy-status",
                        new MsgpackWriter()
                            .array(7)
                            .bin(HRAC.toBytes())
                            .bin(node)
                            .str("revoked")
                            .uint(0)
                            .uint(0)
                            .nil()
                            .uint(1)
                            .toBytes(),
                        Fixtures.nodeSigner(0))))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("exactly when the state is 'revoked'");
    assertThatThrownBy(
            () ->
                PolicyStatus.fromBytes(
                    Fixtures.signedEnvelope(
                        "PSts",
                        "policy-status",
                        new MsgpackWriter()
                            .array(6)
                            .bin(HRAC.toBytes())
                            .bin(node)
                            .str("active")
                            .uint(0)
                            .uint(0)
                            .nil()
                            .toBytes(),
                        Fixtures.nodeSigner(0))))
        .hasMessage("PSts: field status: expected 7 fields, found 6");
  }

  @Test
  void statusStrictness() throws Exception {
    byte[] b = Samples.STATUS.toBytes();
    Strictness.standardChecks(b, "PSts", 512, PolicyStatus::fromBytes);
    Strictness.bitFlips(
        b,
        PolicyStatus::fromBytes,
        Strictness.nowhere(),
        (m, o) -> assertThat(o.isSignedBy(Fixtures.NODE_SIGNING[0].publicKey())).isFalse());
  }
}
