package dev.nkms.protocol;

import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.DecryptionException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.protocol.wire.Envelope;
import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;

/**
 * One kfrag on its way to one node: Umbral-encrypted to the node's encrypting key, so only that
 * node reads it. Inside: the signed policy terms, the kfrag, and Alice's signature binding (terms
 * digest ‖ node address ‖ kfrag) — a kfrag cannot be moved to other terms or another node.
 */
public final class KFragDelivery {
  public static final String BRAND = "KDlv";
  static final int MAJOR = 1;
  static final int MINOR = 0;
  public static final int MAX_SIZE = 8192;
  private static final String PURPOSE = "kfrag-authorization";

  private final Capsule capsule;
  private final byte[] ciphertext;

  private KFragDelivery(Capsule capsule, byte[] ciphertext) {
    this.capsule = capsule;
    this.ciphertext = ciphertext;
  }

  public static KFragDelivery seal(
      SignedPolicyTerms terms,
      VerifiedKeyFrag kfrag,
      NodeAddress node,
      PublicKey nodeEncryptingKey,
      Signer alice,
      RandomSource random) {
    byte[] kfragBytes = kfrag.toBytes();
    Signature sig = Signing.sign(alice, PURPOSE, authorized(terms, node, kfragBytes), random);
    byte[] plaintext =
        new MsgpackWriter()
            .array(3)
            .bin(terms.toBytes())
            .bin(kfragBytes)
            .bin(sig.toBEBytes())
            .toBytes();
    Umbral.Encrypted enc = Umbral.encrypt(nodeEncryptingKey, plaintext, random);
    return new KFragDelivery(enc.capsule(), enc.ciphertext());
  }

  public static KFragDelivery fromBytes(byte[] bytes) throws WireFormatException {
    MsgpackReader r = Envelope.open(bytes, BRAND, MAJOR, MINOR, MAX_SIZE);
    r.struct(2, "delivery");
    Capsule capsule = Fields.capsule(r, "capsule");
    byte[] ct = r.bin(MAX_SIZE, "ciphertext");
    r.end();
    return new KFragDelivery(capsule, ct);
  }

  public byte[] toBytes() {
    return Envelope.encode(
        BRAND,
        MAJOR,
        MINOR,
        new MsgpackWriter().array(2).bin(capsule.toBytes()).bin(ciphertext).toBytes());
  }

  /**
   * The node's side: decrypt with its encrypting key, then check everything — Alice's signature on
   * the terms and on this authorization, that it names this node, and the kfrag itself (commitment,
   * and Alice's kfrag signature over the policy key and Bob's encrypting key).
   */
  public AuthorizedKFrag open(SecretKey nodeEncryptingKey, NodeAddress self)
      throws CryptoException {
    byte[] plaintext;
    try {
      plaintext = Umbral.decryptOriginal(nodeEncryptingKey, capsule, ciphertext);
    } catch (DecryptionException e) {
      throw new DecryptionException("kfrag delivery is not encrypted to this node");
    }
    MsgpackReader r = new MsgpackReader("AuthorizedKFrag", plaintext, 0);
    r.struct(3, "authorized kfrag");
    SignedPolicyTerms terms =
        SignedPolicyTerms.fromBytes(r.bin(SignedPolicyTerms.MAX_SIZE, "terms"));
    KeyFrag kfrag = Fields.kfrag(r, "kfrag");
    Signature sig = Fields.signature(r, "signature");
    r.end();
    PolicyTerms t = terms.terms();
    if (!Signing.verify(
        sig, t.aliceVerifyingKey(), PURPOSE, authorized(terms, self, kfrag.toBytes()))) {
      throw new VerificationException(
          "kfrag authorization: Alice's signature does not verify for this node");
    }
    VerifiedKeyFrag verified =
        kfrag.verify(t.aliceVerifyingKey(), t.policyEncryptingKey(), t.bobEncryptingKey());
    if (!kfrag.receiverSignatureVerifies(
        t.aliceVerifyingKey(), t.policyEncryptingKey(), t.bobEncryptingKey())) {
      // Its cfrags would fail Bob's check and the node would be slashed for Alice's doing.
      throw new VerificationException("the kfrag's signature for Bob does not verify");
    }
    return new AuthorizedKFrag(terms, verified);
  }

  private static byte[] authorized(SignedPolicyTerms terms, NodeAddress node, byte[] kfrag) {
    return Hrac.concat(terms.digest(), node.toBytes(), kfrag);
  }

  /**
   * A kfrag that passed every check in {@link KFragDelivery#open}, with the terms it is bound to.
   */
  public static final class AuthorizedKFrag {
    private final SignedPolicyTerms terms;
    private final VerifiedKeyFrag kfrag;

    AuthorizedKFrag(SignedPolicyTerms terms, VerifiedKeyFrag kfrag) {
      this.terms = terms;
      this.kfrag = kfrag;
    }

    public SignedPolicyTerms terms() {
      return terms;
    }

    public VerifiedKeyFrag kfrag() {
      return kfrag;
    }
  }
}
