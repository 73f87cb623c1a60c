package dev.nkms.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * The issuance curve in exact arithmetic, to hold the contract's fixed-point version against: the
 * total issued through k whole periods is {@code S(k) − S(0) = (S_max − S(0))·(1 − e^(−k/T))},
 * {@code T = (S_max − S(0))/s0}. Values are computed to 80 significant digits (far below a wei for
 * any realistic supply).
 *
 * @param reserve S_max − S(0), all that can ever be issued (token's smallest unit)
 * @param firstPeriodReward s0, the initial issuance rate per period
 */
public record RewardSchedule(BigInteger reserve, BigInteger firstPeriodReward) {
  private static final MathContext MC = new MathContext(80, RoundingMode.HALF_EVEN);

  /**
   * Beyond this exponent e^(−y)·reserve is below 10^-300 wei for any reserve under 2^256: it counts
   * as 0.
   */
  private static final BigDecimal NEGLIGIBLE_EXPONENT = BigDecimal.valueOf(1000);

  public RewardSchedule {
    Objects.requireNonNull(reserve, "reserve");
    Objects.requireNonNull(firstPeriodReward, "firstPeriodReward");
    if (firstPeriodReward.signum() <= 0 || firstPeriodReward.compareTo(reserve) >= 0) {
      throw new IllegalArgumentException("s0 must be positive and below S_max - S(0)");
    }
  }

  public static RewardSchedule of(Economics e) {
    return new RewardSchedule(e.maxSupply().subtract(e.initialSupply()), e.firstPeriodReward());
  }

  /** T, the decay time in periods. */
  public BigDecimal decayPeriods() {
    return new BigDecimal(reserve).divide(new BigDecimal(firstPeriodReward), MC);
  }

  /**
   * S(k) − S(0), exact to 80 significant digits; tends to {@link #reserve} and never exceeds it.
   */
  public BigDecimal issuedThrough(long k) {
    if (k < 0) {
      throw new IllegalArgumentException("a period count cannot be negative: " + k);
    }
    BigDecimal y =
        BigDecimal.valueOf(k)
            .multiply(new BigDecimal(firstPeriodReward))
            .divide(new BigDecimal(reserve), MC);
    return new BigDecimal(reserve).multiply(BigDecimal.ONE.subtract(expNeg(y)), MC);
  }

  /** The issuance of period k (0-based): S(k+1) − S(k) = (S_max − S(0))·e^(−k/T)·(1 − e^(−1/T)). */
  public BigDecimal issuedIn(long k) {
    return issuedThrough(k + 1).subtract(issuedThrough(k), MC);
  }

  /**
   * e^(−y) for y ≥ 0: the Taylor series of e^(y/2^m) with y/2^m ≤ 1/2, squared m times, inverted.
   */
  static BigDecimal expNeg(BigDecimal y) {
    if (y.signum() < 0) {
      throw new IllegalArgumentException("expected y >= 0");
    }
    if (y.compareTo(NEGLIGIBLE_EXPONENT) > 0) {
      return BigDecimal.ZERO;
    }
    MathContext wide =
        new MathContext(MC.getPrecision() + 20, RoundingMode.HALF_EVEN); // margin for the squarings
    int m = 0;
    BigDecimal r = y;
    while (r.compareTo(new BigDecimal("0.5")) > 0) {
      r = r.divide(BigDecimal.valueOf(2), wide);
      m++;
    }
    BigDecimal sum = BigDecimal.ONE;
    BigDecimal term = BigDecimal.ONE;
    BigDecimal eps = BigDecimal.ONE.movePointLeft(wide.getPrecision() + 5);
    for (int i = 1; term.abs().compareTo(eps) > 0; i++) {
      term = term.multiply(r, wide).divide(BigDecimal.valueOf(i), wide);
      sum = sum.add(term, wide);
    }
    for (int i = 0; i < m; i++) {
      sum = sum.multiply(sum, wide);
    }
    return BigDecimal.ONE.divide(sum, MC);
  }
}
