package dev.nkms.crypto.ec;

/**
 * Multiplicative blinding for secret scalars (the argument is at {@link Point#mulSecret}). One
 * instance holds one fresh blind w; {@link #blind} computes w·P once per base, and {@link
 * Blinded#times} multiplies it by k·w⁻¹. Re-encryption uses one instance for its five secret
 * products over three bases (8 multiplies instead of 10). An instance must serve one operation
 * only: a blind reused across operations would let timing accumulate.
 */
public final class SecretMultiplier {
  private final Scalar w;
  private final Scalar wInverse;

  private SecretMultiplier(Scalar w) {
    this.w = w;
    this.wInverse = w.invert();
  }

  public static SecretMultiplier fresh() {
    return new SecretMultiplier(Blinding.nonZeroScalar());
  }

  public Blinded blind(Point p) {
    return new Blinded(p.mulPublic(w));
  }

  /**
   * k·w⁻¹, a uniform stand-in for a secret k. Multiply PUBLIC bases by it, sum the products, and
   * {@link #unblind} the sum once: Σ(kᵢ·w⁻¹)·Pᵢ = w⁻¹·ΣkᵢPᵢ (one extra multiply for any number of
   * terms).
   */
  public Scalar blindScalar(Scalar secret) {
    return secret.multiply(wInverse);
  }

  /** w·P: removes the blind from a sum built with {@link #blindScalar}. */
  public Point unblind(Point p) {
    return p.mulPublic(w);
  }

  /** w·P for a point P that is already blinded by this multiplier's w. */
  public final class Blinded {
    private final Point blindedBase;

    private Blinded(Point blindedBase) {
      this.blindedBase = blindedBase;
    }

    public Point times(Scalar secret) {
      if (secret.isZero()) {
        throw new PointAtInfinityException("0·P");
      }
      return blindedBase.mulPublic(secret.multiply(wInverse));
    }
  }
}
