package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.ALICE;
import static dev.nkms.protocol.Fixtures.BOB_ENCRYPTING;
import static dev.nkms.protocol.Fixtures.BOB_VERIFYING;
import static dev.nkms.protocol.Fixtures.HRAC;
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
    return new PolicyTerms(HRAC, m, n, start, expiry, revision, Conditions.NONE, POLICY.publicKey(), ALICE.publicKey(),
        BOB_VERIFYING.publicKey(), BOB_ENCRYPTING.publicKey());
  }

  @Test
  void payloadIsAnElevenFieldArrayInDocumentedOrder() throws Exception {
    PolicyTerms t = Fixtures.terms(Fixtures.someConditions());
    MsgpackWriter conditions = new MsgpackWriter();
    t.conditions().write(conditions);
    byte[] expected = new MsgpackWriter().array(11).bin(HRAC.toBytes()).uint(2).uint(3).uint(T0.getEpochSecond())
        .uint(T1.getEpochSecond()).uint(0).raw(conditions.toBytes()).bin(POLICY.publicKey().toCompressedBytes())
        .bin(ALICE.publicKey().toCompressedBytes()).bin(BOB_VERIFYING.publicKey().toCompressedBytes())
        .bin(BOB_ENCRYPTING.publicKey().toCompressedBytes()).toBytes();
    assertThat(Hex.toHexString(t.toPayload())).isEqualTo(Hex.toHexString(expected));
    assertThat(Hex.toHexString(t.toPayload())).startsWith("9bc410" + HRAC.toHex() + "0203ce");
    MsgpackReader r = new MsgpackReader("PTrm", t.toPayload(), 0);
    assertThat(PolicyTerms.read(r)).isEqualTo(t);
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
    assertThatThrownBy(() -> terms(0, 3, T0, T1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need 1 ≤ m ≤ n ≤ 255, got m=0 n=3");
    assertThatThrownBy(() -> terms(4, 3, T0, T1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> terms(1, 256, T0, T1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> terms(1, 1, T0, T0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expire after it starts");
    assertThatThrownBy(() -> terms(1, 1, T1, T0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> terms(1, 1, Instant.ofEpochSecond(-1), T0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> terms(1, 1, T0, T1, -1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("revision out of range");
    assertThatThrownBy(() -> terms(1, 1, T0, T1, 0x100000000L)).isInstanceOf(IllegalArgumentException.class);
    assertThat(terms(255, 255, Instant.EPOCH, Instant.ofEpochSecond(1), 0xffffffffL).revision()).isEqualTo(0xffffffffL);
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
    assertThat(r.threshold()).isEqualTo(2);
    assertThat(r).isNotEqualTo(t);
    assertThatThrownBy(() -> t.renewedUntil(T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalityIsByEncoding() {
    assertThat(terms(2, 3, T0, T1, 0)).isEqualTo(terms(2, 3, T0, T1, 0)).hasSameHashCodeAs(terms(2, 3, T0, T1, 0))
        .isNotEqualTo(terms(2, 3, T0, T1, 1)).isNotEqualTo(terms(1, 3, T0, T1, 0));
  }
}
