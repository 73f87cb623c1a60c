package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.HRAC;
import static dev.nkms.protocol.Fixtures.NODE_SIGNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedCapsuleFrag;
import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;

class ReencryptionResponseTest {
  private static final ReencryptionResponse SAMPLE = Samples.RESPONSE;
  private static final PublicKey NODE0 = NODE_SIGNING[0].publicKey();

  static byte[] payload(List<Capsule> capsules, List<CapsuleFrag> cfrags) {
    MsgpackWriter w = new MsgpackWriter().array(3).bin(HRAC.toBytes()).array(capsules.size());
    capsules.forEach(c -> w.bin(c.toBytes()));
    w.array(cfrags.size());
    cfrags.forEach(c -> w.bin(c.toBytes()));
    return w.toBytes();
  }

  private static List<CapsuleFrag> plain(List<VerifiedCapsuleFrag> v) {
    List<CapsuleFrag> out = new ArrayList<>();
    v.forEach(c -> out.add(c.unverify()));
    return out;
  }

  @Test
  void roundTrips() throws Exception {
    byte[] b = SAMPLE.toBytes();
    ReencryptionResponse back = ReencryptionResponse.fromBytes(b);
    assertThat(back.toBytes()).isEqualTo(b);
    assertThat(back.hrac()).isEqualTo(HRAC);
    assertThat(back.capsules()).isEqualTo(Samples.CAPSULES);
    assertThat(back.cfrags()).isEqualTo(plain(Samples.CFRAGS));
    assertThat(Fixtures.split(b)[0]).isEqualTo(payload(Samples.CAPSULES, plain(Samples.CFRAGS)));
  }

  @Test
  void payloadLayout() {
    String hex = Hex.toHexString(Fixtures.split(Samples.RESPONSE_SMALL.toBytes())[0]);
    assertThat(hex)
        .isEqualTo(
            "93"
                + "c410"
                + HRAC.toHex()
                + "91"
                + "c469"
                + Hex.toHexString(Samples.CAPSULES.get(0).toBytes())
                + "91"
                + "c5017d"
                + Hex.toHexString(Samples.CFRAGS.get(0).toBytes()));
  }

  @Test
  void verifiedCfragsDecryptForBob() throws Exception {
    // two nodes answer for the same capsule; Bob verifies the responses, then the cfrags, then
    // decrypts
    Capsule capsule = Samples.SEALED_DEK.capsule();
    List<VerifiedCapsuleFrag> verified = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      VerifiedCapsuleFrag cf =
          Umbral.reencrypt(capsule, Samples.KFRAGS.get(i), Fixtures.random(40 + i));
      ReencryptionResponse r =
          ReencryptionResponse.fromBytes(
              ReencryptionResponse.sign(
                      HRAC,
                      List.of(capsule),
                      List.of(cf),
                      Fixtures.nodeSigner(i),
                      Fixtures.random(50 + i))
                  .toBytes());
      List<CapsuleFrag> cfrags = r.verify(NODE_SIGNING[i].publicKey(), HRAC, List.of(capsule));
      verified.add(
          cfrags
              .get(0)
              .verify(
                  capsule,
                  Fixtures.alicePk(),
                  Fixtures.POLICY.publicKey(),
                  Fixtures.BOB_ENCRYPTING.publicKey()));
    }
    byte[] dek =
        Umbral.decryptReencrypted(
            Fixtures.BOB_ENCRYPTING,
            Fixtures.POLICY.publicKey(),
            capsule,
            verified,
            Samples.SEALED_DEK.ciphertext());
    assertThat(dek).isEqualTo(Fixtures.bytes(32, 4));
  }

  @Test
  void verifyRefusesAnotherNodesKey() throws Exception {
    ReencryptionResponse r = ReencryptionResponse.fromBytes(SAMPLE.toBytes());
    assertThat(r.verify(NODE0, HRAC, Samples.CAPSULES)).hasSize(3);
    assertThatThrownBy(() -> r.verify(NODE_SIGNING[1].publicKey(), HRAC, Samples.CAPSULES))
        .isInstanceOf(VerificationException.class)
        .hasMessage("re-encryption response: the node's signature does not verify");
  }

  @Test
  void verifyRefusesAnotherHrac() throws Exception {
    ReencryptionResponse r = ReencryptionResponse.fromBytes(SAMPLE.toBytes());
    assertThatThrownBy(() -> r.verify(NODE0, Fixtures.OTHER_HRAC, Samples.CAPSULES))
        .isInstanceOf(VerificationException.class)
        .hasMessage("re-encryption response does not answer this request");
  }

  @Test
  void verifyRefusesReorderedMissingOrExtraCapsules() throws Exception {
    ReencryptionResponse r = ReencryptionResponse.fromBytes(SAMPLE.toBytes());
    List<Capsule> reordered = new ArrayList<>(Samples.CAPSULES);
    Collections.swap(reordered, 0, 2);
    for (List<Capsule> expected :
        List.of(
            reordered,
            Samples.CAPSULES.subList(0, 2),
            List.of(
                Samples.CAPSULES.get(0),
                Samples.CAPSULES.get(1),
                Samples.CAPSULES.get(2),
                Samples.CAPSULE))) {
      assertThatThrownBy(() -> r.verify(NODE0, HRAC, expected))
          .isInstanceOf(VerificationException.class)
          .hasMessage("re-encryption response does not answer this request");
    }
  }

  @Test
  void verifyRefusesAResponseSignedByAnotherKey() throws Exception {
    byte[] forged =
        Fixtures.signedEnvelope(
            "ReRs",
            "reencryption-response",
            Fixtures.split(SAMPLE.toBytes())[0],
            Fixtures.MALLORY_SIGNER);
    ReencryptionResponse r = ReencryptionResponse.fromBytes(forged);
    assertThatThrownBy(() -> r.verify(NODE0, HRAC, Samples.CAPSULES))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void strictness() throws Exception {
    byte[] b = Samples.RESPONSE_SMALL.toBytes();
    Strictness.standardChecks(
        b, "ReRs", ReencryptionResponse.MAX_SIZE, ReencryptionResponse::fromBytes);
    List<Capsule> expected = Samples.CAPSULES.subList(0, 1);
    int parsed =
        Strictness.bitFlips(
            b,
            ReencryptionResponse::fromBytes,
            Strictness.nowhere(),
            (m, r) -> {
              // parsing does not check the signature: a flip in the payload or signature bytes
              // parses, and verify refuses
              assertThat(catchThrowable(() -> r.verify(NODE0, HRAC, expected)))
                  .isInstanceOf(VerificationException.class);
            });
    assertThat(parsed).isGreaterThan(0);
  }

  @Test
  void refusesMismatchedCounts() {
    byte[] b =
        Fixtures.signedEnvelope(
            "ReRs",
            "reencryption-response",
            payload(Samples.CAPSULES.subList(0, 1), plain(Samples.CFRAGS.subList(0, 2))),
            Fixtures.nodeSigner(0));
    assertThatThrownBy(() -> ReencryptionResponse.fromBytes(b))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("ReRs: field cfrags: 1 capsules but 2 cfrags");
    byte[] many =
        Fixtures.signedEnvelope(
            "ReRs",
            "reencryption-response",
            payload(Collections.nCopies(1001, Samples.CAPSULE), List.of()),
            Fixtures.nodeSigner(0));
    assertThatThrownBy(() -> ReencryptionResponse.fromBytes(many))
        .hasMessage("ReRs: field capsules: 1001 elements, at most 1000 allowed");
    byte[] badCfrag =
        Fixtures.signedEnvelope(
            "ReRs",
            "reencryption-response",
            new MsgpackWriter()
                .array(3)
                .bin(HRAC.toBytes())
                .array(1)
                .bin(Samples.CAPSULE.toBytes())
                .array(1)
                .bin(new byte[381])
                .toBytes(),
            Fixtures.nodeSigner(0));
    assertThatThrownBy(() -> ReencryptionResponse.fromBytes(badCfrag))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("ReRs: field cfrags[0]: ");
  }

  @Test
  void anEmptyResponseParsesButAnswersNoRealRequest() throws Exception {
    // ReRs does not refuse zero capsules (a request always has at least one, so verify() then
    // refuses it)
    byte[] b =
        Fixtures.signedEnvelope(
            "ReRs", "reencryption-response", payload(List.of(), List.of()), Fixtures.nodeSigner(0));
    ReencryptionResponse r = ReencryptionResponse.fromBytes(b);
    assertThat(r.capsules()).isEmpty();
    assertThatThrownBy(() -> r.verify(NODE0, HRAC, Samples.CAPSULES.subList(0, 1)))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void signRequiresOneCfragPerCapsule() {
    assertThatThrownBy(
            () ->
                ReencryptionResponse.sign(
                    HRAC,
                    Samples.CAPSULES,
                    Samples.CFRAGS.subList(0, 2),
                    Fixtures.nodeSigner(0),
                    Fixtures.random(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("one cfrag per capsule");
  }

  @Test
  void theLargestResponseFitsTheSizeLimit() throws Exception {
    ReencryptionResponse r =
        ReencryptionResponse.sign(
            HRAC,
            Collections.nCopies(1000, Samples.CAPSULE),
            Collections.nCopies(1000, Samples.CFRAGS.get(0)),
            Fixtures.nodeSigner(0),
            Fixtures.random(1));
    assertThat(r.toBytes().length).isLessThanOrEqualTo(ReencryptionResponse.MAX_SIZE);
    assertThat(ReencryptionResponse.fromBytes(r.toBytes()).cfrags()).hasSize(1000);
  }
}
