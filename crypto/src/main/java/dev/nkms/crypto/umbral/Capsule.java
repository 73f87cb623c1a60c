package dev.nkms.crypto.umbral;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.PointAtInfinityException;
import dev.nkms.crypto.ec.Scalar;
import dev.nkms.crypto.primitives.ScalarDigest;
import java.util.Arrays;

/**
 * The encapsulated key: (E, V, s) with s·G = V + H(E, V)·E. Every instance has passed that
 * self-check — it is made by {@link Umbral#encrypt} or by {@link #fromBytes}, which runs it (spec
 * §3.3).
 */
public final class Capsule {
  public static final int SERIALIZED_LENGTH = 105;
  public static final int SIMPLE_LENGTH = 98;

  private final Point e;
  private final Point v;
  private final Scalar s;

  Capsule(Point e, Point v, Scalar s) {
    this.e = e;
    this.v = v;
    this.s = s;
  }

  public static Capsule fromBytes(byte[] bytes) throws MalformedInputException {
    StrictReader r = new StrictReader("Capsule", bytes, SERIALIZED_LENGTH);
    r.array(3, "capsule");
    Point e = r.point("point_e");
    Point v = r.point("point_v");
    Scalar s = r.scalar("signature");
    Capsule c = new Capsule(e, v, s);
    if (!c.selfCheck()) {
      throw new MalformedInputException("Capsule self-verification failed");
    }
    return c;
  }

  private boolean selfCheck() {
    try {
      Point hE = e.mulPublic(hash());
      if (s.isZero()) {
        return v.equals(hE.negate());
      }
      return Point.mulG(s).equals(v.add(hE));
    } catch (PointAtInfinityException ex) {
      return false;
    }
  }

  Scalar hash() {
    return ScalarDigest.withTag(ScalarDigest.CAPSULE_POINTS).chain(e).chain(v).finish();
  }

  Point e() {
    return e;
  }

  Point v() {
    return v;
  }

  Scalar s() {
    return s;
  }

  public byte[] toBytes() {
    return new Layout(SERIALIZED_LENGTH).array(3).point(e).point(v).scalar(s).done();
  }

  /** E ‖ V ‖ s (98 bytes): the DEM's associated data. */
  public byte[] toBytesSimple() {
    byte[] out = new byte[SIMPLE_LENGTH];
    e.writeCompressed(out, 0);
    v.writeCompressed(out, 33);
    System.arraycopy(s.toBytes(), 0, out, 66, 32);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Capsule && Arrays.equals(toBytes(), ((Capsule) o).toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "Capsule[E=" + e + "]";
  }
}
