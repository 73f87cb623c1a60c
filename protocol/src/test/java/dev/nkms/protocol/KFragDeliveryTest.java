package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.ALICE_SIGNER;
import static dev.nkms.protocol.Fixtures.NODE_ENCRYPTING;
import static dev.nkms.protocol.Fixtures.nodeAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KFragDeliveryTest {
  private static final KFragDelivery SAMPLE = Samples.DELIVERY;

  /** A delivery whose plaintext is {@code plain}, encrypted to {@code nodeKey}. */
  static KFragDelivery deliveryOf(byte[] plain, PublicKey nodeKey) throws WireFormatException {
    Umbral.Encrypted enc = Umbral.encrypt(nodeKey, plain, Fixtures.random(99));
    return KFragDelivery.fromBytes(
        Envelope.encode(
            "KDlv",
            1,
            0,
            new MsgpackWriter()
                .array(2)
                .bin(enc.capsule().toBytes())
                .bin(enc.ciphertext())
                .toBytes()));
  }

  private static byte[] authorizedPlaintext(
      SignedPolicyTerms terms,
      VerifiedKeyFrag kfrag,
      NodeAddress node,
      dev.nkms.crypto.keys.Signer signer) {
    Signature sig =
        Signing.sign(
            signer,
            "kfrag-authorization",
            Fixtures.concat(terms.digest(), node.toBytes(), kfrag.toBytes()),
            Fixtures.random(5));
    return new MsgpackWriter()
        .array(3)
        .bin(terms.toBytes())
        .bin(kfrag.toBytes())
        .bin(sig.toBEBytes())
        .toBytes();
  }

  @Test
  void roundTrips() throws Exception {
    byte[] b = SAMPLE.toBytes();
    KFragDelivery back = KFragDelivery.fromBytes(b);
    assertThat(back.toBytes()).isEqualTo(b);
    assertThat(back.open(NODE_ENCRYPTING[0], nodeAddress(0)).kfrag())
        .isEqualTo(Samples.KFRAGS.get(0));
  }

  @Test
  void layoutIsCapsuleAndCiphertext() throws Exception {
    byte[] b = SAMPLE.toBytes();
    assertThat(new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("KDlv");
    // 92, c4 69 (105-byte capsule), then the ciphertext as bin16 (it is longer than 255 bytes)
    assertThat(Arrays.copyOfRange(b, 4, 11)).containsExactly(0, 1, 0, 0, 0x92, 0xc4, 105);
    Capsule.fromBytes(Arrays.copyOfRange(b, 11, 116));
    assertThat(b[116] & 0xff).isEqualTo(0xc5);
    int ctLength = ((b[117] & 0xff) << 8) | (b[118] & 0xff);
    assertThat(b.length).isEqualTo(119 + ctLength);
    // ciphertext = nonce(24) ‖ DEM(plaintext) ‖ tag(16); plaintext = [terms, kfrag, signature]
    int termsLength = Samples.TERMS_PLAIN.toBytes().length;
    int plaintextLength = 1 + (termsLength < 256 ? 2 : 3) + termsLength + 3 + 310 + 2 + 64;
    assertThat(ctLength).isEqualTo(24 + plaintextLength + 16);
  }

  @Test
  void strictness() throws Exception {
    byte[] b = SAMPLE.toBytes();
    Strictness.standardChecks(b, "KDlv", KFragDelivery.MAX_SIZE, KFragDelivery::fromBytes);
    int[] opened = {0};
    int parsed =
        Strictness.bitFlips(
            b,
            KFragDelivery::fromBytes,
            Strictness.nowhere(),
            (m, d) -> {
              // only flips inside the opaque ciphertext parse; the delivery then re-encodes to
              // exactly those bytes and
              // does not open
              assertThat(d.toBytes()).isEqualTo(m);
              if (opened[0]++ % 8 == 0) {
                assertThat(catchThrowable(() -> d.open(NODE_ENCRYPTING[0], nodeAddress(0))))
                    .isInstanceOf(DecryptionException.class);
              }
            });
    assertThat(parsed).isGreaterThan(0);
  }

  @Test
  void refusesACiphertextLargerThanTheObject() {
    byte[] b =
        Envelope.encode(
            "KDlv",
            1,
            0,
            new MsgpackWriter()
                .array(2)
                .bin(Samples.CAPSULE.toBytes())
                .bin(new byte[KFragDelivery.MAX_SIZE])
                .toBytes());
    assertThatThrownBy(() -> KFragDelivery.fromBytes(b))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("at most 8192 allowed");
  }

  @Test
  void opensForTheRightNode() throws Exception {
    for (int i = 0; i < 3; i++) {
      KFragDelivery d =
          KFragDelivery.seal(
              Samples.TERMS,
              Samples.KFRAGS.get(i),
              nodeAddress(i),
              NODE_ENCRYPTING[i].publicKey(),
              ALICE_SIGNER,
              Fixtures.random(20 + i));
      KFragDelivery.AuthorizedKFrag a =
          KFragDelivery.fromBytes(d.toBytes()).open(NODE_ENCRYPTING[i], nodeAddress(i));
      assertThat(a.terms()).isEqualTo(Samples.TERMS);
      assertThat(a.kfrag()).isEqualTo(Samples.KFRAGS.get(i));
    }
  }

  @Test
  void failsForAnotherNodesKey() {
    assertThatThrownBy(() -> SAMPLE.open(NODE_ENCRYPTING[1], nodeAddress(0)))
        .isInstanceOf(DecryptionException.class)
        .hasMessage("kfrag delivery is not encrypted to this node");
    assertThatThrownBy(() -> SAMPLE.open(Fixtures.MALLORY, nodeAddress(0)))
        .isInstanceOf(DecryptionException.class);
  }

  @Test
  void failsForAnotherNodesAddress() {
    // the right key, but the authorization names node 0, not node 1: the kfrag cannot be moved to
    // another node
    assertThatThrownBy(() -> SAMPLE.open(NODE_ENCRYPTING[0], nodeAddress(1)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("kfrag authorization: Alice's signature does not verify for this node");
  }

  @Test
  void failsForAKfragGeneratedForADifferentBob() throws Exception {
    List<VerifiedKeyFrag> forOtherBob =
        Umbral.generateKFrags(
            Fixtures.POLICY,
            Fixtures.OTHER_BOB_ENCRYPTING.publicKey(),
            ALICE_SIGNER,
            2,
            3,
            true,
            true,
            Fixtures.random(30));
    KFragDelivery d =
        KFragDelivery.seal(
            Samples.TERMS,
            forOtherBob.get(0),
            nodeAddress(0),
            NODE_ENCRYPTING[0].publicKey(),
            ALICE_SIGNER,
            Fixtures.random(31));
    assertThatThrownBy(() -> d.open(NODE_ENCRYPTING[0], nodeAddress(0)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("Failed to verify the kfrag signature");
  }

  @Test
  void failsForAKfragWhoseSignatureForBobIsNotAlices() throws Exception {
    // A valid proxy signature but another kfrag's receiver signature: its cfrags would fail Bob's
    // check, and the
    // node would answer for them to an adjudicator, so it refuses the kfrag.
    byte[] bytes = Samples.KFRAGS.get(0).toBytes();
    System.arraycopy(Samples.KFRAGS.get(1).toBytes(), 244, bytes, 244, 64);
    dev.nkms.crypto.umbral.KeyFrag tampered = dev.nkms.crypto.umbral.KeyFrag.fromBytes(bytes);
    tampered.verify(
        ALICE_SIGNER.verifyingKey(),
        Samples.TERMS.terms().policyEncryptingKey(),
        Samples.TERMS.terms().bobEncryptingKey()); // the reference proxy check alone passes
    KFragDelivery d =
        KFragDelivery.seal(
            Samples.TERMS,
            tampered.skipVerification(),
            nodeAddress(0),
            NODE_ENCRYPTING[0].publicKey(),
            ALICE_SIGNER,
            Fixtures.random(34));
    assertThatThrownBy(() -> d.open(NODE_ENCRYPTING[0], nodeAddress(0)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("the kfrag's signature for Bob does not verify");
  }

  @Test
  void failsForAKfragOfAnotherPolicyKey() {
    List<VerifiedKeyFrag> otherPolicy =
        Umbral.generateKFrags(
            Fixtures.MALLORY,
            Fixtures.BOB_ENCRYPTING.publicKey(),
            ALICE_SIGNER,
            2,
            3,
            true,
            true,
            Fixtures.random(32));
    KFragDelivery d =
        KFragDelivery.seal(
            Samples.TERMS,
            otherPolicy.get(0),
            nodeAddress(0),
            NODE_ENCRYPTING[0].publicKey(),
            ALICE_SIGNER,
            Fixtures.random(33));
    assertThatThrownBy(() -> d.open(NODE_ENCRYPTING[0], nodeAddress(0)))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void failsForAnAuthorizationNotByTheTermsAlice() throws Exception {
    KFragDelivery d =
        deliveryOf(
            authorizedPlaintext(
                Samples.TERMS, Samples.KFRAGS.get(0), nodeAddress(0), Fixtures.MALLORY_SIGNER),
            NODE_ENCRYPTING[0].publicKey());
    assertThatThrownBy(() -> d.open(NODE_ENCRYPTING[0], nodeAddress(0)))
        .isInstanceOf(VerificationException.class)
        .hasMessage("kfrag authorization: Alice's signature does not verify for this node");
  }

  @Test
  void failsWhenTheKfragIsMovedToOtherTerms() throws Exception {
    // Alice authorized kfrag 0 under the terms with conditions; the delivery swaps in the terms
    // without them
    Signature sig =
        Signing.sign(
            ALICE_SIGNER,
            "kfrag-authorization",
            Fixtures.concat(
                Samples.TERMS.digest(), nodeAddress(0).toBytes(), Samples.KFRAGS.get(0).toBytes()),
            Fixtures.random(6));
    byte[] plain =
        new MsgpackWriter()
            .array(3)
            .bin(Samples.TERMS_PLAIN.toBytes())
            .bin(Samples.KFRAGS.get(0).toBytes())
            .bin(sig.toBEBytes())
            .toBytes();
    KFragDelivery d = deliveryOf(plain, NODE_ENCRYPTING[0].publicKey());
    assertThatThrownBy(() -> d.open(NODE_ENCRYPTING[0], nodeAddress(0)))
        .isInstanceOf(VerificationException.class);
  }

  @Test
  void failsWhenTheEmbeddedTermsAreNotSignedByTheirAlice() throws Exception {
    byte[] forged =
        Fixtures.signedEnvelope(
            "PTrm", "policy-terms", Samples.TERMS.terms().toPayload(), Fixtures.MALLORY_SIGNER);
    byte[] plain =
        new MsgpackWriter()
            .array(3)
            .bin(forged)
            .bin(Samples.KFRAGS.get(0).toBytes())
            .bin(new byte[64])
            .toBytes();
    KFragDelivery d = deliveryOf(plain, NODE_ENCRYPTING[0].publicKey());
    assertThatThrownBy(() -> d.open(NODE_ENCRYPTING[0], nodeAddress(0)))
        .isInstanceOf(BadSignatureException.class)
        .hasMessageContaining("PTrm: Alice's signature");
  }

  @Test
  void malformedPlaintextIsAWireFormatErrorNamingTheField() throws Exception {
    KFragDelivery two =
        deliveryOf(
            new MsgpackWriter().array(2).bin(new byte[1]).bin(new byte[1]).toBytes(),
            NODE_ENCRYPTING[0].publicKey());
    assertThatThrownBy(() -> two.open(NODE_ENCRYPTING[0], nodeAddress(0)))
        .isInstanceOf(WireFormatException.class)
        .hasMessage("AuthorizedKFrag: field authorized kfrag: expected 3 fields, found 2");
    byte[] good =
        authorizedPlaintext(Samples.TERMS, Samples.KFRAGS.get(0), nodeAddress(0), ALICE_SIGNER);
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    KFragDelivery t = deliveryOf(trailing, NODE_ENCRYPTING[0].publicKey());
    assertThatThrownBy(() -> t.open(NODE_ENCRYPTING[0], nodeAddress(0)))
        .hasMessage("AuthorizedKFrag: 1 trailing byte(s)");
    byte[] badKfrag =
        new MsgpackWriter()
            .array(3)
            .bin(Samples.TERMS.toBytes())
            .bin(new byte[310])
            .bin(new byte[64])
            .toBytes();
    KFragDelivery k = deliveryOf(badKfrag, NODE_ENCRYPTING[0].publicKey());
    assertThatThrownBy(() -> k.open(NODE_ENCRYPTING[0], nodeAddress(0)))
        .isInstanceOf(WireFormatException.class)
        .hasMessageStartingWith("AuthorizedKFrag: field kfrag: ");
  }

  @Test
  void everyFailureOfOpenIsTyped() throws Exception {
    // corrupt the plaintext at every 7th byte; open must fail with a CryptoException subclass,
    // never anything else
    byte[] good =
        authorizedPlaintext(
            Samples.TERMS_PLAIN, Samples.KFRAGS.get(0), nodeAddress(0), ALICE_SIGNER);
    for (int i = 0; i < good.length; i += 7) {
      byte[] m = good.clone();
      m[i] ^= 0x41;
      KFragDelivery d = deliveryOf(m, NODE_ENCRYPTING[0].publicKey());
      Throwable t = catchThrowable(() -> d.open(NODE_ENCRYPTING[0], nodeAddress(0)));
      assertThat(t).as("byte %d", i).isInstanceOf(CryptoException.class);
    }
  }
}
