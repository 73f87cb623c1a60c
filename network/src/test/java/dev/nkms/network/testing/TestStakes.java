package dev.nkms.network.testing;

import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.registry.FixedStakes;
import dev.nkms.registry.OperatorAddress;
import dev.nkms.registry.Stake;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** Registries for tests: every node staked alike, locked "forever", its own operator. */
public final class TestStakes {
  public static final Instant FOREVER = Instant.parse("9999-01-01T00:00:00Z");

  private TestStakes() {}

  public static FixedStakes equal(List<NodeMetadata> nodes) {
    return FixedStakes.of(
        "test", BigInteger.ONE, nodes.stream().map(n -> of(n.address(), 1000)).toList());
  }

  /** A stake of {@code amount} for {@code node}, its own operator, locked "forever". */
  public static Stake of(NodeAddress node, long amount) {
    return new Stake(OperatorAddress.of(node.toBytes()), node, BigInteger.valueOf(amount), FOREVER);
  }
}
