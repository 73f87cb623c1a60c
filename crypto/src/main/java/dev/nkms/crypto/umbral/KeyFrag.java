package dev.nkms.crypto.umbral;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.PointAtInfinityException;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * A re-encryption key fragment as received by a proxy: parsed, not yet trusted. Only {@link
 * #verify} (or the explicit {@link #skipVerification}) yields a {@link VerifiedKeyFrag}, the only
 * type that can re-encrypt. Stricter than the reference: the embedded U must be the standard U
 * (spec §9.3) and the key must be non-zero.
 */
public final class KeyFrag {
  public static final int SERIALIZED_LENGTH = 310;
  public static final int ID_LENGTH = 32;

  private final byte[] id;
  private final Scalar key;
  private final Point precursor;
  private final Point commitment;
  private final Signature signatureForProxy;
  private final Signature signatureForReceiver;
  private final boolean delegatingKeySigned;
  private final boolean receivingKeySigned;

  KeyFrag(
      byte[] id,
      Scalar key,
      Point precursor,
      Point commitment,
      Signature signatureForProxy,
      Signature signatureForReceiver,
      boolean delegatingKeySigned,
      boolean receivingKeySigned) {
    this.id = id;
    this.key = key;
    this.precursor = precursor;
    this.commitment = commitment;
    this.signatureForProxy = signatureForProxy;
    this.signatureForReceiver = signatureForReceiver;
    this.delegatingKeySigned = delegatingKeySigned;
    this.receivingKeySigned = receivingKeySigned;
  }

  public static KeyFrag fromBytes(byte[] bytes) throws MalformedInputException {
    StrictReader r = new StrictReader("KeyFrag", bytes, SERIALIZED_LENGTH);
    r.array(5, "kfrag");
    r.array(1, "params");
    Point u = r.point("params.u");
    if (!u.equals(Parameters.u())) {
      throw new MalformedInputException("KeyFrag: field params.u is not the standard parameter U");
    }
    byte[] id = r.bin(ID_LENGTH, "id");
    Scalar key = r.scalar("key");
    if (key.isZero()) {
      throw new MalformedInputException("KeyFrag: field key is zero");
    }
    Point precursor = r.point("precursor");
    r.array(5, "proof");
    Point commitment = r.point("proof.commitment");
    Signature forProxy = r.signature("proof.signature_for_proxy");
    Signature forReceiver = r.signature("proof.signature_for_receiver");
    boolean dk = r.bool("proof.delegating_key_signed");
    boolean rk = r.bool("proof.receiving_key_signed");
    return new KeyFrag(id, key, precursor, commitment, forProxy, forReceiver, dk, rk);
  }

  /**
   * The proxy's check (spec §3.6): the commitment matches the key, and Alice's signature covers id,
   * commitment, precursor and whichever keys the flags say were signed. Keys passed for unsigned
   * flags are ignored.
   */
  public VerifiedKeyFrag verify(
      PublicKey verifyingKey, PublicKey delegatingKey, PublicKey receivingKey)
      throws VerificationException {
    boolean commitmentOk;
    try {
      // key is the proxy's secret share: blinded, like every secret multiply.
      commitmentOk = Parameters.u().mulSecret(key).equals(commitment);
    } catch (PointAtInfinityException e) {
      commitmentOk = false;
    }
    if (!commitmentOk) {
      throw new VerificationException("Invalid kfrag commitment");
    }
    if (delegatingKeySigned && delegatingKey == null) {
      throw new VerificationException(
          "A signature of a delegating key was included in this kfrag but the key is not provided");
    }
    if (receivingKeySigned && receivingKey == null) {
      throw new VerificationException(
          "A signature of a receiving key was included in this kfrag, but the key is not provided");
    }
    byte[] message =
        signatureMessage(
            id,
            commitment,
            precursor,
            delegatingKeySigned ? delegatingKey : null,
            receivingKeySigned ? receivingKey : null);
    if (!signatureForProxy.verify(verifyingKey, message)) {
      throw new VerificationException("Failed to verify the kfrag signature");
    }
    return new VerifiedKeyFrag(this);
  }

  /**
   * Whether the signature the cfrags will carry for Bob (over id, commitment, precursor and both
   * keys, spec §3.8 step 1) verifies. {@link #verify} is the reference proxy check and does not
   * look at it; a proxy that will be held to its cfrags (an adjudicator slashes cfrags that fail
   * Bob's check) must, or Alice could make its honest cfrags fail.
   */
  public boolean receiverSignatureVerifies(
      PublicKey verifyingKey, PublicKey delegatingKey, PublicKey receivingKey) {
    return signatureForReceiver.verify(
        verifyingKey, signatureMessage(id, commitment, precursor, delegatingKey, receivingKey));
  }

  /**
   * For kfrags whose provenance is already established (e.g. read back from the node's own store).
   */
  public VerifiedKeyFrag skipVerification() {
    return new VerifiedKeyFrag(this);
  }

  /** kfrag_signature_message (spec §2.6). */
  static byte[] signatureMessage(
      byte[] id,
      Point commitment,
      Point precursor,
      PublicKey delegatingKey,
      PublicKey receivingKey) {
    int len = 32 + 33 + 33 + (delegatingKey == null ? 1 : 34) + (receivingKey == null ? 1 : 34);
    byte[] m = new byte[len];
    System.arraycopy(id, 0, m, 0, 32);
    commitment.writeCompressed(m, 32);
    precursor.writeCompressed(m, 65);
    int pos = 98;
    pos = optionalKey(m, pos, delegatingKey);
    optionalKey(m, pos, receivingKey);
    return m;
  }

  private static int optionalKey(byte[] m, int pos, PublicKey key) {
    if (key == null) {
      m[pos] = 0;
      return pos + 1;
    }
    m[pos] = 1;
    key.point().writeCompressed(m, pos + 1);
    return pos + 34;
  }

  public byte[] toBytes() {
    return new Layout(SERIALIZED_LENGTH)
        .array(5)
        .array(1)
        .point(Parameters.u())
        .bin(id)
        .scalar(key)
        .point(precursor)
        .array(5)
        .point(commitment)
        .signature(signatureForProxy)
        .signature(signatureForReceiver)
        .bool(delegatingKeySigned)
        .bool(receivingKeySigned)
        .done();
  }

  public byte[] id() {
    return id.clone();
  }

  byte[] idInternal() {
    return id;
  }

  Scalar key() {
    return key;
  }

  Point precursor() {
    return precursor;
  }

  Point commitment() {
    return commitment;
  }

  Signature signatureForReceiver() {
    return signatureForReceiver;
  }

  public boolean delegatingKeySigned() {
    return delegatingKeySigned;
  }

  public boolean receivingKeySigned() {
    return receivingKeySigned;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyFrag && Arrays.equals(toBytes(), ((KeyFrag) o).toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(id);
  }

  @Override
  public String toString() {
    return "KeyFrag[id=" + Hex.toHexString(id) + ", key redacted]";
  }
}
