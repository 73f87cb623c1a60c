package dev.nkms.client.testing;

import dev.nkms.protocol.NodeMetadata;
import dev.nkms.registry.OperatorAddress;
import dev.nkms.registry.RegistryChange;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StakeRegistry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** A fixed registry for tests: every node staked {@code amount}, locked until {@code lockedUntil}, its own operator. */
public final class TestStakes implements StakeRegistry {
  public static final Instant FOREVER = Instant.parse("9999-01-01T00:00:00Z");
  private final String domain;
  private final BigInteger minimum;
  private final List<Stake> stakes;

  private TestStakes(String domain, BigInteger minimum, List<Stake> stakes) {
    this.domain = domain;
    this.minimum = minimum;
    this.stakes = stakes.stream().sorted(Comparator.comparing(Stake::node)).toList();
  }

  public static TestStakes equal(List<NodeMetadata> nodes) {
    return new TestStakes("test", BigInteger.ONE, nodes.stream().map(n -> new Stake(
        OperatorAddress.of(n.address().toBytes()), n.address(), BigInteger.valueOf(1000), FOREVER)).toList());
  }

  public static TestStakes of(String domain, BigInteger minimum, List<Stake> stakes) {
    return new TestStakes(domain, minimum, stakes);
  }

  @Override
  public String domain() {
    return domain;
  }

  @Override
  public BigInteger minimumStake() {
    return minimum;
  }

  @Override
  public List<Stake> stakes() {
    return stakes;
  }

  @Override
  public void addListener(Consumer<RegistryChange> listener) {
  }

  @Override
  public void removeListener(Consumer<RegistryChange> listener) {
  }
}
