package dev.nkms.network.testing;

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
    return FixedStakes.of("test", BigInteger.ONE, nodes.stream().map(n -> new Stake(
        OperatorAddress.of(n.address().toBytes()), n.address(), BigInteger.valueOf(1000), FOREVER)).toList());
  }
}
