package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.ALICE;
import static dev.nkms.protocol.Fixtures.ALICE_SIGNER;
import static dev.nkms.protocol.Fixtures.BOB_ENCRYPTING;
import static dev.nkms.protocol.Fixtures.BOB_VERIFYING;
import static dev.nkms.protocol.Fixtures.HRAC;
import static dev.nkms.protocol.Fixtures.POLICY;
import static dev.nkms.protocol.Fixtures.T0;
import static dev.nkms.protocol.Fixtures.T1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SignedPolicyTermsTest {
  private static final SignedPolicyTerms SAMPLE = Fixtures.Samples.TERMS;

  /** A terms payload written field by field, so that the parser's own rules can be exercised. */
  static byte[] payload(
      long m, long n, long start, long expiry, long revision, Consumer<MsgpackWriter> conditions) {
    MsgpackWriter w =
        new MsgpackWriter()
            .array(12)
            .bin(HRAC.toBytes())
            .bin(Fixtures.NONCE)
            .uint(m)
            .uint(n)
            .uint(start)
            .uint(expiry)
            .uint(revision);
    conditions.accept(w);
    return w.bin(POLICY.publicKey().toCompressedBytes())
        .bin(ALICE.publicKey().toCompressedBytes())
        .bin(BOB_VERIFYING.publicKey().toCompressedBytes())
        .bin(BOB_ENCRYPTING.publicKey().toCompressedBytes())
        .toBytes();
  }

  static byte[] signedByAlice(byte[] payload) {
    return Fixtures.signedEnvelope("PTrm", "policy-terms", payload, ALICE_SIGNER);
  }

  private static final Consumer<MsgpackWriter> NO_CONDITIONS = w -> w.array(0);

  @Test
  void roundTrips() throws Exception {
    for (SignedPolicyTerms t : new SignedPolicyTerms[] {SAMPLE, Fixtures.Samples.TERMS_PLAIN}) {
      byte[] b = t.toBytes();
      SignedPolicyTerms back = SignedPolicyTerms.fromBytes(b);
      assertThat(back).isEqualTo(t).hasSameHashCodeAs(t);
      assertThat(back.toBytes()).isEqualTo(b);
      assertThat(back.terms()).isEqualTo(t.terms());
      assertThat(back.digest()).isEqualTo(ScalarDigest.sha256(b)).hasSize(32);
      assertThat(back.toString()).startsWith("SignedPolicyTerms[");
    }
  }

  @Test
  void layoutIsASignedEnvelopeAroundTheTermsPayload() throws Exception {
    byte[] b = SAMPLE.toBytes();
    assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PTrm");
    assertThat(java.util.Arrays.copyOfRange(b, 4, 9)).containsExactly(0, 2, 0, 0, 0x92);
    byte[][] parts = Fixtures.split(b);
    assertThat(parts[0]).isEqualTo(SAMPLE.terms().toPayload());
    assertThat(
            Signing.verify(
                dev.nkms.crypto.keys.Signature.fromBEBytes(parts[1]),
                ALICE.publicKey(),
                "policy-terms",
                parts[0]))
        .isTrue();
  }

  @Test
  void handBuiltTermsParse() throws Exception {
    SignedPolicyTerms t =
        SignedPolicyTerms.fromBytes(signedByAlice(payload(2, 3, 100, 200, 5, NO_CONDITIONS)));
    assertThat(t.terms().threshold()).isEqualTo(2);
    assertThat(t.terms().revision()).isEqualTo(5);
    assertThat(t.terms().conditions()).isEqualTo(Conditions.NONE);
  }

  @Test
  void strictness() throws Exception {
    byte[] b = Fixtures.Samples.TERMS_PLAIN.toBytes();
    Strictness.standardChecks(b, "PTrm", 4096, SignedPolicyTerms::fromBytes);
    Strictness.bitFlips(
        b, SignedPolicyTerms::fromBytes, Strictness.signedOpaque(b), Strictness.neverParses());
  }

  @Test
  void refusesZeroThreshold() {
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    signedByAlice(payload(0, 3, 100, 200, 0, NO_CONDITIONS))))
        .isInstanceOf(WireFormatException.class)
        .isNotInstanceOf(BadSignatureException.class)
        .hasMessage("PTrm: field threshold: need 1 ≤ threshold ≤ shares, got 0 of 3");
  }

  @Test
  void refusesThresholdAboveShares() {
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    signedByAlice(payload(4, 3, 100, 200, 0, NO_CONDITIONS))))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("PTrm: field threshold: need 1 ≤ threshold ≤ shares, got 4 of 3");
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    signedByAlice(payload(1, 0, 100, 200, 0, NO_CONDITIONS))))
        .hasMessage("PTrm: field threshold: need 1 ≤ threshold ≤ shares, got 1 of 0");
  }

  @Test
  void refusesMoreThan255SharesOrThreshold() {
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    signedByAlice(payload(1, 256, 100, 200, 0, NO_CONDITIONS))))
        .hasMessage("PTrm: field shares: value 256 is above the maximum 255");
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    signedByAlice(payload(256, 256, 100, 200, 0, NO_CONDITIONS))))
        .hasMessage("PTrm: field threshold: value 256 is above the maximum 255");
  }

  @Test
  void refusesExpiryNotAfterStart() {
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    signedByAlice(payload(1, 1, 200, 200, 0, NO_CONDITIONS))))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("PTrm: field expiry: policy expires before it starts");
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    signedByAlice(payload(1, 1, 200, 199, 0, NO_CONDITIONS))))
        .hasMessage("PTrm: field expiry: policy expires before it starts");
  }

  @Test
  void expiryBeyondTheInstantRangeIsRefusedOrUsable() {
    byte[] b = signedByAlice(payload(1, 1, 0, Long.MAX_VALUE, 0, NO_CONDITIONS));
    Throwable t =
        catchThrowable(
            () -> {
              SignedPolicyTerms parsed = SignedPolicyTerms.fromBytes(b);
              parsed.terms().expiry();
              parsed.toString();
            });
    assertThat(t)
        .satisfiesAnyOf(
            x -> assertThat(x).isNull(),
            x -> assertThat(x).isInstanceOf(WireFormatException.class));
  }

  @Test
  void refusesARevisionAboveU32() {
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    signedByAlice(payload(1, 1, 1, 2, 0x100000000L, NO_CONDITIONS))))
        .hasMessage("PTrm: field revision: value 4294967296 is above the maximum 4294967295");
  }

  @Test
  void refusesUnknownConditions() {
    byte[] b =
        signedByAlice(payload(1, 1, 1, 2, 0, w -> w.array(1).array(2).str("geo-fence").str("EU")));
    assertThatThrownBy(() -> SignedPolicyTerms.fromBytes(b))
        .isInstanceOf(WireFormatException.class)
        .hasMessage(
            "PTrm: field conditions[0]: unknown condition type 'geo-fence'; this node cannot enforce it");
  }

  @Test
  void refusesNilConditions() {
    // unlike MessageKit, the terms always carry an array (possibly empty)
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.fromBytes(
                    signedByAlice(payload(1, 1, 1, 2, 0, MsgpackWriter::nil))))
        .hasMessage("PTrm: field conditions: expected an array, found 0xc0");
  }

  @Test
  void refusesTermsSignedByAnotherKey() {
    byte[] payload = SAMPLE.terms().toPayload();
    for (Signer other :
        new Signer[] {Fixtures.MALLORY_SIGNER, Fixtures.BOB_SIGNER, Fixtures.nodeSigner(0)}) {
      byte[] forged = Fixtures.signedEnvelope("PTrm", "policy-terms", payload, other);
      assertThatThrownBy(() -> SignedPolicyTerms.fromBytes(forged))
          .isInstanceOf(BadSignatureException.class)
          .hasMessage("PTrm: Alice's signature over the policy terms does not verify");
    }
  }

  @Test
  void refusesAnotherObjectsSignatureOverTheSameBytes() {
    byte[] payload = SAMPLE.terms().toPayload();
    for (String purpose : DomainSeparationTest.PURPOSES) {
      if (!purpose.equals("policy-terms")) {
        byte[] b = Fixtures.signedEnvelope("PTrm", purpose, payload, ALICE_SIGNER);
        assertThatThrownBy(() -> SignedPolicyTerms.fromBytes(b))
            .as(purpose)
            .isInstanceOf(BadSignatureException.class);
      }
    }
  }

  @Test
  void signRequiresTheSignerToBeTheTermsAlice() {
    assertThatThrownBy(
            () ->
                SignedPolicyTerms.sign(SAMPLE.terms(), Fixtures.MALLORY_SIGNER, Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different Alice verifying key");
  }

  @Test
  void renewedTermsSignAndParse() throws Exception {
    SignedPolicyTerms renewed =
        SignedPolicyTerms.sign(
            SAMPLE.terms().renewedUntil(T1.plusSeconds(10)), ALICE_SIGNER, Fixtures.random(2));
    SignedPolicyTerms back = SignedPolicyTerms.fromBytes(renewed.toBytes());
    assertThat(back.terms().revision()).isEqualTo(1);
    assertThat(back.terms().hrac()).isEqualTo(SAMPLE.terms().hrac());
    assertThat(back.digest()).isNotEqualTo(SAMPLE.digest());
    assertThat(back.terms().start()).isEqualTo(T0);
  }
}
