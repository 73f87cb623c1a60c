package dev.nkms.registry;

import dev.nkms.protocol.NetworkDomain;
import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A registry that never changes, for tests and embedding: listeners are accepted and never called.
 */
public final class FixedStakes implements StakeRegistry {
  private final String domain;
  private final BigInteger minimumStake;
  private final List<Stake> stakes;
  private final Map<NodeAddress, Stake> byNode;

  private FixedStakes(String domain, BigInteger minimumStake, List<Stake> stakes) {
    this.domain = domain;
    this.minimumStake = minimumStake;
    this.stakes = stakes;
    this.byNode = new HashMap<>();
    for (Stake s : stakes) {
      byNode.put(s.node(), s);
    }
  }

  /** {@code stakes} in any order, each node once. */
  public static FixedStakes of(String domain, BigInteger minimumStake, Collection<Stake> stakes) {
    NetworkDomain.check(domain);
    if (minimumStake.signum() < 0) {
      throw new IllegalArgumentException("the minimum stake cannot be negative: " + minimumStake);
    }
    List<Stake> sorted = new ArrayList<>(stakes);
    sorted.forEach(Objects::requireNonNull);
    sorted.sort(Comparator.comparing(Stake::node));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).node().equals(sorted.get(i).node())) {
        throw new IllegalArgumentException("node " + sorted.get(i).node() + " is listed twice");
      }
    }
    return new FixedStakes(domain, minimumStake, List.copyOf(sorted));
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
    return stakes;
  }

  @Override
  public Optional<Stake> stake(NodeAddress node) {
    return Optional.ofNullable(byNode.get(node));
  }

  @Override
  public void addListener(Consumer<RegistryChange> listener) {
    Objects.requireNonNull(listener);
  }

  @Override
  public void removeListener(Consumer<RegistryChange> listener) {}
}
