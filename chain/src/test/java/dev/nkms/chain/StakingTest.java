package dev.nkms.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Credentials;

class StakingTest {
  @RegisterExtension static final ChainFixture fx = ChainFixture.freshPerTest();

  @Test
  void aDepositBindsTheNodeThatSignedAndLocksTheStake() throws Exception {
    Credentials op = ChainFixture.account(1);
    SecretKey node = SecretKey.random();
    Instant lock = fx.chain().now().plus(Duration.ofDays(30));
    BigInteger amount = Economics.tokens(20_000);
    fx.stake(op, node, amount, lock);

    var staking = fx.staking(op);
    assertThat(Chain.call(staking.operatorOf(ChainFixture.address(node))))
        .isEqualToIgnoringCase(op.getAddress());
    assertThat(Chain.call(staking.stakeOfNode(ChainFixture.address(node)))).isEqualTo(amount);
    assertThatThrownBy(() -> Chain.send(staking.withdraw(amount)))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("still locked");
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
    byte[] sig =
        StakeBinding.sign(
            new dev.nkms.crypto.keys.Signer(other),
            fx.chain().chainId(),
            fx.deployment().staking(),
            op.getAddress());
    assertThatThrownBy(
            () ->
                Chain.send(
                    fx.staking(op)
                        .deposit(
                            ChainFixture.address(node),
                            amount,
                            BigInteger.valueOf(fx.chain().now().getEpochSecond() + 1000),
                            java.util.Arrays.copyOfRange(sig, 0, 32),
                            java.util.Arrays.copyOfRange(sig, 32, 64))))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("did not sign");
    assertThat(Chain.call(fx.staking(op).operatorCount())).isZero();
  }

  private static final BigInteger MIN = Economics.tokens(10_000);

  private static Staking staking(Credentials op, BigInteger fund) throws ChainException {
    fx.fund(op.getAddress(), fund);
    return new Staking(fx.chain(), fx.deployment(), op);
  }

  @Test
  void aStakeMustReachTheMinimumAndMayThenGrowByAnyAmount() throws Exception {
    Credentials op = ChainFixture.account(3);
    Staking s = staking(op, MIN.add(BigInteger.ONE));
    Signer node = new Signer(SecretKey.random());
    Instant lock = fx.chain().now().plus(Duration.ofDays(30));
    assertThatThrownBy(() -> s.deposit(node, MIN.subtract(BigInteger.ONE), lock))
        .isInstanceOf(ChainException.class)
        .hasMessageContaining("below the minimum");
    s.deposit(node, MIN, lock);
    s.deposit(node, BigInteger.ONE, lock);
    StakeStatus st = s.status();
    assertThat(st.node()).contains(NodeAddress.of(node.verifyingKey()));
    assertThat(st.amount()).isEqualTo(MIN.add(BigInteger.ONE));
    assertThat(st.lockedUntil()).isEqualTo(lock.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(st.tokenBalance()).isZero();
    assertThat(st.earned())
        .isZero(); // the second deposit is in the same or the next second: nothing yet
    assertThatThrownBy(() -> s.deposit(node, BigInteger.ZERO, lock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLockIsNeverShortenedOnlyExtended() throws Exception {
    Credentials op = ChainFixture.account(4);
    Staking s = staking(op, MIN.multiply(BigInteger.TWO));
    Signer node = new Signer(SecretKey.random());
    Instant lock =
        fx.chain()
            .now()
            .plus(Duration.ofDays(30))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    s.deposit(node, MIN, lock);
    assertThatThrownBy(() -> s.deposit(node, MIN, lock.minusSeconds(1)))
        .hasMessageContaining("cannot be shortened");
    assertThatThrownBy(() -> s.extendLock(lock.minusSeconds(1)))
        .hasMessageContaining("can only be extended");
    assertThatThrownBy(() -> s.extendLock(lock)).hasMessageContaining("can only be extended");
    BigInteger serial = Chain.call(fx.staking(op).changeSerial());
    s.extendLock(lock.plusSeconds(100));
    assertThat(s.status().lockedUntil()).isEqualTo(lock.plusSeconds(100));
    assertThat(Chain.call(fx.staking(op).changeSerial())).isEqualTo(serial.add(BigInteger.ONE));
    assertThatThrownBy(
            () ->
                new Staking(fx.chain(), fx.deployment(), ChainFixture.account(5))
                    .extendLock(lock.plusSeconds(200)))
        .hasMessageContaining("no stake");
  }

  @Test
  void withdrawingLeavesNothingOrAtLeastTheMinimumAndOnlyAfterTheLock() throws Exception {
    Credentials op = ChainFixture.account(6);
    BigInteger amount = Economics.tokens(25_000);
    Staking s = staking(op, amount);
    s.deposit(new Signer(SecretKey.random()), amount, fx.chain().now().plus(Duration.ofDays(2)));
    assertThatThrownBy(() -> s.withdraw(Economics.tokens(15_000)))
        .hasMessageContaining("still locked");
    fx.chain().increaseTime(Duration.ofDays(3));
    assertThatThrownBy(() -> s.withdraw(Economics.tokens(20_000)))
        .hasMessageContaining("zero or at least the minimum");
    assertThatThrownBy(() -> s.withdraw(amount.add(BigInteger.ONE)))
        .hasMessageContaining("more than the stake");
    assertThatThrownBy(() -> Chain.send(fx.staking(op).withdraw(BigInteger.ZERO)))
        .hasMessageContaining("nothing to withdraw");
    s.withdraw(Economics.tokens(15_000)); // leaves exactly the minimum
    assertThat(s.status().amount()).isEqualTo(MIN);
    s.withdraw(MIN); // leaves nothing
    StakeStatus st = s.status();
    assertThat(st.amount()).isZero();
    assertThat(st.tokenBalance()).isEqualTo(amount);
    assertThat(Chain.call(fx.staking(op).totalStaked())).isZero();
    assertThat(
            Chain.call(fx.staking(op).eligible(st.node().orElseThrow().toHex(), BigInteger.ZERO)))
        .isFalse();
  }

  @Test
  void aNodeBacksOneOperatorAndAnOperatorOneNode() throws Exception {
    Credentials op1 = ChainFixture.account(7);
    Credentials op2 = ChainFixture.account(8);
    SecretKey nodeKey = SecretKey.random();
    Signer node = new Signer(nodeKey);
    Instant lock = fx.chain().now().plus(Duration.ofDays(30));
    Staking s1 = staking(op1, MIN.multiply(BigInteger.TWO));
    s1.deposit(node, MIN, lock);
    // op2 holds a valid binding signed by the node for op2, yet the node is taken
    Staking s2 = staking(op2, MIN);
    assertThatThrownBy(() -> s2.deposit(node, MIN, lock))
        .hasMessageContaining("bound to another operator");
    assertThatThrownBy(() -> s1.deposit(new Signer(SecretKey.random()), MIN, lock))
        .hasMessageContaining("bound to another node");
    assertThat(Chain.call(fx.staking(op1).operatorOf(ChainFixture.address(nodeKey))))
        .isEqualToIgnoringCase(op1.getAddress());
    assertThat(Chain.call(fx.staking(op1).operatorCount())).isEqualTo(BigInteger.ONE);
  }

  @Test
  void noAddressIsBothANodeAndAnotherStakesOperatorSoANodeActsForExactlyOneOperator()
      throws Exception {
    Credentials op = ChainFixture.account(9);
    SecretKey nodeKey = SecretKey.random();
    Instant lock = fx.chain().now().plus(Duration.ofDays(30));
    staking(op, MIN).deposit(new Signer(nodeKey), MIN, lock);
    String node = ChainFixture.address(nodeKey);
    assertThat(Chain.call(fx.staking(op).operatorFor(node))).isEqualToIgnoringCase(op.getAddress());
    assertThat(Chain.call(fx.staking(op).operatorFor(op.getAddress())))
        .isEqualToIgnoringCase(op.getAddress());

    // The node's own account cannot stake for a node of its own...
    Credentials nodeAccount = NodeAccount.of(nodeKey);
    assertThat(nodeAccount.getAddress()).isEqualToIgnoringCase(node);
    fx.chain().sendEth(op, node, BigInteger.TEN.pow(18));
    assertThatThrownBy(
            () -> staking(nodeAccount, MIN).deposit(new Signer(SecretKey.random()), MIN, lock))
        .hasMessageContaining("the operator is another stake's node");
    // ...and an operator cannot be bound as another stake's node, even with its own valid
    // signature.
    Credentials op2 = ChainFixture.account(10);
    Signer opAsNode =
        new Signer(
            SecretKey.fromBEBytes(
                org.web3j.utils.Numeric.toBytesPadded(op.getEcKeyPair().getPrivateKey(), 32)));
    assertThatThrownBy(() -> staking(op2, MIN).deposit(opAsNode, MIN, lock))
        .hasMessageContaining("the node is another stake's operator");
    assertThat(Chain.call(fx.staking(op).operatorCount())).isEqualTo(BigInteger.ONE);
  }

  /** Everything a reverted call could have half-written. */
  private record EscrowState(
      BigInteger serial,
      BigInteger count,
      BigInteger totalStaked,
      BigInteger issued,
      BigInteger acc,
      BigInteger stake,
      String nodeOf,
      String operatorOfNode,
      BigInteger opBalance,
      BigInteger escrowBalance,
      BigInteger allowance) {
    static EscrowState read(Credentials op, String node) throws ChainException {
      var c = fx.staking(op);
      var t = fx.token(op);
      return new EscrowState(
          Chain.call(c.changeSerial()),
          Chain.call(c.operatorCount()),
          Chain.call(c.totalStaked()),
          Chain.call(c.issued()),
          Chain.call(c.accRewardPerToken()),
          Chain.call(c.stakeOfOperator(op.getAddress())),
          Chain.call(c.nodeOf(op.getAddress())),
          Chain.call(c.operatorOf(node)),
          Chain.call(t.balanceOf(op.getAddress())),
          Chain.call(t.balanceOf(fx.deployment().staking())),
          Chain.call(t.allowance(op.getAddress(), fx.deployment().staking())));
    }
  }

  @Test
  void aRevertedCallLeavesNoPartialState() throws Exception {
    Credentials other = ChainFixture.account(10);
    staking(other, MIN)
        .deposit(new Signer(SecretKey.random()), MIN, fx.chain().now().plus(Duration.ofDays(9)));
    fx.chain()
        .increaseTime(Duration.ofDays(1)); // so a catch-up would move issued and the accumulator

    Credentials op = ChainFixture.account(9);
    SecretKey nodeKey = SecretKey.random();
    String node = ChainFixture.address(nodeKey);
    fx.fund(op.getAddress(), MIN);
    Chain.send(fx.token(op).approve(fx.deployment().staking(), MIN.subtract(BigInteger.ONE)));
    EscrowState before = EscrowState.read(op, node);
    byte[] sig =
        StakeBinding.sign(
            new Signer(nodeKey), fx.chain().chainId(), fx.deployment().staking(), op.getAddress());
    // The binding, the operator list and the catch-up are written before the token transfer fails
    // on allowance.
    assertThatThrownBy(
            () ->
                Chain.send(
                    fx.staking(op)
                        .deposit(
                            node,
                            MIN,
                            BigInteger.valueOf(fx.chain().now().getEpochSecond() + 1000),
                            java.util.Arrays.copyOfRange(sig, 0, 32),
                            java.util.Arrays.copyOfRange(sig, 32, 64))))
        .hasMessageContaining("exceeds allowance");
    assertThat(EscrowState.read(op, node)).isEqualTo(before);

    // A withdrawal that breaks the minimum rule, while a catch-up is due (issued and the
    // accumulator would move):
    // nothing moves.
    BigInteger earned = Chain.call(fx.staking(other).earned(other.getAddress()));
    fx.chain().increaseTime(Duration.ofDays(9));
    EscrowState otherLater = EscrowState.read(other, node);
    assertThatThrownBy(
            () -> new Staking(fx.chain(), fx.deployment(), other).withdraw(BigInteger.ONE))
        .hasMessageContaining("zero or at least the minimum");
    assertThat(EscrowState.read(other, node)).isEqualTo(otherLater);
    assertThat(Chain.call(fx.staking(other).earned(other.getAddress()))).isGreaterThan(earned);
  }
}
