package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.chain.contracts.StakingEscrow;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.registry.OperatorAddress;
import dev.nkms.registry.RegistryChange;
import dev.nkms.registry.Stake;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;

class EthereumStakeRegistryTest {
  static final BigInteger MIN = Economics.tokens(10_000);
  @RegisterExtension static final ChainFixture fx = ChainFixture.freshPerTest();

  private static Signer stake(int account, BigInteger amount, Instant lock) throws ChainException {
    Credentials op = ChainFixture.account(account);
    fx.fund(op.getAddress(), amount);
    Signer node = new Signer(SecretKey.random());
    new Staking(fx.chain(), fx.deployment(), op).deposit(node, amount, lock);
    return node;
  }

  private static Stake expected(int account, Signer node, BigInteger amount, Instant lock) {
    return new Stake(
        OperatorAddress.fromHex(ChainFixture.account(account).getAddress()),
        NodeAddress.of(node.verifyingKey()),
        amount,
        lock.truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void theViewEqualsTheChainInNodeOrderAcrossPages() throws Exception {
    Instant now = fx.chain().now();
    List<Stake> want = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      BigInteger amount = MIN.add(Economics.tokens(1_000L * i));
      Instant lock = now.plus(Duration.ofDays(10L * i));
      want.add(expected(i, stake(i, amount, lock), amount, lock));
    }
    want.sort(Comparator.comparing(Stake::node));
    EthereumStakeRegistry r =
        EthereumStakeRegistry.open(fx.chain(), fx.deployment(), 2); // pages of 2, 2, 1
    assertThat(r.domain()).isEqualTo(ChainFixture.DOMAIN);
    assertThat(r.minimumStake()).isEqualTo(MIN);
    assertThat(r.stakes()).isEqualTo(want);
    assertThat(EthereumStakeRegistry.open(fx.chain(), fx.deployment()).stakes()).isEqualTo(want);
    StakingEscrow c = fx.staking(ChainFixture.deployer());
    for (Stake s : r.stakes()) {
      String node = s.node().toHex();
      assertThat(Chain.call(c.operatorOf(node))).isEqualToIgnoringCase(s.operator().toHex());
      assertThat(Chain.call(c.stakeOfNode(node))).isEqualTo(s.amount());
      assertThat(Chain.call(c.lockedUntilOfNode(node)).longValueExact())
          .isEqualTo(s.lockedUntil().getEpochSecond());
      assertThat(r.stake(s.node())).contains(s);
    }
    assertThat(r.changeSerial())
        .isEqualTo(Chain.call(c.changeSerial()))
        .isEqualTo(BigInteger.valueOf(5));
    // pagination edges: past the end is empty, a huge limit does not overflow
    assertThat(Chain.call(c.stakes(BigInteger.valueOf(5), BigInteger.TEN)).component1()).isEmpty();
    assertThat(
            Chain.call(
                    c.stakes(
                        BigInteger.valueOf(3), BigInteger.TWO.pow(256).subtract(BigInteger.ONE)))
                .component1())
        .hasSize(2);
  }

  @Test
  void eligibilityFollowsLocksAndTheMinimumLikeTheContract() throws Exception {
    Instant now = fx.chain().now().truncatedTo(ChronoUnit.SECONDS);
    Instant early = now.plus(Duration.ofDays(10));
    Instant late = now.plus(Duration.ofDays(20));
    Signer a = stake(1, MIN, early);
    Signer b = stake(2, MIN.add(Economics.tokens(500)), late);
    EthereumStakeRegistry r = EthereumStakeRegistry.open(fx.chain(), fx.deployment());
    NodeAddress na = NodeAddress.of(a.verifyingKey());
    NodeAddress nb = NodeAddress.of(b.verifyingKey());
    assertThat(nodes(r.eligible(early))).containsExactlyInAnyOrder(na, nb);
    assertThat(nodes(r.eligible(early.plusSeconds(1)))).containsExactly(nb);
    assertThat(nodes(r.eligible(late.plusSeconds(1)))).isEmpty();

    // Slash b (as the adjudicator would) to just below the minimum: still staked, no longer
    // eligible.
    StakingEscrow asAdjudicator =
        ChainTestSupport.stakingAs(fx.chain(), fx.deployment(), fx.deployment().adjudicator());
    Chain.send(
        asAdjudicator.slash(
            nb.toHex(),
            Economics.tokens(501),
            ChainFixture.account(11).getAddress(),
            BigInteger.ZERO));
    assertThat(r.refresh()).isTrue();
    assertThat(r.stake(nb).orElseThrow().amount()).isEqualTo(MIN.subtract(Economics.TOKEN));
    assertThat(nodes(r.eligible(early))).containsExactly(na);

    StakingEscrow c = fx.staking(ChainFixture.deployer());
    for (Instant through :
        new Instant[] {now, early, early.plusSeconds(1), late, late.plusSeconds(1)}) {
      for (NodeAddress n : List.of(na, nb)) {
        boolean onChain =
            Chain.call(c.eligible(n.toHex(), BigInteger.valueOf(through.getEpochSecond())));
        assertThat(nodes(r.eligible(through)).contains(n))
            .as("%s through %s", n, through)
            .isEqualTo(onChain);
      }
    }
  }

  @Test
  void refreshReadsOnlyWhenTheSerialMovedAndTellsListenersWhatChanged() throws Exception {
    Instant lock = fx.chain().now().plus(Duration.ofDays(5)).truncatedTo(ChronoUnit.SECONDS);
    Signer a = stake(1, MIN, lock);
    EthereumStakeRegistry r = EthereumStakeRegistry.open(fx.chain(), fx.deployment());
    List<RegistryChange> seen = new ArrayList<>();
    r.addListener(seen::add);

    // Neither time nor a catch-up nor a claim changes the view: no re-read, no notification.
    fx.chain().increaseTime(Duration.ofDays(1));
    Chain.send(fx.staking(ChainFixture.account(1)).catchUp());
    new Staking(fx.chain(), fx.deployment(), ChainFixture.account(1)).claimReward();
    assertThat(r.refresh()).isFalse();
    assertThat(seen).isEmpty();

    Signer b = stake(2, MIN, lock);
    Stake sb = expected(2, b, MIN, lock);
    assertThat(r.refresh()).isTrue();
    assertThat(seen).containsExactly(new RegistryChange(List.of(sb), List.of(), List.of()));

    Staking sa = new Staking(fx.chain(), fx.deployment(), ChainFixture.account(1));
    fx.fund(ChainFixture.account(1).getAddress(), Economics.tokens(7));
    sa.deposit(a, Economics.tokens(7), lock);
    sa.extendLock(lock.plusSeconds(60));
    Stake sa2 = expected(1, a, MIN.add(Economics.tokens(7)), lock.plusSeconds(60));
    assertThat(r.refresh()).isTrue();
    assertThat(seen.get(1)).isEqualTo(new RegistryChange(List.of(), List.of(), List.of(sa2)));

    StakingEscrow asAdjudicator =
        ChainTestSupport.stakingAs(fx.chain(), fx.deployment(), fx.deployment().adjudicator());
    Chain.send(
        asAdjudicator.slash(
            NodeAddress.of(b.verifyingKey()).toHex(),
            Economics.tokens(3),
            ChainFixture.account(11).getAddress(),
            Economics.tokens(1)));
    assertThat(r.refresh()).isTrue();
    assertThat(seen.get(2))
        .isEqualTo(
            new RegistryChange(
                List.of(),
                List.of(),
                List.of(expected(2, b, MIN.subtract(Economics.tokens(3)), lock))));

    fx.chain().increaseTime(Duration.ofDays(5));
    sa.withdraw(MIN.add(Economics.tokens(7)));
    assertThat(r.refresh()).isTrue();
    assertThat(seen.get(3)).isEqualTo(new RegistryChange(List.of(), List.of(sa2), List.of()));
    assertThat(r.stakes()).containsExactly(expected(2, b, MIN.subtract(Economics.tokens(3)), lock));
    assertThat(r.refresh()).isFalse();
    assertThat(seen).hasSize(4);
  }

  private static List<NodeAddress> nodes(List<Stake> stakes) {
    return stakes.stream().map(Stake::node).toList();
  }
}
