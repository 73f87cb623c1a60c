package dev.nkms.client.testing;

import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.NodeSelector;
import dev.nkms.client.bob.Bob;
import dev.nkms.client.bob.RetrievalOptions;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.testing.FakeNetwork;
import dev.nkms.network.testing.FakeNode;
import dev.nkms.network.testing.MutableClock;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A fake network with an Alice and a Bob on a hand-driven clock. */
public final class World {
  public static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

  public final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  public final RandomSource random = RandomSource.secure();
  public final FakeNetwork network;
  public final AliceKeys aliceKeys = AliceKeys.random(random);
  public final BobKeys bobKeys = BobKeys.random(random);
  public final Alice alice;
  public final Bob bob;

  public World(int nodes) {
    this(nodes, NodeSelector.uniform(), NODE_TIMEOUT);
  }

  public World(int nodes, NodeSelector selector, Duration aliceTimeout) {
    this.network = new FakeNetwork(nodes, clock);
    this.alice =
        new Alice(
            aliceKeys,
            network.directory(),
            network.factory(),
            clock,
            random,
            aliceTimeout,
            selector);
    this.bob = bob(bobKeys, RetrievalOptions.defaults().withPerNodeTimeout(NODE_TIMEOUT));
  }

  public Bob bob(BobKeys keys, RetrievalOptions options) {
    return bob(keys, options, random);
  }

  public Bob bob(BobKeys keys, RetrievalOptions options, RandomSource bobsRandom) {
    return new Bob(keys, network.directory(), network.factory(), clock, bobsRandom, options);
  }

  public Instant days(int n) {
    return clock.instant().plus(Duration.ofDays(n));
  }

  /** Registry nodes in registry (address) order. */
  public List<NodeMetadata> registryNodes() {
    return network.nodes();
  }

  public FakeNode registryNode(int i) {
    return network.node(registryNodes().get(i).address());
  }

  /** Picks the first nodes offered: makes which nodes a grant tries predictable. */
  public static NodeSelector inOrder() {
    return (candidates, count, random) -> List.copyOf(candidates.subList(0, count));
  }
}
