package dev.nkms.protocol;

import static dev.nkms.protocol.Fixtures.ALICE_SIGNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.protocol.Fixtures.Samples;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.wire.MsgpackWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A signature made for one kind of object never verifies as another kind, even over identical
 * payload bytes and from the same key: every signature covers {@code "nkms/" ‖ purpose ‖ 0x00 ‖
 * payload}.
 */
class DomainSeparationTest {
  /** Every signature purpose in the protocol, exactly as the main code spells it. */
  static final List<String> PURPOSES =
      List.of(
          "policy-terms",
          "kfrag-authorization",
          "treasure-map",
          "reencryption-request",
          "reencryption-response",
          "revocation-order",
          "revocation-receipt",
          "node-metadata",
          "policy-status-query",
          "policy-status");

  @Test
  void revocationOrderAndStatusQueryHaveIdenticalPayloadsButNeverInterchangeableSignatures()
      throws Exception {
    RevocationOrder order =
        RevocationOrder.sign(
            Samples.TERMS.terms(),
            Fixtures.nodeAddress(1),
            Fixtures.T0,
            ALICE_SIGNER,
            Fixtures.random(1));
    byte[][] parts = Fixtures.split(order.toBytes());
    PolicyStatusQuery asQuery =
        PolicyStatusQuery.fromBytes(
            SignedEnvelope.encode("PStQ", 1, 0, parts[0], Signature.fromBEBytes(parts[1])));
    assertThat(order.isAuthentic()).isTrue();
    assertThat(asQuery.hrac()).isEqualTo(order.hrac());
    assertThat(asQuery.node()).isEqualTo(order.node());
    assertThat(asQuery.isAuthentic()).isFalse();

    PolicyStatusQuery query =
        PolicyStatusQuery.sign(
            Samples.TERMS.terms(),
            Fixtures.nodeAddress(1),
            Fixtures.T0,
            ALICE_SIGNER,
            Fixtures.random(2));
    byte[][] qparts = Fixtures.split(query.toBytes());
    assertThat(qparts[0]).isEqualTo(parts[0]);
    RevocationOrder asOrder =
        RevocationOrder.fromBytes(
            SignedEnvelope.encode("Revo", 2, 0, qparts[0], Signature.fromBEBytes(qparts[1])));
    assertThat(query.isAuthentic()).isTrue();
    assertThat(asOrder.isAuthentic()).isFalse();
  }

  @Test
  void onlyTheRightPurposeVerifiesForEachParseTimeVerifiedKind() throws Exception {
    byte[] terms = Fixtures.split(Samples.TERMS.toBytes())[0];
    byte[] request = Fixtures.split(Samples.REQUEST.toBytes())[0];
    byte[] metadata = Fixtures.split(Samples.METADATA.toBytes())[0];
    for (String purpose : PURPOSES) {
      byte[] t = Fixtures.signedEnvelope("PTrm", purpose, terms, ALICE_SIGNER);
      byte[] r = Fixtures.signedEnvelope("ReRq", purpose, request, Fixtures.BOB_SIGNER);
      byte[] m = Fixtures.signedEnvelope("NdMd", purpose, metadata, Fixtures.nodeSigner(0));
      if (purpose.equals("policy-terms")) {
        assertThat(SignedPolicyTerms.fromBytes(t).terms()).isEqualTo(Samples.TERMS.terms());
      } else {
        assertThatThrownBy(() -> SignedPolicyTerms.fromBytes(t))
            .as(purpose)
            .isInstanceOf(BadSignatureException.class);
      }
      if (purpose.equals("reencryption-request")) {
        assertThat(ReencryptionRequest.fromBytes(r).hrac()).isEqualTo(Fixtures.HRAC);
      } else {
        assertThatThrownBy(() -> ReencryptionRequest.fromBytes(r))
            .as(purpose)
            .isInstanceOf(BadSignatureException.class);
      }
      if (purpose.equals("node-metadata")) {
        assertThat(NodeMetadata.fromBytes(m).address()).isEqualTo(Fixtures.nodeAddress(0));
      } else {
        assertThatThrownBy(() -> NodeMetadata.fromBytes(m))
            .as(purpose)
            .isInstanceOf(BadSignatureException.class);
      }
    }
  }

  @Test
  void onlyTheRightPurposeVerifiesForEachLaterVerifiedKind() throws Exception {
    byte[] order = Fixtures.split(Samples.ORDER.toBytes())[0];
    byte[] query = Fixtures.split(Samples.QUERY.toBytes())[0];
    byte[] status = Fixtures.split(Samples.STATUS.toBytes())[0];
    byte[] receipt = Fixtures.split(Samples.RECEIPT.toBytes())[0];
    byte[] response = Fixtures.split(Samples.RESPONSE.toBytes())[0];
    for (String purpose : PURPOSES) {
      RevocationOrder o =
          RevocationOrder.fromBytes(Fixtures.signedEnvelope("Revo", purpose, order, ALICE_SIGNER));
      assertThat(o.isAuthentic()).as(purpose).isEqualTo(purpose.equals("revocation-order"));
      PolicyStatusQuery q =
          PolicyStatusQuery.fromBytes(
              Fixtures.signedEnvelope("PStQ", purpose, query, ALICE_SIGNER));
      assertThat(q.isAuthentic()).as(purpose).isEqualTo(purpose.equals("policy-status-query"));
      PolicyStatus st =
          PolicyStatus.fromBytes(
              Fixtures.signedEnvelope("PSts", purpose, status, Fixtures.nodeSigner(0)));
      assertThat(st.isSignedBy(Fixtures.NODE_SIGNING[0].publicKey()))
          .as(purpose)
          .isEqualTo(purpose.equals("policy-status"));
      RevocationReceipt rc =
          RevocationReceipt.fromBytes(
              Fixtures.signedEnvelope("RvRc", purpose, receipt, Fixtures.nodeSigner(0)));
      assertThat(rc.isSignedBy(Fixtures.NODE_SIGNING[0].publicKey()))
          .as(purpose)
          .isEqualTo(purpose.equals("revocation-receipt"));
      ReencryptionResponse rs =
          ReencryptionResponse.fromBytes(
              Fixtures.signedEnvelope("ReRs", purpose, response, Fixtures.nodeSigner(0)));
      if (purpose.equals("reencryption-response")) {
        assertThat(rs.verify(Fixtures.NODE_SIGNING[0].publicKey(), Fixtures.HRAC, Samples.CAPSULES))
            .hasSize(3);
      } else {
        assertThatThrownBy(
                () ->
                    rs.verify(
                        Fixtures.NODE_SIGNING[0].publicKey(), Fixtures.HRAC, Samples.CAPSULES))
            .as(purpose)
            .isInstanceOf(VerificationException.class);
      }
    }
  }

  @Test
  void kfragAuthorizationAndTreasureMapSignaturesAreDomainSeparatedToo() throws Exception {
    byte[] termsBytes = Samples.TERMS_PLAIN.toBytes();
    byte[] kfrag = Samples.KFRAGS.get(0).toBytes();
    byte[] authorized =
        Fixtures.concat(Samples.TERMS_PLAIN.digest(), Fixtures.nodeAddress(0).toBytes(), kfrag);
    byte[] map = Samples.MAP.toBytes();
    byte[] mapSigned =
        Fixtures.concat(Fixtures.BOB_ENCRYPTING.publicKey().toCompressedBytes(), map);
    for (String purpose : PURPOSES) {
      Signature a = Signing.sign(ALICE_SIGNER, purpose, authorized, Fixtures.random(3));
      byte[] plain =
          new MsgpackWriter().array(3).bin(termsBytes).bin(kfrag).bin(a.toBEBytes()).toBytes();
      KFragDelivery d =
          KFragDeliveryTest.deliveryOf(plain, Fixtures.NODE_ENCRYPTING[0].publicKey());
      if (purpose.equals("kfrag-authorization")) {
        assertThat(d.open(Fixtures.NODE_ENCRYPTING[0], Fixtures.nodeAddress(0)).kfrag())
            .isEqualTo(Samples.KFRAGS.get(0));
      } else {
        assertThatThrownBy(() -> d.open(Fixtures.NODE_ENCRYPTING[0], Fixtures.nodeAddress(0)))
            .as(purpose)
            .isInstanceOf(VerificationException.class);
      }

      Signature s = Signing.sign(ALICE_SIGNER, purpose, mapSigned, Fixtures.random(4));
      byte[] mplain = new MsgpackWriter().array(2).bin(map).bin(s.toBEBytes()).toBytes();
      EncryptedTreasureMap e =
          EncryptedTreasureMapTest.mapOf(mplain, Fixtures.BOB_ENCRYPTING.publicKey());
      if (purpose.equals("treasure-map")) {
        assertThat(e.open(Fixtures.BOB_ENCRYPTING)).isEqualTo(Samples.MAP);
      } else {
        assertThatThrownBy(() -> e.open(Fixtures.BOB_ENCRYPTING))
            .as(purpose)
            .isInstanceOf(VerificationException.class);
      }
    }
  }

  @Test
  void everyPurposeListedHereIsUsedByTheCode() throws Exception {
    // guards the list above (and docs/protocol.md) against a renamed purpose: each real object
    // verifies under it
    byte[] order = Fixtures.split(Samples.ORDER.toBytes())[0];
    byte[] query = Fixtures.split(Samples.QUERY.toBytes())[0];
    byte[] status = Fixtures.split(Samples.STATUS.toBytes())[0];
    Signature sig = Signature.fromBEBytes(Fixtures.split(Samples.ORDER.toBytes())[1]);
    assertThat(Signing.verify(sig, Fixtures.alicePk(), "revocation-order", order)).isTrue();
    assertThat(
            Signing.verify(
                Signature.fromBEBytes(Fixtures.split(Samples.QUERY.toBytes())[1]),
                Fixtures.alicePk(),
                "policy-status-query",
                query))
        .isTrue();
    assertThat(
            Signing.verify(
                Signature.fromBEBytes(Fixtures.split(Samples.STATUS.toBytes())[1]),
                Fixtures.NODE_SIGNING[0].publicKey(),
                "policy-status",
                status))
        .isTrue();
    byte[][] p = Fixtures.split(Samples.RECEIPT.toBytes());
    assertThat(
            Signing.verify(
                Signature.fromBEBytes(p[1]),
                Fixtures.NODE_SIGNING[0].publicKey(),
                "revocation-receipt",
                p[0]))
        .isTrue();
    p = Fixtures.split(Samples.RESPONSE.toBytes());
    assertThat(
            Signing.verify(
                Signature.fromBEBytes(p[1]),
                Fixtures.NODE_SIGNING[0].publicKey(),
                "reencryption-response",
                p[0]))
        .isTrue();
    p = Fixtures.split(Samples.REQUEST.toBytes());
    assertThat(
            Signing.verify(
                Signature.fromBEBytes(p[1]),
                Fixtures.BOB_VERIFYING.publicKey(),
                "reencryption-request",
                p[0]))
        .isTrue();
    p = Fixtures.split(Samples.METADATA.toBytes());
    assertThat(
            Signing.verify(
                Signature.fromBEBytes(p[1]),
                Fixtures.NODE_SIGNING[0].publicKey(),
                "node-metadata",
                p[0]))
        .isTrue();
    p = Fixtures.split(Samples.TERMS.toBytes());
    assertThat(
            Signing.verify(Signature.fromBEBytes(p[1]), Fixtures.alicePk(), "policy-terms", p[0]))
        .isTrue();
  }
}
