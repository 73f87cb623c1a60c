package dev.nkms.registry;

import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who the nodes of one network are and what they stake. Implementations: {@link FederatedRegistry}
 * (a node list with stakes signed by the federation's keys, the embedded default) and the Ethereum
 * staking contract (module {@code chain}). A node is eligible for a policy if its stake is at least
 * {@link #minimumStake()} and stays locked until the policy ends ({@link Stake#eligible}).
 */
public interface StakeRegistry {
  /** The network this registry describes; metadata of another domain is refused. */
  String domain();

  /** {@code s_min}: below this a node is not eligible. */
  BigInteger minimumStake();

  /** Every registered stake, in node-address order. */
  List<Stake> stakes();

  default Optional<Stake> stake(NodeAddress node) {
    return stakes().stream().filter(s -> s.node().equals(node)).findFirst();
  }

  /** Stakes eligible for a policy running until {@code through}, in node-address order. */
  default List<Stake> eligible(Instant through) {
    BigInteger min = minimumStake();
    return stakes().stream().filter(s -> s.eligible(min, through)).toList();
  }

  /**
   * Calls {@code listener} after every change, on the thread that made it; listeners must not
   * block.
   */
  void addListener(Consumer<RegistryChange> listener);

  void removeListener(Consumer<RegistryChange> listener);
}
