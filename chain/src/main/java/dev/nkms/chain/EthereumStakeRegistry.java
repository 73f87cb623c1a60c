package dev.nkms.chain;

import dev.nkms.chain.contracts.StakingEscrow;
import dev.nkms.protocol.NetworkDomain;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.wire.WireFormatException;
import dev.nkms.registry.FixedStakes;
import dev.nkms.registry.OperatorAddress;
import dev.nkms.registry.RegistryChange;
import dev.nkms.registry.RegistryListeners;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StakeRegistry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tx.ReadonlyTransactionManager;

/**
 * The {@link StakeRegistry} of the Ethereum staking escrow: a snapshot of all stakes read at one
 * block, re-read by {@link #refresh} only when the contract's {@code changeSerial} moved. Stakes
 * with no node or nothing staked (fully withdrawn or slashed away) are not part of the view.
 * Amounts are in the token's smallest unit (18 decimals). Readers see an immutable snapshot (one
 * volatile read), so lookups never block.
 */
public final class EthereumStakeRegistry implements StakeRegistry {
  /**
   * Stakes per {@code stakes(offset, limit)} call: keeps each eth_call well within a node's gas
   * cap.
   */
  static final int PAGE = 200;

  private final int pageSize;

  private final Chain chain;
  private final String stakingAddress;
  private final String domain;
  private final BigInteger minimumStake;
  private final Object refreshLock = new Object();
  private final RegistryListeners listeners = new RegistryListeners();
  private volatile Snapshot current;

  /**
   * The stakes read at one block (sorted and indexed by node) and the change serial they were read
   * at.
   */
  private record Snapshot(BigInteger serial, FixedStakes stakes) {}

  private EthereumStakeRegistry(
      Chain chain,
      String stakingAddress,
      String domain,
      BigInteger minimumStake,
      int pageSize,
      Snapshot first) {
    this.chain = chain;
    this.pageSize = pageSize;
    this.stakingAddress = stakingAddress;
    this.domain = domain;
    this.minimumStake = minimumStake;
    this.current = first;
  }

  /** Reads the domain, s_min and every stake of {@code deployment}'s staking contract. */
  public static EthereumStakeRegistry open(Chain chain, Deployment deployment)
      throws ChainException {
    return open(chain, deployment, PAGE);
  }

  /**
   * As {@link #open(Chain, Deployment)}, reading {@code pageSize} stakes per call (tests use small
   * pages).
   */
  static EthereumStakeRegistry open(Chain chain, Deployment deployment, int pageSize)
      throws ChainException {
    if (pageSize < 1) {
      throw new IllegalArgumentException("a page holds at least one stake: " + pageSize);
    }
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(deployment, "deployment");
    StakingEscrow c = readAt(chain, deployment.staking(), chain.blockNumber());
    String domain = Chain.call(c.domain());
    if (!NetworkDomain.isValid(domain) || !domain.equals(deployment.domain())) {
      throw new ChainException(
          "the staking contract at "
              + deployment.staking()
              + " serves domain '"
              + domain
              + "', the deployment names '"
              + deployment.domain()
              + "'");
    }
    BigInteger minimum = Chain.call(c.minimumStake());
    return new EthereumStakeRegistry(
        chain, deployment.staking(), domain, minimum, pageSize, read(c, domain, minimum, pageSize));
  }

  /**
   * Re-reads the stakes if the contract's change serial moved since the last read; then the
   * listeners get the change (empty if the moves cancelled out, e.g. a stake added and withdrawn in
   * between) before this returns. Returns whether the serial moved. A listener that throws does not
   * undo the refresh or stop the other listeners; the first exception is rethrown after all of them
   * ran.
   */
  public boolean refresh() throws ChainException {
    synchronized (refreshLock) {
      StakingEscrow c = readAt(chain, stakingAddress, chain.blockNumber());
      if (Chain.call(c.changeSerial()).equals(current.serial())) {
        return false; // the common case: one cheap call per refresh
      }
      Snapshot old = current;
      Snapshot now = read(c, domain, minimumStake, pageSize);
      current = now;
      // Notified under the lock so that listeners see changes in the order they were read.
      listeners.announce(RegistryChange.between(old.stakes().stakes(), now.stakes().stakes()));
      return true;
    }
  }

  /** The contract's change serial of the current snapshot. */
  public BigInteger changeSerial() {
    return current.serial();
  }

  /**
   * A read-only handle whose calls all see block {@code block}, so one snapshot never mixes two
   * states.
   */
  private static StakingEscrow readAt(Chain chain, String address, long block) {
    StakingEscrow c =
        StakingEscrow.load(
            address,
            chain.web3j(),
            new ReadonlyTransactionManager(chain.web3j(), Chain.NO_ADDRESS),
            chain.gas());
    c.setDefaultBlockParameter(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
    return c;
  }

  private static Snapshot read(StakingEscrow c, String domain, BigInteger minimum, int pageSize)
      throws ChainException {
    BigInteger serial = Chain.call(c.changeSerial());
    long count = Chain.call(c.operatorCount()).longValueExact();
    List<Stake> stakes = new ArrayList<>();
    for (long offset = 0; offset < count; offset += pageSize) {
      Tuple4<List<String>, List<String>, List<BigInteger>, List<BigInteger>> page =
          Chain.call(c.stakes(BigInteger.valueOf(offset), BigInteger.valueOf(pageSize)));
      for (int i = 0; i < page.component1().size(); i++) {
        String node = page.component2().get(i);
        BigInteger amount = page.component3().get(i);
        if (Chain.NO_ADDRESS.equalsIgnoreCase(node) || amount.signum() == 0) {
          continue;
        }
        try {
          stakes.add(
              new Stake(
                  OperatorAddress.fromHex(page.component1().get(i)),
                  NodeAddress.fromHex(node),
                  amount,
                  Instant.ofEpochSecond(page.component4().get(i).longValueExact())));
        } catch (WireFormatException | IllegalArgumentException | ArithmeticException e) {
          throw new ChainException(
              "the staking contract returned a malformed stake: " + e.getMessage(), e);
        }
      }
    }
    try {
      return new Snapshot(serial, FixedStakes.of(domain, minimum, stakes));
    } catch (
        IllegalArgumentException e) { // a node twice: the contract binds each node to one operator
      throw new ChainException(
          "the staking contract returned an inconsistent registry: " + e.getMessage(), e);
    }
  }

  @Override
  public String domain() {
    return domain;
  }

  @Override
  public BigInteger minimumStake() {
    return minimumStake;
  }

  @Override
  public List<Stake> stakes() {
    return current.stakes().stakes();
  }

  @Override
  public Optional<Stake> stake(NodeAddress node) {
    return current.stakes().stake(node);
  }

  @Override
  public void addListener(Consumer<RegistryChange> listener) {
    listeners.add(listener);
  }

  @Override
  public void removeListener(Consumer<RegistryChange> listener) {
    listeners.remove(listener);
  }

  @Override
  public String toString() {
    return "EthereumStakeRegistry["
        + domain
        + " at "
        + stakingAddress
        + ", "
        + current.stakes().stakes().size()
        + " stakes, serial "
        + current.serial()
        + "]";
  }
}
