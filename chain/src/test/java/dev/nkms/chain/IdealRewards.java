package dev.nkms.chain;

import dev.nkms.chain.contracts.StakingEscrow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;

/**
 * What each operator should earn, without the contract's per-token rounding: the issuance between
 * two stake changes (the contract's own {@code issuedAt}, tested separately against the exact
 * curve) minus the health share (floored, exactly as the contract pools it) is split over the
 * stakes in force that earn (at least the minimum), as real numbers. The contract must pay each
 * operator this minus less than 1 wei per settlement (its accumulator and payout round down).
 */
final class IdealRewards {
  private static final MathContext MC = MathContext.DECIMAL128;
  private final StakingEscrow view;
  private final BigInteger healthShareBps;
  private final BigInteger minimumStake;
  private final Map<String, BigInteger> stakes = new HashMap<>();
  private final Map<String, BigDecimal> owed = new HashMap<>();
  private BigInteger issued;
  private BigInteger pool = BigInteger.ZERO;

  IdealRewards(StakingEscrow view) throws ChainException {
    this.view = view;
    this.healthShareBps = Chain.call(view.healthShareBps());
    this.minimumStake = Chain.call(view.minimumStake());
    this.issued = Chain.call(view.issued());
  }

  /** A catch-up at {@code time} (every deposit, withdrawal, claim and catchUp makes one). */
  void at(long time) throws ChainException {
    BigInteger target = Chain.call(view.issuedAt(BigInteger.valueOf(time)));
    if (target.compareTo(issued) <= 0) {
      return;
    }
    BigInteger fresh = target.subtract(issued);
    issued = target;
    Map<String, BigInteger> earning = new HashMap<>();
    stakes.forEach(
        (op, amount) -> {
          if (amount.compareTo(minimumStake) >= 0) {
            earning.put(op, amount);
          }
        });
    BigInteger total = earning.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    if (total.signum() == 0) {
      return;
    }
    BigInteger toPool = fresh.multiply(healthShareBps).divide(BigInteger.valueOf(10_000));
    pool = pool.add(toPool);
    BigDecimal share = new BigDecimal(fresh.subtract(toPool));
    earning.forEach(
        (op, amount) ->
            owed.merge(
                op.toLowerCase(),
                share.multiply(new BigDecimal(amount)).divide(new BigDecimal(total), MC),
                BigDecimal::add));
  }

  void stakeChanged(String operator, BigInteger delta, long time) throws ChainException {
    at(time);
    stakes.merge(operator.toLowerCase(), delta, BigInteger::add);
  }

  /** The ideal claim at {@code time}; resets the operator's ideal balance. */
  BigDecimal claim(String operator, long time) throws ChainException {
    at(time);
    BigDecimal v = owed.getOrDefault(operator.toLowerCase(), BigDecimal.ZERO);
    owed.put(operator.toLowerCase(), BigDecimal.ZERO);
    return v;
  }

  BigDecimal owed(String operator) {
    return owed.getOrDefault(operator.toLowerCase(), BigDecimal.ZERO);
  }

  BigInteger pool() {
    return pool;
  }

  BigInteger issued() {
    return issued;
  }
}
