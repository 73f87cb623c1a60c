package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.keys.SecretKey;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class StakingTest {
  static ChainFixture fx;

  @BeforeAll
  static void up() throws ChainException {
    fx = ChainFixture.start();
  }

  @AfterAll
  static void down() {
    fx.close();
  }

  @BeforeEach
  void fresh() throws ChainException {
    fx.reset();
  }

  @Test
  void aDepositBindsTheNodeThatSignedAndLocksTheStake() throws Exception {
    Credentials op = ChainFixture.account(1);
    SecretKey node = SecretKey.random();
    Instant lock = fx.chain().now().plus(Duration.ofDays(30));
    BigInteger amount = Economics.tokens(20_000);
    fx.stake(op, node, amount, lock);

    var staking = fx.staking(op);
    assertThat(Chain.call(staking.operatorOf(ChainFixture.address(node)))).isEqualToIgnoringCase(op.getAddress());
    assertThat(Chain.call(staking.stakeOfNode(ChainFixture.address(node)))).isEqualTo(amount);
    assertThatThrownBy(() -> Chain.send(staking.withdraw(amount)))
        .isInstanceOf(ChainException.class).hasMessageContaining("still locked");
    fx.chain().increaseTime(Duration.ofDays(31));
    Chain.send(staking.withdraw(amount));
    assertThat(Chain.call(fx.token(op).balanceOf(op.getAddress()))).isEqualTo(amount);
  }

  @Test
  void aBindingSignedByAnotherKeyIsRefused() throws Exception {
    Credentials op = ChainFixture.account(2);
    SecretKey node = SecretKey.random();
    SecretKey other = SecretKey.random();
    BigInteger amount = Economics.tokens(20_000);
    fx.fund(op.getAddress(), amount);
    Chain.send(fx.token(op).approve(fx.deployment().staking(), amount));
    byte[] sig = StakeBinding.sign(new dev.nkms.crypto.keys.Signer(other), fx.chain().chainId(),
        fx.deployment().staking(), op.getAddress());
    assertThatThrownBy(() -> Chain.send(fx.staking(op).deposit(ChainFixture.address(node), amount,
        BigInteger.valueOf(fx.chain().now().getEpochSecond() + 1000), java.util.Arrays.copyOfRange(sig, 0, 32),
        java.util.Arrays.copyOfRange(sig, 32, 64))))
        .isInstanceOf(ChainException.class).hasMessageContaining("did not sign");
    assertThat(Chain.call(fx.staking(op).operatorCount())).isZero();
  }
}
