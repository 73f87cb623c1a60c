package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Gas of every state-changing staking operation, printed as {@code GAS} lines (default economics).
 */
class StakingGasTest {
  @RegisterExtension static final ChainFixture fx = ChainFixture.shared();

  @Test
  void gasTable() throws Exception {
    Map<String, Long> gas = new LinkedHashMap<>();
    Credentials a = ChainFixture.account(1);
    Credentials b = ChainFixture.account(2);
    BigInteger amount = Economics.tokens(20_000);
    fx.fund(a.getAddress(), amount.multiply(BigInteger.TWO));
    fx.fund(b.getAddress(), amount);
    Staking sa = new Staking(fx.chain(), fx.deployment(), a);
    Signer node = new Signer(SecretKey.random());
    Instant lock = fx.chain().now().plus(Duration.ofDays(400));
    gas.put("deposit (first, binds the node, no stake yet)", used(sa.deposit(node, amount, lock)));
    fx.chain().increaseTime(Duration.ofHours(1));
    gas.put("deposit (subsequent, same node)", used(sa.deposit(node, amount, lock)));
    gas.put(
        "deposit (first, others staked)",
        used(
            new Staking(fx.chain(), fx.deployment(), b)
                .deposit(new Signer(SecretKey.random()), amount, lock)));
    gas.put("extendLock", used(sa.extendLock(lock.plusSeconds(3600))));
    fx.chain().increaseTime(Duration.ofDays(1));
    gas.put(
        "catchUp (1 period, by anyone)",
        used(Chain.send(fx.staking(ChainFixture.account(3)).catchUp())));
    fx.chain().increaseTime(Duration.ofDays(1));
    gas.put("claimReward (operator's first claim)", used(Chain.send(fx.staking(a).claimReward())));
    fx.chain().increaseTime(Duration.ofDays(1));
    long after1 = used(Chain.send(fx.staking(a).claimReward()));
    gas.put("claimReward (after 1 period)", after1);
    fx.chain().increaseTime(Duration.ofDays(365));
    long after365 = used(Chain.send(fx.staking(a).claimReward()));
    gas.put("claimReward (after 365 periods)", after365);
    fx.chain().increaseTime(Duration.ofDays(365));
    gas.put(
        "catchUp (365 periods)", used(Chain.send(fx.staking(ChainFixture.account(3)).catchUp())));
    fx.chain().increaseTime(Duration.ofDays(40));
    gas.put("withdraw (part, rest >= s_min)", used(sa.withdraw(amount)));
    gas.put("withdraw (all)", used(sa.withdraw(amount)));

    gas.forEach((op, g) -> System.out.printf("GAS %-48s %,9d%n", op, g));
    // No per-period work: 365 periods cost only the power's extra loop steps (O(log periods)).
    assertThat(after365 - after1).isBetween(0L, 3_000L);
    // Ceilings well above today's figures, to catch an accidental O(n) or extra storage writes.
    gas.forEach((op, g) -> assertThat(g).as(op).isLessThan(300_000L));
  }

  private static long used(TransactionReceipt r) {
    return r.getGasUsed().longValueExact();
  }
}
