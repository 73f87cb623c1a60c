package dev.nkms.crypto.primitives;

import dev.nkms.crypto.ec.Point;
import dev.nkms.crypto.ec.Scalar;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Umbral's hash-to-scalar (spec §2.5): SHA-256(u32be(len(DST)) ‖ DST ‖ inputs…), read big-endian,
 * then (w mod (n − 1)) + 1 — never zero. Points enter as their 33-byte compressed encodings, with
 * no separators.
 */
public final class ScalarDigest {
  public static final String CAPSULE_POINTS = "CAPSULE_POINTS";
  public static final String SHARED_SECRET = "SHARED_SECRET";
  public static final String POLYNOMIAL_ARG = "POLYNOMIAL_ARG";
  public static final String CFRAG_VERIFICATION = "CFRAG_VERIFICATION";

  private final MessageDigest sha;

  private ScalarDigest(byte[] dst) {
    sha = sha256();
    int n = dst.length;
    sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    sha.update(dst);
  }

  public static ScalarDigest withTag(String dst) {
    return new ScalarDigest(dst.getBytes(StandardCharsets.US_ASCII));
  }

  public static ScalarDigest withTag(byte[] dst) {
    return new ScalarDigest(dst.clone());
  }

  public ScalarDigest chain(Point p) {
    sha.update(p.toCompressed());
    return this;
  }

  public ScalarDigest chain(byte[] bytes) {
    sha.update(bytes);
    return this;
  }

  public Scalar finish() {
    return Scalar.fromDigestNonZero(sha.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  public static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }
}
