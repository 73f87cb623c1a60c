package dev.nkms.crypto.ec;

/**
 * An operation reached the identity, which no Umbral object may hold. Only adversarial input gets
 * here.
 */
public final class PointAtInfinityException extends ArithmeticException {
  public PointAtInfinityException(String what) {
    super("the point at infinity arose in " + what);
  }
}
