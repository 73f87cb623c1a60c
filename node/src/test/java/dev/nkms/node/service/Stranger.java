package dev.nkms.node.service;

import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.network.testing.SignedObjects;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import java.time.Instant;
import java.util.List;

/**
 * Someone who knows Alice's and Bob's public keys and the id of one of Alice's policies (bug 5 of
 * issue 10), and signs everything with his own key: every signature he makes verifies, under his
 * key.
 */
public final class Stranger {
  public final Signer key = new Signer(SecretKey.random());
  private final Grant victim;

  public Stranger(Grant victim) {
    this.victim = victim;
  }

  /**
   * Terms for his own policy, with the victim's nonce and Bob and his own key as Alice: they make
   * his own id.
   */
  public SignedPolicyTerms ownTerms(Instant start, Instant expiry) {
    PolicyTerms t =
        new PolicyTerms(
            victim.nonce,
            victim.threshold,
            victim.shares,
            start,
            expiry,
            0,
            Conditions.NONE,
            victim.policyKey.publicKey(),
            key.verifyingKey(),
            victim.bob.verifyingKey(),
            victim.bobEncrypting.publicKey());
    return SignedPolicyTerms.sign(t, key, Grant.RANDOM);
  }

  /** His kfrags for his own terms (the victim's policy key and Bob, his signing key). */
  public List<VerifiedKeyFrag> kfrags() {
    return Umbral.generateKFrags(
        victim.policyKey,
        victim.bobEncrypting.publicKey(),
        key,
        victim.threshold,
        victim.shares,
        true,
        true,
        Grant.RANDOM);
  }

  /** A delivery of his kfrag under his own terms: a policy of his own. */
  public byte[] ownDelivery(Instant start, Instant expiry, NodeIdentity node) {
    return dev.nkms.protocol.KFragDelivery.seal(
            ownTerms(start, expiry),
            kfrags().get(0),
            node.address(),
            node.encryptingKey().publicKey(),
            key,
            Grant.RANDOM)
        .toBytes();
  }

  /**
   * The pre-store attack: his terms with the victim's policy id put in, signed by him, his
   * authorization for the node and his kfrag, sealed to the node. Every signature verifies under
   * his key; only the id's commitment to Alice's key gives it away.
   */
  public byte[] deliveryUnderVictimsId(Instant start, Instant expiry, NodeIdentity node)
      throws Exception {
    SignedPolicyTerms own = ownTerms(start, expiry);
    byte[] forgedPayload =
        SignedObjects.replace(
            SignedObjects.payload(own.toBytes()),
            own.terms().hrac().toBytes(),
            victim.hrac.toBytes());
    byte[] terms =
        SignedObjects.signed("PTrm", 2, forgedPayload, "policy-terms", key, Grant.RANDOM);
    return SignedObjects.sealedDelivery(
        terms,
        kfrags().get(0).toBytes(),
        node.address(),
        node.encryptingKey().publicKey(),
        key,
        Grant.RANDOM);
  }

  /** His order to revoke the victim's policy, naming himself (he has no other key to sign with). */
  public byte[] revocation(NodeIdentity node, Instant at) {
    return RevocationOrder.sign(victim.hrac, victim.nonce, node.address(), at, key, Grant.RANDOM)
        .toBytes();
  }

  /**
   * His order naming the victim's key and nonce as Alice's: the id matches, his signature does not.
   */
  public byte[] revocationAsAlice(NodeIdentity node, Instant at) throws Exception {
    byte[] order =
        RevocationOrder.sign(
                victim.hrac, victim.nonce, node.address(), at, victim.alice, Grant.RANDOM)
            .toBytes();
    return SignedObjects.signed(
        "Revo", 2, SignedObjects.payload(order), "revocation-order", key, Grant.RANDOM);
  }

  /** His status query about the victim's policy. */
  public byte[] statusQuery(NodeIdentity node, Instant at) {
    return PolicyStatusQuery.sign(victim.hrac, victim.nonce, node.address(), at, key, Grant.RANDOM)
        .toBytes();
  }
}
