package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.ALICE;
import static dev.nkms.protocol.Fixtures.BOB_ENCRYPTING;
import static dev.nkms.protocol.Fixtures.BOB_VERIFYING;
import static dev.nkms.protocol.Fixtures.HRAC;
import static dev.nkms.protocol.Fixtures.NONCE;
import static dev.nkms.protocol.Fixtures.POLICY;
import static dev.nkms.protocol.Fixtures.T0;
import static dev.nkms.protocol.Fixtures.T1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import java.time.Instant;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class PolicyTermsTest {

  private static PolicyTerms terms(int m, int n, Instant start, Instant expiry, long revision) {
    return new PolicyTerms(
        NONCE,
        m,
        n,
        start,
        expiry,
        revision,
        Conditions.NONE,
        POLICY.publicKey(),
        ALICE.publicKey(),
        BOB_VERIFYING.publicKey(),
        BOB_ENCRYPTING.publicKey());
  }

  @Test
  void payloadIsATwelveFieldArrayInDocumentedOrder() throws Exception {
    PolicyTerms t = Fixtures.terms(Fixtures.someConditions());
    MsgpackWriter conditions = new MsgpackWriter();
    t.conditions().write(conditions);
    byte[] expected =
        new MsgpackWriter()
            .array(12)
            .bin(HRAC.toBytes())
            .bin(NONCE)
            .uint(2)
            .uint(3)
            .uint(T0.getEpochSecond())
            .uint(T1.getEpochSecond())
            .uint(0)
            .raw(conditions.toBytes())
            .bin(POLICY.publicKey().toCompressedBytes())
            .bin(ALICE.publicKey().toCompressedBytes())
            .bin(BOB_VERIFYING.publicKey().toCompressedBytes())
            .bin(BOB_ENCRYPTING.publicKey().toCompressedBytes())
            .toBytes();
    assertThat(Hex.toHexString(t.toPayload())).isEqualTo(Hex.toHexString(expected));
    assertThat(Hex.toHexString(t.toPayload()))
        .startsWith("9cc410" + HRAC.toHex() + "c410" + Hex.toHexString(NONCE) + "0203ce");
    MsgpackReader r = new MsgpackReader("PTrm", t.toPayload(), 0);
    assertThat(PolicyTerms.read(r)).isEqualTo(t);
  }

  @Test
  void theIdIsDerivedFromAlicesKeyAndTheNonce() {
    PolicyTerms t = terms(1, 1, T0, T1, 0);
    assertThat(t.hrac()).isEqualTo(Hrac.derive(ALICE.publicKey(), NONCE));
    assertThat(t.nonce()).isEqualTo(NONCE);
    byte[] n = t.nonce();
    n[0] ^= 1;
    assertThat(t.nonce()).isEqualTo(NONCE);
    assertThatThrownBy(
            () ->
                new PolicyTerms(
                    new byte[15],
                    1,
                    1,
                    T0,
                    T1,
                    0,
                    Conditions.NONE,
                    POLICY.publicKey(),
                    ALICE.publicKey(),
                    BOB_VERIFYING.publicKey(),
                    BOB_ENCRYPTING.publicKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("16 bytes");
  }

  /**
   * Bug 5 of issue 10: a stranger's terms under Alice's id (his own key as "Alice") no longer
   * parse.
   */
  @Test
  void termsWhoseIdDoesNotCommitToTheirAliceAreRefused() throws Exception {
    // The stranger takes Alice's policy id and puts his own key in the terms, and signs them: a
    // valid signature.
    PolicyTerms his =
        new PolicyTerms(
            NONCE,
            1,
            1,
            T0,
            T1,
            0,
            Conditions.NONE,
            POLICY.publicKey(),
            Fixtures.MALLORY.publicKey(),
            BOB_VERIFYING.publicKey(),
            BOB_ENCRYPTING.publicKey());
    byte[] payload = his.toPayload();
    byte[] forged = payload.clone();
    System.arraycopy(
        HRAC.toBytes(), 0, forged, 3, 16); // after 9c c4 10: Alice's hrac instead of his
    assertThat(his.hrac()).isNotEqualTo(HRAC);
    assertThat(java.util.Arrays.copyOfRange(payload, 3, 19)).isEqualTo(his.hrac().toBytes());
    byte[] signed =
        Fixtures.signedEnvelope("PTrm", "policy-terms", forged, Fixtures.MALLORY_SIGNER);
    assertThatThrownBy(() -> SignedPolicyTerms.fromBytes(signed))
        .isInstanceOf(dev.nkms.protocol.wire.WireFormatException.class)
        .isNotInstanceOf(dev.nkms.protocol.wire.BadSignatureException.class)
        .hasMessage("PTrm: field hrac: the policy id does not commit to the signing Alice's key");
    // His own id, with his own key, is fine: the id is his.
    assertThat(
            SignedPolicyTerms.fromBytes(
                    Fixtures.signedEnvelope(
                        "PTrm", "policy-terms", payload, Fixtures.MALLORY_SIGNER))
                .terms()
                .hrac())
        .isEqualTo(his.hrac());
    // Another nonce under Alice's id is refused as well.
    byte[] otherNonce = Fixtures.terms(Conditions.NONE).toPayload();
    otherNonce[21] ^= 1; // first nonce byte, after the hrac and c4 10
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    Fixtures.signedEnvelope(
                        "PTrm", "policy-terms", otherNonce, Fixtures.ALICE_SIGNER)))
        .hasMessage("PTrm: field hrac: the policy id does not commit to the signing Alice's key");
  }

  @Test
  void accessors() {
    PolicyTerms t = Fixtures.terms(Fixtures.someConditions());
    assertThat(t.hrac()).isEqualTo(HRAC);
    assertThat(t.threshold()).isEqualTo(2);
    assertThat(t.shares()).isEqualTo(3);
    assertThat(t.start()).isEqualTo(T0);
    assertThat(t.expiry()).isEqualTo(T1);
    assertThat(t.revision()).isZero();
    assertThat(t.conditions()).isEqualTo(Fixtures.someConditions());
    assertThat(t.policyEncryptingKey()).isEqualTo(POLICY.publicKey());
    assertThat(t.aliceVerifyingKey()).isEqualTo(ALICE.publicKey());
    assertThat(t.bobVerifyingKey()).isEqualTo(BOB_VERIFYING.publicKey());
    assertThat(t.bobEncryptingKey()).isEqualTo(BOB_ENCRYPTING.publicKey());
    assertThat(t.toString()).contains(HRAC.toHex()).contains("2-of-3");
  }

  @Test
  void constructorEnforcesTheSameRulesAsTheParser() {
    assertThatThrownBy(() -> terms(0, 3, T0, T1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need 1 ≤ m ≤ n ≤ 255, got m=0 n=3");
    assertThatThrownBy(() -> terms(4, 3, T0, T1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> terms(1, 256, T0, T1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> terms(1, 1, T0, T0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expire after it starts");
    assertThatThrownBy(() -> terms(1, 1, T1, T0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> terms(1, 1, Instant.ofEpochSecond(-1), T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> terms(1, 1, T0, T1, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("revision out of range");
    assertThatThrownBy(() -> terms(1, 1, T0, T1, 0x100000000L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(terms(255, 255, Instant.EPOCH, Instant.ofEpochSecond(1), 0xffffffffL).revision())
        .isEqualTo(0xffffffffL);
  }

  @Test
  void isActiveFromStartInclusiveToExpiryExclusive() {
    PolicyTerms t = terms(1, 1, T0, T1, 0);
    assertThat(t.isActiveAt(T0.minusSeconds(1))).isFalse();
    assertThat(t.isActiveAt(T0)).isTrue();
    assertThat(t.isActiveAt(T1.minusSeconds(1))).isTrue();
    assertThat(t.isActiveAt(T1.minusNanos(1))).isTrue();
    assertThat(t.isActiveAt(T1)).isFalse();
  }

  @Test
  void renewalExtendsTheExpiryAndBumpsTheRevision() {
    PolicyTerms t = terms(2, 3, T0, T1, 7);
    Instant later = T1.plusSeconds(86400);
    PolicyTerms r = t.renewedUntil(later);
    assertThat(r.revision()).isEqualTo(8);
    assertThat(r.expiry()).isEqualTo(later);
    assertThat(r.start()).isEqualTo(T0);
    assertThat(r.hrac()).isEqualTo(t.hrac());
    assertThat(r.nonce()).isEqualTo(t.nonce());
    assertThat(r.threshold()).isEqualTo(2);
    assertThat(r).isNotEqualTo(t);
    assertThatThrownBy(() -> t.renewedUntil(T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalityIsByEncoding() {
    assertThat(terms(2, 3, T0, T1, 0))
        .isEqualTo(terms(2, 3, T0, T1, 0))
        .hasSameHashCodeAs(terms(2, 3, T0, T1, 0))
        .isNotEqualTo(terms(2, 3, T0, T1, 1))
        .isNotEqualTo(terms(1, 3, T0, T1, 0));
  }
}
