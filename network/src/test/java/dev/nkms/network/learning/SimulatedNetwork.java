package dev.nkms.network.learning;

import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.network.testing.MutableClock;
import dev.nkms.network.testing.TestStakes;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeMisbehaved;
import dev.nkms.network.transport.NodeUnreachable;
import dev.nkms.protocol.FleetState;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PeerAddress;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationOrder;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.wire.WireFormatException;
import dev.nkms.registry.RegistryChange;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StakeRegistry;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learning loop over an in-memory network, for the learner's tests: each simulated node is a
 * real {@link Learner} in teaching mode, and learning requests travel as bytes through {@link
 * MetadataRequest}/{@link MetadataResponse} (signatures checked). The multi-process version of
 * these properties is in the CLI's end-to-end tests.
 */
abstract class SimulatedNetwork {
  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  static final Duration ROUND = Duration.ofSeconds(1);
  final RandomSource random = RandomSource.deterministicStream("learner-test");
  final MutableClock clock = new MutableClock(T0);

  /** One simulated node: keys, current metadata, and its learner. */
  final class Sim {
    final Signer signer = new Signer(SecretKey.random(random));
    final SecretKey encrypting = SecretKey.random(random);
    final int index;
    volatile NodeMetadata metadata;
    volatile boolean down;
    Learner learner;

    Sim(int index, String domain, int port) {
      this.index = index;
      this.metadata = sign(domain, port);
    }

    NodeMetadata sign(String domain, int port) {
      return NodeMetadata.sign(
          signer,
          encrypting.publicKey(),
          domain,
          "127.0.0.1",
          port,
          new byte[32],
          clock.instant(),
          random);
    }

    NodeAddress address() {
      return metadata.address();
    }
  }

  final Map<NodeAddress, Sim> sims = new ConcurrentHashMap<>();
  final Map<NodeAddress, NodeApi> overrides = new ConcurrentHashMap<>();
  final List<Stake> stakes = new java.util.concurrent.CopyOnWriteArrayList<>();

  /**
   * A live view of {@link #stakes}: tests add stakes while learners run, as a registry update
   * would.
   */
  final StakeRegistry registry =
      new StakeRegistry() {
        @Override
        public String domain() {
          return "test";
        }

        @Override
        public BigInteger minimumStake() {
          return BigInteger.valueOf(1000);
        }

        @Override
        public List<Stake> stakes() {
          return stakes.stream().sorted(java.util.Comparator.comparing(Stake::node)).toList();
        }

        @Override
        public void addListener(java.util.function.Consumer<RegistryChange> listener) {}

        @Override
        public void removeListener(java.util.function.Consumer<RegistryChange> listener) {}
      };

  Sim sim(int index) {
    Sim s = new Sim(index, "test", 10_000 + index);
    sims.put(s.address(), s);
    stakes.add(TestStakes.of(s.address(), 1000 + index));
    return s;
  }

  StakeRegistry registry() {
    return registry;
  }

  final NodeApiFactory transport =
      meta -> {
        NodeApi o = overrides.get(meta.address());
        return o != null ? o : new SimApi(sims.get(meta.address()));
      };

  Learner.SeedFetcher seedsByPort() {
    return (peer, timeout) ->
        sims.values().stream()
            .filter(s -> s.metadata.port() == peer.port() && !s.down)
            .findFirst()
            .map(s -> s.metadata)
            .orElseThrow(() -> new NodeUnreachable("nothing at " + peer));
  }

  Learner.Builder nodeLearner(Sim s, List<PeerAddress> seeds) {
    return Learner.builder(registry(), transport)
        .clock(clock)
        .random(random)
        .seeds(seeds)
        .seedFetcher(seedsByPort())
        .teaching(new Teaching(() -> s.metadata, s.signer, Set::of))
        .settings(Learner.Settings.every(ROUND));
  }

  List<Sim> network(int size) {
    List<Sim> all = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      all.add(sim(i));
    }
    PeerAddress seed = new PeerAddress("127.0.0.1", all.get(0).metadata.port());
    for (Sim s : all) {
      s.learner = nodeLearner(s, s.index == 0 ? List.of() : List.of(seed)).build();
    }
    return all;
  }

  /**
   * Rounds for everyone, in turn, until all fleet states agree; returns how many rounds each took
   * at most.
   */
  int converge(List<Sim> all, int maxRounds) {
    for (int r = 1; r <= maxRounds; r++) {
      for (Sim s : all) {
        if (!s.down) {
          s.learner.learnOnce();
        }
      }
      if (agree(all)) {
        return r;
      }
    }
    throw new AssertionError("no agreement after " + maxRounds + " rounds each");
  }

  static boolean agree(List<Sim> all) {
    Set<FleetState> states = new HashSet<>();
    all.stream().filter(s -> !s.down).forEach(s -> states.add(s.learner.fleetState()));
    return states.size() == 1;
  }

  static MetadataResponse reparse(MetadataResponse r, Sim teacher) throws NodeException {
    try {
      return MetadataResponse.fromBytes(r.toBytes(), teacher.signer.verifyingKey());
    } catch (WireFormatException e) {
      throw new NodeMisbehaved(e.getMessage(), e);
    }
  }

  /**
   * The simulated node's API: learning goes to its learner, as bytes; it is down when marked so.
   */
  class SimApi implements NodeApi {
    private final Sim sim;

    SimApi(Sim sim) {
      this.sim = sim;
    }

    @Override
    public NodeMetadata metadata() throws NodeException {
      check();
      return sim.metadata;
    }

    @Override
    public MetadataResponse learn(MetadataRequest request) throws NodeException {
      check();
      MetadataRequest received;
      try {
        received = MetadataRequest.fromBytes(request.toBytes());
      } catch (WireFormatException e) {
        throw new AssertionError(e);
      }
      return reparse(sim.learner.answer(received), sim);
    }

    private void check() throws NodeException {
      if (sim == null || sim.down) {
        throw new NodeUnreachable("down");
      }
    }

    @Override
    public void deliver(KFragDelivery delivery) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void renew(SignedPolicyTerms terms) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ReencryptionResponse reencrypt(ReencryptionRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RevocationReceipt revoke(RevocationOrder order) {
      throw new UnsupportedOperationException();
    }

    @Override
    public dev.nkms.protocol.PolicyStatus status(dev.nkms.protocol.PolicyStatusQuery query) {
      throw new UnsupportedOperationException();
    }
  }
}
