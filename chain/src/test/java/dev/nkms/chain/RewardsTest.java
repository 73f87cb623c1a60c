package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.chain.contracts.StakingEscrow;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The reward curve and its distribution, on a real chain. Default economics: T = 1461 daily
 * periods.
 *
 * <p>Why this file is long: the staking contract's reward schedule, one case per rule, on one
 * deployed chain.
 */
class RewardsTest {
  static final BigInteger RAY = BigInteger.TEN.pow(27);
  @RegisterExtension static final ChainFixture fx = ChainFixture.freshPerTest();
  static StakingEscrow view;
  static RewardSchedule schedule;
  static BigInteger reserve;

  @BeforeAll
  static void up() throws ChainException {
    view = fx.staking(ChainFixture.deployer());
    schedule = RewardSchedule.of(fx.economics());
    reserve = schedule.reserve();
  }

  /**
   * The stated bound on |contract issuedThrough(k) − exact|, in wei: reserve·k·(1 + 1e-6)/1e27 + 1.
   * Derivation: the contract's base b = e^(−1/T)·1e27 is within ε ≤ ½ + 1e-7 units of exact
   * (36-decimal Taylor sum, one rounding to 27 decimals; checked below). Square-and-multiply with
   * rounding half up: a squaring turns an error e (values ≤ 1) into ≤ 2e + ½, a multiplication into
   * z adds the base's error + ½; summed over the bits of k the power is within k·(ε + ½) ≤ k·(1 +
   * 2e-7) units of e^(−k/T)·1e27. Scaling by the reserve and flooring adds at most 1 wei.
   */
  static BigInteger bound(long k) {
    BigDecimal b =
        new BigDecimal(reserve)
            .multiply(BigDecimal.valueOf(k))
            .multiply(new BigDecimal("1.000001"))
            .divide(new BigDecimal(RAY), MathContext.DECIMAL128);
    return b.setScale(0, RoundingMode.CEILING).toBigInteger().add(BigInteger.ONE);
  }

  static BigInteger issuedThrough(StakingEscrow c, long k) throws ChainException {
    return Chain.call(c.issuedThrough(BigInteger.valueOf(k)));
  }

  @Test
  void theDecayBaseIsWithinHalfAUnitOfExactAndIssuedThroughMatchesTheCurveWithinTheStatedBound()
      throws Exception {
    BigDecimal exactBase =
        RewardSchedule.expNeg(BigDecimal.ONE.divide(schedule.decayPeriods(), new MathContext(80)))
            .multiply(new BigDecimal(RAY));
    BigDecimal baseError =
        new BigDecimal(Chain.call(view.decayPerPeriodRay())).subtract(exactBase).abs();
    assertThat(baseError).isLessThanOrEqualTo(new BigDecimal("0.5000001"));

    assertThat(issuedThrough(view, 0)).isZero();
    for (long k : new long[] {1, 2, 10, 100, 1000, 10_000, 100_000}) {
      BigInteger onChain = issuedThrough(view, k);
      BigDecimal error = new BigDecimal(onChain).subtract(schedule.issuedThrough(k)).abs();
      System.out.printf(
          "ISSUED k=%d contract=%s error=%s wei bound=%s wei%n",
          k, onChain, error.round(new MathContext(4)), bound(k));
      assertThat(error).as("k = %d", k).isLessThanOrEqualTo(new BigDecimal(bound(k)));
      assertThat(onChain).isLessThanOrEqualTo(reserve);
    }
    // e^(−100000/1461) · reserve is far below a wei: the whole reserve, not a wei more.
    assertThat(issuedThrough(view, 100_000)).isEqualTo(reserve);
    BigInteger uint256Max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
    assertThat(Chain.call(view.issuedThrough(uint256Max))).isEqualTo(reserve);
  }

  @Test
  void perPeriodIssuanceDecaysLikeS0TimesEToTheMinusKOverT() throws Exception {
    BigInteger first = issuedThrough(view, 1);
    // S(1) − S(0) = reserve·(1 − e^(−1/T)) is s0·(1 − 1/(2T) + …): just below s0.
    BigInteger s0 = fx.economics().firstPeriodReward();
    assertThat(first)
        .isLessThan(s0)
        .isGreaterThan(s0.subtract(s0.divide(BigInteger.valueOf(2 * 1461 - 2))));
    for (long k : new long[] {1, 10, 100, 1000, 5000}) {
      BigInteger inPeriod = issuedThrough(view, k + 1).subtract(issuedThrough(view, k));
      BigDecimal error = new BigDecimal(inPeriod).subtract(schedule.issuedIn(k)).abs();
      assertThat(error)
          .as("period %d", k)
          .isLessThanOrEqualTo(new BigDecimal(bound(k).add(bound(k + 1))));
      // and relative to the first period, e^(−k/T) within 1e-12
      BigDecimal ratio =
          new BigDecimal(inPeriod).divide(new BigDecimal(first), MathContext.DECIMAL128);
      BigDecimal expected =
          RewardSchedule.expNeg(
              BigDecimal.valueOf(k).divide(schedule.decayPeriods(), MathContext.DECIMAL128));
      assertThat(ratio.subtract(expected).abs())
          .as("period %d", k)
          .isLessThan(new BigDecimal("1e-12"));
    }
  }

  @Test
  void withinAPeriodIssuanceAccruesBySecondAndMeetsIssuedThroughAtEachBoundary() throws Exception {
    long genesis = Chain.call(view.genesis()).longValueExact();
    long p = fx.economics().period().toSeconds();
    for (long k : new long[] {0, 1, 7, 365}) {
      BigInteger at = issuedThrough(view, k);
      BigInteger next = issuedThrough(view, k + 1);
      assertThat(Chain.call(view.issuedAt(BigInteger.valueOf(genesis + k * p)))).isEqualTo(at);
      BigInteger quarter = Chain.call(view.issuedAt(BigInteger.valueOf(genesis + k * p + p / 4)));
      assertThat(quarter)
          .isEqualTo(
              at.add(
                  next.subtract(at)
                      .multiply(BigInteger.valueOf(p / 4))
                      .divide(BigInteger.valueOf(p))));
    }
    assertThat(Chain.call(view.issuedAt(BigInteger.valueOf(genesis)))).isZero();
    assertThat(Chain.call(view.issuedAt(BigInteger.valueOf(genesis - 100)))).isZero();
  }

  @Test
  void rewardsSplitInProportionToStakeAndALateJoinerEarnsOnlyFromItsDeposit() throws Exception {
    Credentials a = ChainFixture.account(1);
    Credentials b = ChainFixture.account(2);
    Credentials c = ChainFixture.account(3);
    IdealRewards ideal = new IdealRewards(view);
    Instant lock = fx.chain().now().plus(Duration.ofDays(400));
    stake(ideal, a, Economics.tokens(20_000), lock);
    fx.chain().increaseTime(Duration.ofDays(10)); // A alone for 10 periods
    stake(ideal, b, Economics.tokens(30_000), lock);
    assertThat(Chain.call(view.earned(b.getAddress()))).as("B at its deposit").isZero();
    stake(ideal, c, Economics.tokens(50_000), lock);
    fx.chain().increaseTime(Duration.ofDays(30));

    BigInteger[] claims = new BigInteger[3];
    Credentials[] ops = {a, b, c};
    for (int i = 0; i < 3; i++) {
      Credentials op = ops[i];
      TransactionReceipt r = Chain.send(fx.staking(op).claimReward());
      BigInteger claimed = StakingEscrow.getRewardClaimedEvents(r).get(0).amount;
      claims[i] = claimed;
      BigDecimal expected = ideal.claim(op.getAddress(), ChainTestSupport.time(fx.chain(), r));
      // Rounding: the accumulator and the payout round down; less than 1 wei per settlement (one
      // here).
      BigDecimal shortfall = expected.subtract(new BigDecimal(claimed));
      assertThat(shortfall)
          .as(op.getAddress())
          .isGreaterThanOrEqualTo(BigDecimal.ZERO)
          .isLessThan(BigDecimal.ONE);
      assertThat(Chain.call(fx.token(op).balanceOf(op.getAddress()))).isEqualTo(claimed);
    }
    assertThat(Chain.call(view.healthPool())).isEqualTo(ideal.pool());
    // B and C, both in for the same 30 periods, got amounts in the ratio of their stakes (3:5), up
    // to the few
    // seconds between their deposits and between their claims (1e-4 is ~4 minutes of 30 days).
    BigDecimal ratio =
        new BigDecimal(claims[1].multiply(BigInteger.valueOf(5)))
            .divide(
                new BigDecimal(claims[2].multiply(BigInteger.valueOf(3))), MathContext.DECIMAL128);
    assertThat(ratio.subtract(BigDecimal.ONE).abs()).isLessThan(new BigDecimal("1e-4"));
    // A's 10 periods alone are a large part of its claim: more than B's although it staked less.
    assertThat(claims[0]).isGreaterThan(claims[1]);
  }

  @Test
  void aStakeSlashedBelowTheMinimumEarnsNothingUntilItsOperatorTopsItUp() throws Exception {
    Credentials a = ChainFixture.account(1);
    Credentials b = ChainFixture.account(2);
    IdealRewards ideal = new IdealRewards(view);
    Instant lock = fx.chain().now().plus(Duration.ofDays(400));
    BigInteger minimum = fx.economics().minimumStake();
    Signer nodeA = new Signer(SecretKey.random());
    deposit(fx, ideal, a, nodeA, minimum, lock);
    stake(ideal, b, Economics.tokens(30_000), lock);
    fx.chain().increaseTime(Duration.ofDays(5));

    // A's node is proven to have leaked a kfrag: c is slashed and A's stake falls below the
    // minimum.
    NodeAddress leaker = NodeAddress.of(nodeA.verifyingKey());
    Hrac hrac = Hrac.derive(SecretKey.random().publicKey(), nonce("leaked"));
    byte[] kfrag = new byte[KeyFrag.SERIALIZED_LENGTH];
    new java.security.SecureRandom().nextBytes(kfrag);
    new PolicyPayments(fx.chain(), fx.deployment(), ChainFixture.account(21))
        .pay(
            hrac,
            fx.chain().now().plus(Duration.ofDays(30)),
            java.util.List.of(leaker),
            java.util.List.of(kfrag),
            SecretKey.random().publicKey(),
            SecretKey.random().publicKey(),
            SecretKey.random().publicKey(),
            BigInteger.valueOf(1_000_000));
    TransactionReceipt leak =
        new PolicyPayments(fx.chain(), fx.deployment(), ChainFixture.account(22))
            .challengeLeakedKey(hrac, leaker, kfrag);
    ideal.stakeChanged(
        a.getAddress(),
        fx.economics().leakPenalty().negate(),
        ChainTestSupport.time(fx.chain(), leak));
    BigInteger earnedWhenSlashed = Chain.call(view.earned(a.getAddress()));
    assertThat(earnedWhenSlashed).isPositive();
    assertThat(Chain.call(view.earningStake())).isEqualTo(Economics.tokens(30_000));

    // Ten periods below the minimum: A earns nothing, B earns all the issuance.
    fx.chain().increaseTime(Duration.ofDays(10));
    assertThat(Chain.call(view.earned(a.getAddress()))).isEqualTo(earnedWhenSlashed);
    claim(ideal, fx.staking(b), b);

    // A tops its stake up to the minimum again and earns from then on, alongside B.
    deposit(fx, ideal, a, nodeA, fx.economics().leakPenalty(), lock);
    assertThat(Chain.call(view.earningStake())).isEqualTo(Economics.tokens(30_000).add(minimum));
    fx.chain().increaseTime(Duration.ofDays(10));
    claim(ideal, fx.staking(a), a, 2); // settled with earnings at the slash and at this claim
    claim(ideal, fx.staking(b), b);
    assertThat(Chain.call(view.healthPool())).isEqualTo(ideal.pool());
  }

  @Test
  void aDepositJustBeforeAPeriodEndsEarnsOnlyItsSeconds() throws Exception {
    // The escrow used to distribute a whole period at its end over whoever was staked then: a large
    // deposit in the
    // period's last seconds took most of that period's issuance.
    Credentials a = ChainFixture.account(10);
    Credentials late = ChainFixture.account(11);
    IdealRewards ideal = new IdealRewards(view);
    Instant lock = fx.chain().now().plus(Duration.ofDays(30));
    stake(ideal, a, Economics.tokens(10_000), lock);
    long genesis = Chain.call(view.genesis()).longValueExact();
    long p = fx.economics().period().toSeconds();
    long now = ChainTestSupport.now(fx.chain());
    long k = (now - genesis) / p + 1;
    fx.chain()
        .increaseTime(
            Duration.ofSeconds(genesis + k * p - 20 - now)); // 20 s before period k starts
    long tLate = stake(ideal, late, Economics.tokens(990_000), lock);
    assertThat(tLate).isLessThan(genesis + k * p);
    fx.chain().increaseTime(Duration.ofSeconds(40));
    TransactionReceipt r = claim(ideal, fx.staking(late), late);
    long seconds = ChainTestSupport.time(fx.chain(), r) - tLate;
    BigInteger got = StakingEscrow.getRewardClaimedEvents(r).get(0).amount;
    BigInteger periodK1 = issuedThrough(view, k).subtract(issuedThrough(view, k - 1));
    // 99% of the stake for ~40 s: about 40/86400 of a period's issuance, nowhere near the period's
    // 95%.
    assertThat(got)
        .isLessThan(
            periodK1.multiply(BigInteger.valueOf(seconds + 1)).divide(BigInteger.valueOf(p)));
    assertThat(got).isPositive();
  }

  @Test
  void aSingleClaimCollects365PeriodsAtTheGasOfAOnePeriodClaim() throws Exception {
    Credentials a = ChainFixture.account(4);
    IdealRewards ideal = new IdealRewards(view);
    stake(ideal, a, Economics.tokens(50_000), fx.chain().now().plus(Duration.ofDays(1000)));
    StakingEscrow staking = fx.staking(a);
    fx.chain().increaseTime(Duration.ofDays(1));
    claim(
        ideal, staking,
        a); // the first claim also pays for first writes of storage slots and the balance
    fx.chain().increaseTime(Duration.ofDays(1));
    long gas1 = claim(ideal, staking, a).getGasUsed().longValueExact();
    fx.chain().increaseTime(Duration.ofDays(365));
    TransactionReceipt r365 = claim(ideal, staking, a);
    long gas365 = r365.getGasUsed().longValueExact();
    System.out.printf("GAS claimReward after 1 period: %d, after 365 periods: %d%n", gas1, gas365);
    // O(log periods), not O(periods): each extra bit of the period count costs two loop steps of
    // the power
    // (~100 gas each); 2 → 367 periods is 7 bits. A per-period design would cost ≥ 365 storage
    // reads (> 750k gas).
    assertThat(gas365 - gas1).isBetween(0L, 3_000L);
    // The 365-period claim is about a quarter of the reserve's yearly issuance: well above dust.
    assertThat(StakingEscrow.getRewardClaimedEvents(r365).get(0).amount)
        .isGreaterThan(
            issuedThrough(view, 300).subtract(issuedThrough(view, 2)).divide(BigInteger.TWO));
  }

  @Test
  void timeWithNoStakeIssuesNothingToAnyone() throws Exception {
    fx.chain().increaseTime(Duration.ofDays(10));
    Credentials a = ChainFixture.account(5);
    IdealRewards ideal = new IdealRewards(view);
    Instant lock = fx.chain().now().plus(Duration.ofDays(5));
    long tA = stake(ideal, a, Economics.tokens(10_000), lock);
    // The 10 stakeless periods are counted as issued (so they are never issued later) but went to
    // nobody.
    assertThat(Chain.call(view.issued()))
        .isEqualTo(Chain.call(view.issuedAt(BigInteger.valueOf(tA))))
        .isGreaterThanOrEqualTo(issuedThrough(view, 10)); // equal on a frozen test clock
    assertThat(Chain.call(view.accRewardPerToken())).isZero();
    assertThat(Chain.call(view.healthPool())).isZero();
    assertThat(Chain.call(view.earned(a.getAddress()))).isZero();

    fx.chain().increaseTime(Duration.ofDays(6));
    TransactionReceipt w = Chain.send(fx.staking(a).withdraw(Economics.tokens(10_000)));
    ideal.stakeChanged(
        a.getAddress(), Economics.tokens(10_000).negate(), ChainTestSupport.time(fx.chain(), w));
    BigInteger poolAfterWithdraw = Chain.call(view.healthPool());
    BigInteger earnedAfterWithdraw = Chain.call(view.earned(a.getAddress()));
    fx.chain().increaseTime(Duration.ofDays(10)); // stakeless again
    assertThat(Chain.call(view.earned(a.getAddress()))).isEqualTo(earnedAfterWithdraw);
    TransactionReceipt r = claim(ideal, fx.staking(a), a);
    assertThat(StakingEscrow.getRewardClaimedEvents(r).get(0).amount)
        .isEqualTo(earnedAfterWithdraw);
    assertThat(Chain.call(view.healthPool())).isEqualTo(poolAfterWithdraw).isEqualTo(ideal.pool());
    assertThat(Chain.call(view.issued())).isEqualTo(ideal.issued());
    assertThat(Chain.call(fx.token(a).totalSupply()))
        .isEqualTo(fx.economics().initialSupply().add(earnedAfterWithdraw));
    assertThatThrownBy(() -> Chain.send(fx.staking(a).claimReward()))
        .hasMessageContaining("no reward to claim");
  }

  @Test
  void theHealthShareGoesToTheHealthPool() throws Exception {
    Credentials a = ChainFixture.account(6);
    long tA =
        stake(
            new IdealRewards(view),
            a,
            Economics.tokens(40_000),
            fx.chain().now().plus(Duration.ofDays(99)));
    fx.chain().increaseTime(Duration.ofDays(10));
    TransactionReceipt r =
        Chain.send(fx.staking(ChainFixture.account(7)).catchUp()); // anyone may catch up
    long t = ChainTestSupport.time(fx.chain(), r);
    BigInteger fresh =
        Chain.call(view.issuedAt(BigInteger.valueOf(t)))
            .subtract(Chain.call(view.issuedAt(BigInteger.valueOf(tA))));
    BigInteger toPool =
        fresh.multiply(BigInteger.valueOf(500)).divide(BigInteger.valueOf(10_000)); // 5%
    assertThat(Chain.call(view.healthPool())).isEqualTo(toPool);
    // the staker, alone, gets the other 95% minus under a wei of rounding
    assertThat(Chain.call(view.earned(a.getAddress())))
        .isBetween(fresh.subtract(toPool).subtract(BigInteger.ONE), fresh.subtract(toPool));
  }

  @Test
  void withAShortDecayTheSupplyNeverPassesSMaxAndIssuanceTendsToTheReserve() throws Exception {
    Economics d = Economics.defaults();
    BigInteger res = d.maxSupply().subtract(d.initialSupply());
    Economics shortT =
        new Economics(
            d.maxSupply(),
            d.initialSupply(),
            res.divide(BigInteger.valueOf(3)),
            d.period(),
            d.minimumStake(),
            d.healthShareBps(),
            d.leakPenalty(),
            d.challengerRewardPpm(),
            d.cfragPenalty(),
            d.investigatorRewardPpm(),
            d.roundBlocks()); // T = 3 periods
    try (ChainFixture sx = ChainFixture.start(shortT)) {
      StakingEscrow v = sx.staking(ChainFixture.deployer());
      RewardSchedule s = RewardSchedule.of(shortT);
      BigInteger previous = BigInteger.ZERO;
      for (long k = 1; k <= 240; k++) {
        BigInteger i = issuedThrough(v, k);
        BigDecimal error = new BigDecimal(i).subtract(s.issuedThrough(k)).abs();
        assertThat(error).as("k = %d", k).isLessThanOrEqualTo(new BigDecimal(bound(k)));
        assertThat(i).as("k = %d", k).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(res);
        previous = i;
      }
      // b^256 = e^(−85) rounds to 0 at 27 decimals, so from k = 256 on the power is exactly 0: the
      // whole reserve.
      assertThat(issuedThrough(v, 256)).isEqualTo(res);
      assertThat(issuedThrough(v, 1_000_000)).isEqualTo(res);

      IdealRewards ideal = new IdealRewards(v);
      Credentials a = ChainFixture.account(8);
      Credentials b = ChainFixture.account(9);
      Instant lock = sx.chain().now().plus(Duration.ofDays(1000));
      long tA = stakeIn(sx, ideal, a, Economics.tokens(10_000), lock);
      stakeIn(sx, ideal, b, Economics.tokens(90_000), lock);
      sx.chain().increaseTime(Duration.ofDays(400));
      BigInteger claimed = BigInteger.ZERO;
      for (Credentials op : new Credentials[] {a, b}) {
        TransactionReceipt r = Chain.send(sx.staking(op).claimReward());
        BigInteger amount = StakingEscrow.getRewardClaimedEvents(r).get(0).amount;
        BigDecimal shortfall =
            ideal
                .claim(op.getAddress(), ChainTestSupport.time(sx.chain(), r))
                .subtract(new BigDecimal(amount));
        assertThat(shortfall).isGreaterThanOrEqualTo(BigDecimal.ZERO).isLessThan(BigDecimal.ONE);
        claimed = claimed.add(amount);
      }
      assertThat(Chain.call(v.issued())).isEqualTo(res);
      BigInteger supply = Chain.call(sx.token(a).totalSupply());
      assertThat(supply)
          .isEqualTo(d.initialSupply().add(claimed))
          .isLessThanOrEqualTo(d.maxSupply());
      // Unminted: what was issued before anyone staked, the health pool, and under a wei per claim
      // of rounding.
      BigInteger unminted = d.maxSupply().subtract(supply);
      BigInteger beforeStake = Chain.call(v.issuedAt(BigInteger.valueOf(tA)));
      assertThat(unminted.subtract(beforeStake).subtract(Chain.call(v.healthPool())))
          .isBetween(BigInteger.ZERO, BigInteger.TWO);
      // Nothing is left to issue: more time adds nothing.
      sx.chain().increaseTime(Duration.ofDays(30));
      assertThat(Chain.call(v.earned(a.getAddress()))).isZero();
    }
  }

  private static long stake(IdealRewards ideal, Credentials op, BigInteger amount, Instant lock)
      throws Exception {
    return stakeIn(fx, ideal, op, amount, lock);
  }

  private static long stakeIn(
      ChainFixture f, IdealRewards ideal, Credentials op, BigInteger amount, Instant lock)
      throws Exception {
    return deposit(f, ideal, op, new Signer(SecretKey.random()), amount, lock);
  }

  /** Funds {@code op} and deposits for {@code node}; returns the deposit's block time. */
  private static long deposit(
      ChainFixture f,
      IdealRewards ideal,
      Credentials op,
      Signer node,
      BigInteger amount,
      Instant lock)
      throws Exception {
    f.fund(op.getAddress(), amount);
    TransactionReceipt r = new Staking(f.chain(), f.deployment(), op).deposit(node, amount, lock);
    long t = ChainTestSupport.time(f.chain(), r);
    ideal.stakeChanged(op.getAddress(), amount, t);
    return t;
  }

  private static TransactionReceipt claim(IdealRewards ideal, StakingEscrow staking, Credentials op)
      throws Exception {
    return claim(ideal, staking, op, 1);
  }

  /**
   * Claims and checks the amount against the ideal: short by less than 1 wei per settlement that
   * earned.
   */
  private static TransactionReceipt claim(
      IdealRewards ideal, StakingEscrow staking, Credentials op, int settlements) throws Exception {
    TransactionReceipt r = Chain.send(staking.claimReward());
    BigInteger amount = StakingEscrow.getRewardClaimedEvents(r).get(0).amount;
    BigDecimal shortfall =
        ideal
            .claim(op.getAddress(), ChainTestSupport.time(fx.chain(), r))
            .subtract(new BigDecimal(amount));
    assertThat(shortfall)
        .as(op.getAddress())
        .isGreaterThanOrEqualTo(BigDecimal.ZERO)
        .isLessThan(BigDecimal.valueOf(settlements));
    return r;
  }

  /** A grant nonce named by {@code label}, so that the test can name the same policy again. */
  static byte[] nonce(String label) {
    return java.util.Arrays.copyOf(
        dev.nkms.crypto.primitives.ScalarDigest.sha256(
            label.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        dev.nkms.protocol.Hrac.NONCE_LENGTH);
  }
}
