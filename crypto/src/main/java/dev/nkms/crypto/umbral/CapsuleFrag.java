package dev.nkms.crypto.umbral;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.VerificationException;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.PointAtInfinityException;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.Signature;
import dev.nkms.crypto.primitives.ScalarDigest;
import java.util.Arrays;
import org.bouncycastle.util.encoders.Hex;

/**
 * A capsule fragment as received from a proxy: parsed, not yet trusted. {@link #verify} checks the
 * proxy's correctness proof and Alice's signature and yields a {@link VerifiedCapsuleFrag}, the
 * only kind that decrypts.
 */
public final class CapsuleFrag {
  public static final int SERIALIZED_LENGTH = 381;
  public static final int SIMPLE_LENGTH = 359;

  private final Point e1;
  private final Point v1;
  private final byte[] kfragId;
  private final Point precursor;
  private final Point e2;
  private final Point v2;
  private final Point u1;
  private final Point u2;
  private final Scalar z;
  private final Signature kfragSignature;

  CapsuleFrag(
      Point e1,
      Point v1,
      byte[] kfragId,
      Point precursor,
      Point e2,
      Point v2,
      Point u1,
      Point u2,
      Scalar z,
      Signature kfragSignature) {
    this.e1 = e1;
    this.v1 = v1;
    this.kfragId = kfragId;
    this.precursor = precursor;
    this.e2 = e2;
    this.v2 = v2;
    this.u1 = u1;
    this.u2 = u2;
    this.z = z;
    this.kfragSignature = kfragSignature;
  }

  public static CapsuleFrag fromBytes(byte[] bytes) throws MalformedInputException {
    StrictReader r = new StrictReader("CapsuleFrag", bytes, SERIALIZED_LENGTH);
    r.array(5, "cfrag");
    Point e1 = r.point("point_e1");
    Point v1 = r.point("point_v1");
    byte[] id = r.bin(KeyFrag.ID_LENGTH, "kfrag_id");
    Point precursor = r.point("precursor");
    r.array(6, "proof");
    Point e2 = r.point("proof.point_e2");
    Point v2 = r.point("proof.point_v2");
    Point u1 = r.point("proof.kfrag_commitment");
    Point u2 = r.point("proof.kfrag_pok");
    Scalar z = r.scalar("proof.signature");
    Signature sig = r.signature("proof.kfrag_signature");
    return new CapsuleFrag(e1, v1, id, precursor, e2, v2, u1, u2, z, sig);
  }

  /**
   * The receiver's check (spec §3.8): Alice's signature over (kfrag id, commitment, precursor, both
   * keys), then the three proof equations z·E = E2 + h·E1, z·V = V2 + h·V1, z·U = U2 + h·U1 with
   * the standard U.
   */
  public VerifiedCapsuleFrag verify(
      Capsule capsule, PublicKey verifyingKey, PublicKey delegatingKey, PublicKey receivingKey)
      throws VerificationException {
    byte[] message = KeyFrag.signatureMessage(kfragId, u1, precursor, delegatingKey, receivingKey);
    if (!kfragSignature.verify(verifyingKey, message)) {
      throw new VerificationException("Invalid CapsuleFrag signature");
    }
    Scalar h = proofChallenge(capsule.e(), e1, e2, capsule.v(), v1, v2, u1, u2);
    boolean ok;
    try {
      ok =
          capsule.e().mulPublic(z).equals(e2.add(e1.mulPublic(h)))
              && capsule.v().mulPublic(z).equals(v2.add(v1.mulPublic(h)))
              && Parameters.u().mulPublic(z).equals(u2.add(u1.mulPublic(h)));
    } catch (PointAtInfinityException e) {
      ok = false;
    }
    if (!ok) {
      throw new VerificationException("Failed to verify reencryption proof");
    }
    return new VerifiedCapsuleFrag(this);
  }

  /**
   * For cfrags whose provenance is already established. Decrypting with an unchecked cfrag may fail
   * or mislead.
   */
  public VerifiedCapsuleFrag skipVerification() {
    return new VerifiedCapsuleFrag(this);
  }

  static Scalar proofChallenge(
      Point e, Point e1, Point e2, Point v, Point v1, Point v2, Point u1, Point u2) {
    return ScalarDigest.withTag(ScalarDigest.CFRAG_VERIFICATION)
        .chain(e)
        .chain(e1)
        .chain(e2)
        .chain(v)
        .chain(v1)
        .chain(v2)
        .chain(Parameters.u())
        .chain(u1)
        .chain(u2)
        .finish();
  }

  public byte[] toBytes() {
    return new Layout(SERIALIZED_LENGTH)
        .array(5)
        .point(e1)
        .point(v1)
        .bin(kfragId)
        .point(precursor)
        .array(6)
        .point(e2)
        .point(v2)
        .point(u1)
        .point(u2)
        .scalar(z)
        .signature(kfragSignature)
        .done();
  }

  /**
   * E1 ‖ V1 ‖ kfrag_id ‖ precursor ‖ E2 ‖ V2 ‖ U1 ‖ U2 ‖ z ‖ r ‖ s (359 bytes), the form for
   * contracts.
   */
  public byte[] toBytesSimple() {
    byte[] out = new byte[SIMPLE_LENGTH];
    e1.writeCompressed(out, 0);
    v1.writeCompressed(out, 33);
    System.arraycopy(kfragId, 0, out, 66, 32);
    precursor.writeCompressed(out, 98);
    e2.writeCompressed(out, 131);
    v2.writeCompressed(out, 164);
    u1.writeCompressed(out, 197);
    u2.writeCompressed(out, 230);
    System.arraycopy(z.toBytes(), 0, out, 263, 32);
    System.arraycopy(kfragSignature.toBEBytes(), 0, out, 295, 64);
    return out;
  }

  public byte[] kfragId() {
    return kfragId.clone();
  }

  byte[] kfragIdInternal() {
    return kfragId;
  }

  Point e1() {
    return e1;
  }

  Point v1() {
    return v1;
  }

  Point precursor() {
    return precursor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CapsuleFrag && Arrays.equals(toBytes(), ((CapsuleFrag) o).toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "CapsuleFrag[kfrag_id=" + Hex.toHexString(kfragId) + "]";
  }
}
