package dev.nkms.chain;

import dev.nkms.chain.contracts.NkmsToken;
import dev.nkms.chain.contracts.StakingEscrow;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.wire.WireFormatException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * One operator's side of the staking escrow: deposit (bound to a node that signs the binding),
 * extend the lock, withdraw, and claim rewards. Amounts are in the token's smallest unit (18
 * decimals); every call that the contract refuses throws {@link ChainException} with its reason.
 */
public final class Staking {
  private final Chain chain;
  private final Deployment deployment;
  private final Credentials operator;
  private final StakingEscrow staking;
  private final NkmsToken token;

  public Staking(Chain chain, Deployment deployment, Credentials operator) {
    this.chain = Objects.requireNonNull(chain, "chain");
    this.deployment = Objects.requireNonNull(deployment, "deployment");
    this.operator = Objects.requireNonNull(operator, "operator");
    this.staking = chain.load(StakingEscrow::load, deployment.staking(), operator);
    this.token = chain.load(NkmsToken::load, deployment.token(), operator);
  }

  public String operator() {
    return operator.getAddress();
  }

  /**
   * Approves and deposits {@code amount} from the operator's balance, locked until {@code
   * lockUntil}, bound to {@code node} (which signs the binding; later deposits must name the same
   * node). The lock is never shortened.
   */
  public TransactionReceipt deposit(Signer node, BigInteger amount, Instant lockUntil)
      throws ChainException {
    Objects.requireNonNull(node, "node");
    positive(amount);
    String nodeAddress = NodeAddress.of(node.verifyingKey()).toHex();
    byte[] sig =
        StakeBinding.sign(node, chain.chainId(), deployment.staking(), operator.getAddress());
    Chain.send(token.approve(deployment.staking(), amount));
    return Chain.send(
        staking.deposit(
            nodeAddress,
            amount,
            epochSeconds(lockUntil),
            Arrays.copyOfRange(sig, 0, 32),
            Arrays.copyOfRange(sig, 32, 64)));
  }

  /** Withdraws after the lock ended; what stays must be 0 or at least the minimum stake. */
  public TransactionReceipt withdraw(BigInteger amount) throws ChainException {
    positive(amount);
    return Chain.send(staking.withdraw(amount));
  }

  /** Moves the lock later (never earlier). */
  public TransactionReceipt extendLock(Instant lockUntil) throws ChainException {
    return Chain.send(staking.extendLock(epochSeconds(lockUntil)));
  }

  /**
   * Claims (mints to the operator) every unclaimed reward; returns how much. Refused when there is
   * none.
   */
  public BigInteger claimReward() throws ChainException {
    TransactionReceipt r = Chain.send(staking.claimReward());
    List<StakingEscrow.RewardClaimedEventResponse> events = StakingEscrow.getRewardClaimedEvents(r);
    if (events.size() != 1) {
      throw new ChainException(
          "claim " + r.getTransactionHash() + " logged " + events.size() + " RewardClaimed events");
    }
    return events.get(0).amount;
  }

  /** Rewards claimable now. */
  public BigInteger earned() throws ChainException {
    return Chain.call(staking.earned(operator.getAddress()));
  }

  /** The stake, lock, unclaimed reward and token balance, all read at the same block. */
  public StakeStatus status() throws ChainException {
    StakingEscrow at = chain.load(StakingEscrow::load, deployment.staking(), operator);
    NkmsToken tokenAt = chain.load(NkmsToken::load, deployment.token(), operator);
    DefaultBlockParameter block =
        DefaultBlockParameter.valueOf(BigInteger.valueOf(chain.blockNumber()));
    at.setDefaultBlockParameter(block);
    tokenAt.setDefaultBlockParameter(block);
    String op = operator.getAddress();
    Optional<NodeAddress> bound = boundNode(at);
    Instant lock =
        bound.isEmpty()
            ? Instant.EPOCH
            : Instant.ofEpochSecond(
                Chain.call(at.lockedUntilOfNode(bound.get().toHex())).longValueExact());
    return new StakeStatus(
        bound,
        Chain.call(at.stakeOfOperator(op)),
        lock,
        Chain.call(at.earned(op)),
        Chain.call(tokenAt.balanceOf(op)));
  }

  /**
   * Tops the bound node's ETH balance up to {@code atLeast} from the operator's: the node pays the
   * gas of its own transactions (health votes, fee withdrawals). Returns what was sent (zero if the
   * node had enough).
   */
  public BigInteger fundNode(BigInteger atLeast) throws ChainException {
    Objects.requireNonNull(atLeast, "atLeast");
    NodeAddress node =
        boundNode(staking)
            .orElseThrow(
                () ->
                    new ChainException(
                        "operator " + operator.getAddress() + " has no node bound yet"));
    BigInteger missing = atLeast.subtract(chain.balance(node.toHex()));
    if (missing.signum() <= 0) {
      return BigInteger.ZERO;
    }
    chain.sendEth(operator, node.toHex(), missing);
    return missing;
  }

  /**
   * The node the operator's stake is bound to, as {@code escrow} (possibly pinned to a block) reads
   * it.
   */
  private Optional<NodeAddress> boundNode(StakingEscrow escrow) throws ChainException {
    String node = Chain.call(escrow.nodeOf(operator.getAddress()));
    if (Chain.NO_ADDRESS.equalsIgnoreCase(node)) {
      return Optional.empty();
    }
    try {
      return Optional.of(NodeAddress.fromHex(node));
    } catch (WireFormatException e) {
      throw new ChainException("the staking contract returned a malformed node address " + node, e);
    }
  }

  private static void positive(BigInteger amount) {
    if (Objects.requireNonNull(amount, "amount").signum() <= 0) {
      throw new IllegalArgumentException("the amount must be positive: " + amount);
    }
  }

  /** The contract keeps locks as uint64 seconds. */
  private static BigInteger epochSeconds(Instant t) {
    if (Objects.requireNonNull(t, "lockUntil").getEpochSecond() < 0) {
      throw new IllegalArgumentException("a lock cannot end before 1970: " + t);
    }
    return BigInteger.valueOf(t.getEpochSecond());
  }
}
