package dev.nkms.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * The parameters the contracts are deployed with. Token amounts are in the token's smallest unit
 * (18 decimals).
 *
 * @param maxSupply S_max, the supply never exceeds it
 * @param initialSupply S(0), minted to the deployer
 * @param firstPeriodReward s0, the reward issued in the first period (T = (S_max − S(0))/s0
 *     periods)
 * @param period length of a reward period
 * @param minimumStake s_min
 * @param healthShareBps share of each period's issuance paid to health checkers (basis points)
 * @param leakPenalty c, the collateral taken from a node proven to have leaked a re-encryption key
 * @param challengerRewardPpm α (parts per million), the challenger's share of the leaking node's
 *     earned fee
 * @param cfragPenalty taken from a node's stake per proven wrong re-encryption
 * @param investigatorRewardPpm the investigator's share of {@code cfragPenalty} (parts per million)
 * @param roundBlocks h, blocks per health-check round
 */
public record Economics(
    BigInteger maxSupply,
    BigInteger initialSupply,
    BigInteger firstPeriodReward,
    Duration period,
    BigInteger minimumStake,
    int healthShareBps,
    BigInteger leakPenalty,
    int challengerRewardPpm,
    BigInteger cfragPenalty,
    int investigatorRewardPpm,
    int roundBlocks) {

  public static final BigInteger TOKEN = BigInteger.TEN.pow(18);

  public Economics {
    Objects.requireNonNull(maxSupply);
    Objects.requireNonNull(initialSupply);
    Objects.requireNonNull(firstPeriodReward);
    Objects.requireNonNull(period);
    Objects.requireNonNull(minimumStake);
    Objects.requireNonNull(leakPenalty);
    Objects.requireNonNull(cfragPenalty);
    if (initialSupply.compareTo(maxSupply) >= 0) {
      throw new IllegalArgumentException("S(0) must be below S_max");
    }
    if (firstPeriodReward.signum() <= 0
        || firstPeriodReward.compareTo(maxSupply.subtract(initialSupply)) >= 0) {
      throw new IllegalArgumentException("s0 must be positive and below S_max - S(0)");
    }
    if (period.toSeconds() < 1) {
      throw new IllegalArgumentException("a period lasts at least a second");
    }
    if (healthShareBps < 0 || healthShareBps > 10_000) {
      throw new IllegalArgumentException("the health share is 0..10000 basis points");
    }
    if (challengerRewardPpm < 0 || challengerRewardPpm >= 1_000_000) {
      throw new IllegalArgumentException("alpha must be in [0, 1)");
    }
    if (investigatorRewardPpm < 0 || investigatorRewardPpm > 1_000_000) {
      throw new IllegalArgumentException("the investigator's share is 0..1000000 ppm");
    }
    if (roundBlocks < 4) {
      throw new IllegalArgumentException("a health round needs at least 4 blocks");
    }
  }

  /**
   * The defaults: S_max 10⁹ tokens, S(0) 4·10⁸, s0 such that T = 1461 daily periods (4 years),
   * s_min 10,000 tokens, 5% of issuance to health checkers, c = 1,000 tokens, α = ½, 1,000 tokens
   * per wrong cfrag (half to the investigator), health rounds of 40 blocks (a dev chain mines a
   * block per transaction, so the commit half must hold every checker's commit).
   */
  public static Economics defaults() {
    BigInteger max = tokens(1_000_000_000);
    BigInteger initial = tokens(400_000_000);
    return new Economics(
        max,
        initial,
        max.subtract(initial).divide(BigInteger.valueOf(1461)),
        Duration.ofDays(1),
        tokens(10_000),
        500,
        tokens(1_000),
        500_000,
        tokens(1_000),
        500_000,
        40);
  }

  public static BigInteger tokens(long whole) {
    return BigInteger.valueOf(whole).multiply(TOKEN);
  }
}
