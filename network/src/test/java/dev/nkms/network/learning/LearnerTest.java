package dev.nkms.network.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.network.testing.MutableClock;
import dev.nkms.network.testing.TestStakes;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeMisbehaved;
import dev.nkms.network.transport.NodeUnreachable;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
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
import dev.nkms.registry.OperatorAddress;
import dev.nkms.registry.RegistryChange;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StakeRegistry;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning loop over an in-memory network: each simulated node is a real {@link Learner} in teaching mode, and
 * learning requests travel as bytes through {@link MetadataRequest}/{@link MetadataResponse} (signatures checked).
 * The multi-process version of these properties is in the CLI's end-to-end tests.
 */
class LearnerTest {
  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final Duration ROUND = Duration.ofSeconds(1);
  private final RandomSource random = RandomSource.deterministicStream("learner-test");
  private final MutableClock clock = new MutableClock(T0);

  /** One simulated node: keys, current metadata, and its learner. */
  private final class Sim {
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
      return NodeMetadata.sign(signer, encrypting.publicKey(), domain, "127.0.0.1", port, new byte[32],
          clock.instant(), random);
    }

    NodeAddress address() {
      return metadata.address();
    }
  }

  private final Map<NodeAddress, Sim> sims = new ConcurrentHashMap<>();
  private final Map<NodeAddress, NodeApi> overrides = new ConcurrentHashMap<>();
  private final List<Stake> stakes = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** A live view of {@link #stakes}: tests add stakes while learners run, as a registry update would. */
  private final StakeRegistry registry = new StakeRegistry() {
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
    public void addListener(java.util.function.Consumer<RegistryChange> listener) {
    }

    @Override
    public void removeListener(java.util.function.Consumer<RegistryChange> listener) {
    }
  };

  private Sim sim(int index) {
    Sim s = new Sim(index, "test", 10_000 + index);
    sims.put(s.address(), s);
    stakes.add(new Stake(OperatorAddress.of(s.address().toBytes()), s.address(), BigInteger.valueOf(1000 + index),
        TestStakes.FOREVER));
    return s;
  }

  private StakeRegistry registry() {
    return registry;
  }

  private final NodeApiFactory transport = meta -> {
    NodeApi o = overrides.get(meta.address());
    return o != null ? o : new SimApi(sims.get(meta.address()));
  };

  private Learner.SeedFetcher seedsByPort() {
    return (peer, timeout) -> sims.values().stream().filter(s -> s.metadata.port() == peer.port() && !s.down)
        .findFirst().map(s -> s.metadata)
        .orElseThrow(() -> new NodeUnreachable("nothing at " + peer));
  }

  private Learner.Builder nodeLearner(Sim s, List<PeerAddress> seeds) {
    return Learner.builder(registry(), transport).clock(clock).random(random).seeds(seeds).seedFetcher(seedsByPort())
        .teaching(new Teaching(() -> s.metadata, s.signer, Set::of)).settings(Learner.Settings.every(ROUND));
  }

  private List<Sim> network(int size) {
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

  /** Rounds for everyone, in turn, until all fleet states agree; returns how many rounds each took at most. */
  private int converge(List<Sim> all, int maxRounds) {
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

  private static boolean agree(List<Sim> all) {
    Set<FleetState> states = new HashSet<>();
    all.stream().filter(s -> !s.down).forEach(s -> states.add(s.learner.fleetState()));
    return states.size() == 1;
  }

  @Test
  void tenNodesConvergeToOneFleetStateFromASingleSeed() {
    List<Sim> all = network(10);
    int rounds = converge(all, 20);
    for (Sim s : all) {
      assertThat(s.learner.knownCount()).as("node %d knows the other nine", s.index).isEqualTo(9);
      assertThat(s.learner.find(s.address())).as("a node does not list itself").isEmpty();
    }
    assertThat(all.get(0).learner.fleetState().population()).isEqualTo(10);
    assertThat(rounds).isLessThanOrEqualTo(6);
    // Once converged, teachers answer "same" and rounds back off.
    Learner.Round r = all.get(5).learner.learnOnce();
    assertThat(r.outcome()).isEqualTo(Learner.Outcome.SAME);
    Duration before = all.get(5).learner.nextDelay();
    all.get(5).learner.learnOnce();
    assertThat(all.get(5).learner.nextDelay()).isGreaterThan(before).isLessThanOrEqualTo(ROUND.multipliedBy(16));
  }

  @Test
  void aJoiningNodeIsLearnedByAllWithinBoundedRounds() {
    List<Sim> all = network(8);
    converge(all, 20);
    Sim joiner = sim(8);
    joiner.learner = nodeLearner(joiner, List.of(new PeerAddress("127.0.0.1", all.get(3).metadata.port()))).build();
    List<Sim> grown = new ArrayList<>(all);
    grown.add(joiner);
    assertThat(joiner.learner.learnOnce().outcome()).isEqualTo(Learner.Outcome.LEARNED);
    assertThat(joiner.learner.nextDelay()).as("learning resets the back-off").isEqualTo(ROUND);
    int rounds = converge(grown, 20);
    assertThat(rounds).isLessThanOrEqualTo(6);
    for (Sim s : all) {
      assertThat(s.learner.find(joiner.address())).contains(joiner.metadata);
    }
    assertThat(joiner.learner.knownCount()).isEqualTo(8);
  }

  @Test
  void aNewerRegistryReachesANodeThroughTheNewcomerItStakes() {
    List<Sim> all = network(3);
    converge(all, 10);
    Sim teacher = all.get(0);
    // The newcomer holds registry serial 2, which stakes it; the others hold serial 1 and refuse it at first.
    Sim newcomer = new Sim(7, "test", 10_007);
    sims.put(newcomer.address(), newcomer);
    Stake stake = new Stake(OperatorAddress.of(newcomer.address().toBytes()), newcomer.address(),
        BigInteger.valueOf(5000), TestStakes.FOREVER);
    byte[] v2 = {2};
    RegistrySync newer = new FakeSync(2, v2, d -> false);
    RegistrySync older = new FakeSync(1, new byte[] {1}, d -> {
      if (java.util.Arrays.equals(d, v2)) {
        stakes.add(stake); // what adopting serial 2 does to the registry
        return true;
      }
      return false;
    });
    Learner t = nodeLearner(teacher, List.of()).sync(older).build();
    all.forEach(s -> t.consider(s.metadata, false));
    sims.put(teacher.address(), teacher);
    teacher.learner = t;
    newcomer.learner = nodeLearner(newcomer, List.of(new PeerAddress("127.0.0.1", teacher.metadata.port())))
        .sync(newer).build();

    newcomer.learner.learnOnce(); // announces itself to the teacher, which cannot take it in yet
    assertThat(t.find(newcomer.address())).isEmpty();
    assertThat(t.refusals()).containsKey(Learner.Refusal.NOT_STAKED);
    Learner.Round r = t.learnOnce(); // asks the newcomer, gets serial 2, adopts it, and now takes it in
    assertThat(r.teacher()).contains(newcomer.address());
    assertThat(r.outcome()).isEqualTo(Learner.Outcome.LEARNED);
    assertThat(t.find(newcomer.address())).contains(newcomer.metadata);
  }

  /** A registry document source with a fixed serial; {@code offer} decides adoption. */
  private record FakeSync(long serial, byte[] doc, java.util.function.Predicate<byte[]> onOffer)
      implements RegistrySync {
    @Override
    public Optional<byte[]> document() {
      return Optional.of(doc);
    }

    @Override
    public boolean offer(byte[] document) {
      return onOffer.test(document);
    }
  }

  @Test
  void aNodeThatChangesPortIsRelearnedUnderTheSameIdentity() {
    List<Sim> all = network(5);
    converge(all, 20);
    Sim mover = all.get(2);
    clock.advance(Duration.ofSeconds(30));
    mover.metadata = mover.sign("test", 20_002);
    mover.learner.selfChanged();
    converge(all, 20);
    for (Sim s : all) {
      if (s != mover) {
        assertThat(s.learner.find(mover.address()).orElseThrow().port()).isEqualTo(20_002);
        assertThat(s.learner.knownCount()).isEqualTo(4);
      }
    }
  }

  @Test
  void forgedReplayedForeignUnstakedAndFutureMetadataAreRefused() throws Exception {
    List<Sim> all = network(3);
    converge(all, 10);
    Learner l = all.get(0).learner;
    Sim honest = all.get(1);
    NodeMetadata current = honest.metadata;

    // Replayed: an older version of a known node does not replace the newer one.
    NodeMetadata old = NodeMetadata.sign(honest.signer, honest.encrypting.publicKey(), "test", "127.0.0.1", 1,
        new byte[32], T0.minusSeconds(60), random);
    assertThat(l.consider(old, false)).contains(Learner.Refusal.NOT_NEWER);
    assertThat(l.find(honest.address())).contains(current);

    // Another network's node, an unstaked node, and a far-future timestamp.
    Sim foreign = new Sim(90, "other-net", 10_090);
    assertThat(l.consider(foreign.metadata, false)).contains(Learner.Refusal.OTHER_DOMAIN);
    Sim stranger = new Sim(91, "test", 10_091);
    assertThat(l.consider(stranger.metadata, false)).contains(Learner.Refusal.NOT_STAKED);
    NodeMetadata future = NodeMetadata.sign(honest.signer, honest.encrypting.publicKey(), "test", "127.0.0.1", 2,
        new byte[32], clock.instant().plus(Duration.ofHours(2)), random);
    assertThat(l.consider(future, false)).contains(Learner.Refusal.FROM_THE_FUTURE);
    assertThat(l.refusals()).containsKeys(Learner.Refusal.NOT_NEWER, Learner.Refusal.OTHER_DOMAIN,
        Learner.Refusal.NOT_STAKED, Learner.Refusal.FROM_THE_FUTURE);

    // Forged: metadata whose signature does not verify never parses, so it never reaches the learner.
    byte[] forged = current.toBytes();
    forged[forged.length - 5] ^= 1;
    assertThatThrownBy(() -> NodeMetadata.fromBytes(forged)).isInstanceOf(WireFormatException.class);
    assertThat(l.knownCount()).isEqualTo(2);
  }

  @Test
  void aTeacherThatAnswersGarbageOrFloodsStrangersNeitherGrowsMemoryNorStopsTheLoop() {
    List<Sim> all = network(4);
    Sim victim = all.get(3);
    converge(all, 10);
    Sim liar = all.get(1);
    // Garbage: the transport reports a broken answer; the round fails, the next teacher works.
    overrides.put(liar.address(), new SimApi(liar) {
      @Override
      public MetadataResponse learn(MetadataRequest request) throws NodeException {
        throw new NodeMisbehaved("answered with 3 MB of noise");
      }
    });
    // Flood: a validly signed answer listing 2,000 self-signed nodes nobody staked.
    Sim flooder = all.get(2);
    List<NodeMetadata> strangers = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      strangers.add(new Sim(1000 + i, "test", 30_000 + i).metadata);
    }
    overrides.put(flooder.address(), new SimApi(flooder) {
      @Override
      public MetadataResponse learn(MetadataRequest request) throws NodeException {
        return reparse(MetadataResponse.sign(flooder.signer, FleetState.of(strangers), clock.instant(), strangers,
            Optional.empty(), Set.of(), random), flooder);
      }
    });
    Set<Learner.Outcome> outcomes = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      outcomes.add(victim.learner.learnOnce().outcome());
    }
    assertThat(outcomes).contains(Learner.Outcome.UNREACHABLE, Learner.Outcome.NOTHING_NEW);
    assertThat(victim.learner.knownCount()).isEqualTo(3);
    assertThat(victim.learner.refusals().get(Learner.Refusal.NOT_STAKED)).isGreaterThanOrEqualTo(2000);

    // A bound on known nodes holds even when every flooded node is staked.
    strangers.forEach(m -> stakes.add(new Stake(OperatorAddress.of(m.address().toBytes()), m.address(),
        BigInteger.valueOf(5000), TestStakes.FOREVER)));
    Learner bounded = nodeLearner(all.get(0), List.of()).settings(Learner.Settings.every(ROUND).withMaxKnown(50))
        .build();
    for (NodeMetadata m : strangers) {
      bounded.consider(m, false);
    }
    assertThat(bounded.knownCount()).isEqualTo(50);
    assertThat(bounded.refusals().get(Learner.Refusal.FULL)).isEqualTo(1950);
  }

  @Test
  void aNodeThatStaysUnreachableIsForgottenAndDroppedFromTheFleetState() {
    List<Sim> all = network(4);
    converge(all, 10);
    Sim gone = all.get(2);
    gone.down = true;
    Learner l = all.get(0).learner;
    Learner.Settings s = Learner.Settings.every(ROUND).withForgetting(3, Duration.ofMinutes(5));
    Learner strict = nodeLearner(all.get(0), List.of()).settings(s).build();
    strict.consider(gone.metadata, false);
    for (int i = 0; i < 5; i++) {
      assertThat(strict.live(gone.metadata)).isEmpty();
    }
    assertThat(strict.find(gone.address())).as("failures alone are not enough: it answered recently").isPresent();
    clock.advance(Duration.ofMinutes(6));
    assertThat(strict.live(gone.metadata)).isEmpty();
    assertThat(strict.find(gone.address())).isEmpty();
    assertThat(l.find(gone.address())).as("another learner is unaffected").isPresent();
  }

  @Test
  void liveCheckBeforeFirstUseComparesTheServedMetadata() {
    List<Sim> all = network(3);
    converge(all, 10);
    Learner l = all.get(0).learner;
    Sim other = all.get(1);
    assertThat(l.live(other.metadata)).contains(other.metadata);
    // An impostor serving metadata of another node under the pin: refused.
    Sim third = all.get(2);
    overrides.put(other.address(), new SimApi(other) {
      @Override
      public NodeMetadata metadata() {
        return third.metadata;
      }
    });
    clock.advance(Duration.ofHours(1)); // past the cached verification
    assertThat(l.live(other.metadata)).isEmpty();
  }

  @Test
  void awaitNodesTimesOutSayingHowManyItFound() throws Exception {
    List<Sim> all = network(5);
    all.get(3).down = true; // staked, but never reachable: nobody learns them
    all.get(4).down = true;
    converge(all, 10);
    Learner client = Learner.builder(registry(), transport).clock(clock).random(random)
        .seeds(List.of(new PeerAddress("127.0.0.1", all.get(0).metadata.port()))).seedFetcher(seedsByPort())
        .settings(Learner.Settings.every(ROUND)).build();
    assertThat(client.awaitNodes(3, T0.plusSeconds(60), Duration.ofSeconds(5))).hasSize(3);
    assertThatThrownBy(() -> client.awaitNodes(5, T0.plusSeconds(60), Duration.ofMillis(200)))
        .isInstanceOf(NotEnoughNodesKnown.class).hasMessageContaining("for 5 eligible node(s) and found 3");
    // Waiting for every registered node returns what is known when the time is up.
    assertThat(client.awaitAllEligible(T0.plusSeconds(60), Duration.ofMillis(200))).hasSize(3);
    assertThat(client.registeredEligible(T0.plusSeconds(60))).isEqualTo(5);
    // Stakes locked until before the policy's end do not count.
    assertThat(client.eligible(TestStakes.FOREVER.plusSeconds(1))).isEmpty();
  }

  @Test
  void knownNodesSurviveARestart(@TempDir Path dir) {
    List<Sim> all = network(4);
    converge(all, 10);
    Path file = dir.resolve("known-nodes");
    Learner first = nodeLearner(all.get(1), List.of()).store(file).build();
    all.forEach(s -> first.consider(s.metadata, false));
    first.learnOnce();
    first.close();
    Learner second = nodeLearner(all.get(1), List.of()).store(file).build();
    assertThat(second.knownCount()).isEqualTo(3);
    assertThat(second.fleetState()).isEqualTo(first.fleetState());
  }

  @Test
  void nodesMostTeachersReportUnhealthyAreNotEligible() {
    List<Sim> all = network(4);
    converge(all, 10);
    Sim bad = all.get(3);
    Learner client = Learner.builder(registry(), transport).clock(clock).random(random)
        .settings(Learner.Settings.every(ROUND)).build();
    all.forEach(s -> client.consider(s.metadata, false));
    for (Sim t : List.of(all.get(0), all.get(1), all.get(2))) {
      overrides.put(t.address(), new SimApi(t) {
        @Override
        public MetadataResponse learn(MetadataRequest request) throws NodeException {
          return reparse(MetadataResponse.sign(t.signer, t.learner.fleetState(), clock.instant(), List.of(),
              Optional.empty(), Set.of(bad.address()), random), t);
        }
      });
    }
    for (int i = 0; i < 12; i++) {
      client.learnOnce(); // every teacher is asked at least once in 4 rounds (a shuffled queue)
    }
    assertThat(client.reportedUnhealthy()).containsExactly(bad.address());
    assertThat(client.eligible(T0.plusSeconds(60))).extracting(e -> e.metadata().address())
        .doesNotContain(bad.address()).hasSize(3);
  }

  private static MetadataResponse reparse(MetadataResponse r, Sim teacher) throws NodeException {
    try {
      return MetadataResponse.fromBytes(r.toBytes(), teacher.signer.verifyingKey());
    } catch (WireFormatException e) {
      throw new NodeMisbehaved(e.getMessage(), e);
    }
  }

  /** The simulated node's API: learning goes to its learner, as bytes; it is down when marked so. */
  private class SimApi implements NodeApi {
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
