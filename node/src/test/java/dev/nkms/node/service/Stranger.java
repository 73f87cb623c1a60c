package dev.nkms.node.service;

import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.primitives.ScalarDigest;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.Signing;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Someone who knows Alice's and Bob's public keys and the id of one of Alice's policies (bug 5 of issue 10), and signs
 * everything with his own key: every signature he makes verifies, under his key.
 */
public final class Stranger {
  public final Signer key = new Signer(SecretKey.random());
  private final Grant victim;

  public Stranger(Grant victim) {
    this.victim = victim;
  }

  /** Terms for his own policy, with the victim's nonce and Bob and his own key as Alice: they make his own id. */
  public SignedPolicyTerms ownTerms(Instant start, Instant expiry) {
    PolicyTerms t = new PolicyTerms(victim.nonce, victim.threshold, victim.shares, start, expiry, 0, Conditions.NONE,
        victim.policyKey.publicKey(), key.verifyingKey(), victim.bob.verifyingKey(), victim.bobEncrypting.publicKey());
    return SignedPolicyTerms.sign(t, key, Grant.RANDOM);
  }

  /** His kfrags for his own terms (the victim's policy key and Bob, his signing key). */
  public List<VerifiedKeyFrag> kfrags() {
    return Umbral.generateKFrags(victim.policyKey, victim.bobEncrypting.publicKey(), key, victim.threshold,
        victim.shares, true, true, Grant.RANDOM);
  }

  /** A delivery of his kfrag under his own terms: a policy of his own. */
  public byte[] ownDelivery(Instant start, Instant expiry, NodeIdentity node) {
    return dev.nkms.protocol.KFragDelivery.seal(ownTerms(start, expiry), kfrags().get(0), node.address(),
        node.encryptingKey().publicKey(), key, Grant.RANDOM).toBytes();
  }

  /**
   * The pre-store attack: his terms with the victim's policy id put in, signed by him, his authorization for the
   * node and his kfrag, sealed to the node. Every signature verifies under his key; only the id's commitment to
   * Alice's key gives it away.
   */
  public byte[] deliveryUnderVictimsId(Instant start, Instant expiry, NodeIdentity node) throws Exception {
    SignedPolicyTerms own = ownTerms(start, expiry);
    byte[] payload = payload(own.toBytes());
    byte[] forgedPayload = replace(payload, own.terms().hrac().toBytes(), victim.hrac.toBytes());
    byte[] terms = Envelope.encode("PTrm", 2, 0, new MsgpackWriter().array(2).bin(forgedPayload)
        .bin(Signing.sign(key, "policy-terms", forgedPayload, Grant.RANDOM).toBEBytes()).toBytes());
    byte[] kfrag = kfrags().get(0).toBytes();
    byte[] authorized = org.bouncycastle.util.Arrays.concatenate(ScalarDigest.sha256(terms), node.address().toBytes(), kfrag);
    byte[] plaintext = new MsgpackWriter().array(3).bin(terms).bin(kfrag)
        .bin(Signing.sign(key, "kfrag-authorization", authorized, Grant.RANDOM).toBEBytes()).toBytes();
    Umbral.Encrypted sealed = Umbral.encrypt(node.encryptingKey().publicKey(), plaintext, Grant.RANDOM);
    return Envelope.encode("KDlv", 1, 0, new MsgpackWriter().array(2).bin(sealed.capsule().toBytes())
        .bin(sealed.ciphertext()).toBytes());
  }

  /** His order to revoke the victim's policy, naming himself (he has no other key to sign with). */
  public byte[] revocation(NodeIdentity node, Instant at) {
    return RevocationOrder.sign(victim.hrac, victim.nonce, node.address(), at, key, Grant.RANDOM).toBytes();
  }

  /** His order naming the victim's key and nonce as Alice's: the id matches, his signature does not. */
  public byte[] revocationAsAlice(NodeIdentity node, Instant at) throws Exception {
    byte[] order = RevocationOrder.sign(victim.hrac, victim.nonce, node.address(), at, victim.alice, Grant.RANDOM)
        .toBytes();
    byte[] payload = payload(order);
    return Envelope.encode("Revo", 2, 0, new MsgpackWriter().array(2).bin(payload)
        .bin(Signing.sign(key, "revocation-order", payload, Grant.RANDOM).toBEBytes()).toBytes());
  }

  /** His status query about the victim's policy. */
  public byte[] statusQuery(NodeIdentity node, Instant at) {
    return PolicyStatusQuery.sign(victim.hrac, victim.nonce, node.address(), at, key, Grant.RANDOM).toBytes();
  }

  private static byte[] payload(byte[] signedObject) throws Exception {
    String brand = new String(signedObject, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
    int major = ((signedObject[4] & 0xff) << 8) | (signedObject[5] & 0xff);
    MsgpackReader r = Envelope.open(signedObject, brand, major, 0, 1 << 16);
    r.struct(2, "signed object");
    return r.bin(1 << 16, "payload");
  }

  static byte[] replace(byte[] in, byte[] what, byte[] with) {
    for (int i = 0; i + what.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
        byte[] out = in.clone();
        System.arraycopy(with, 0, out, i, with.length);
        return out;
      }
    }
    throw new AssertionError("not found");
  }
}
