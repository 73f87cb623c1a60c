package dev.nkms.network.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.network.testing.TestStakes;
import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeMisbehaved;
import dev.nkms.protocol.FleetState;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PeerAddress;
import dev.nkms.registry.Stake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rounds: convergence, joining, registry gossip, moves, and teachers that lie or flood. */
class LearningLoopTest extends SimulatedNetwork {
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
    assertThat(all.get(5).learner.nextDelay())
        .isGreaterThan(before)
        .isLessThanOrEqualTo(ROUND.multipliedBy(16));
  }

  @Test
  void aJoiningNodeIsLearnedByAllWithinBoundedRounds() {
    List<Sim> all = network(8);
    converge(all, 20);
    Sim joiner = sim(8);
    joiner.learner =
        nodeLearner(joiner, List.of(new PeerAddress("127.0.0.1", all.get(3).metadata.port())))
            .build();
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
    // The newcomer holds registry serial 2, which stakes it; the others hold serial 1 and refuse it
    // at first.
    Sim newcomer = new Sim(7, "test", 10_007);
    sims.put(newcomer.address(), newcomer);
    Stake stake = TestStakes.of(newcomer.address(), 5000);
    byte[] v2 = {2};
    RegistrySync newer = new FakeSync(2, v2, d -> false);
    RegistrySync older =
        new FakeSync(
            1,
            new byte[] {1},
            d -> {
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
    newcomer.learner =
        nodeLearner(newcomer, List.of(new PeerAddress("127.0.0.1", teacher.metadata.port())))
            .sync(newer)
            .build();

    newcomer.learner.learnOnce(); // announces itself to the teacher, which cannot take it in yet
    assertThat(t.find(newcomer.address())).isEmpty();
    assertThat(t.refusals()).containsKey(Learner.Refusal.NOT_STAKED);
    Learner.Round r =
        t.learnOnce(); // asks the newcomer, gets serial 2, adopts it, and now takes it in
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
  void aTeacherThatAnswersGarbageOrFloodsStrangersNeitherGrowsMemoryNorStopsTheLoop() {
    List<Sim> all = network(4);
    Sim victim = all.get(3);
    converge(all, 10);
    Sim liar = all.get(1);
    // Garbage: the transport reports a broken answer; the round fails, the next teacher works.
    overrides.put(
        liar.address(),
        new SimApi(liar) {
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
    overrides.put(
        flooder.address(),
        new SimApi(flooder) {
          @Override
          public MetadataResponse learn(MetadataRequest request) throws NodeException {
            return reparse(
                MetadataResponse.sign(
                    flooder.signer,
                    FleetState.of(strangers),
                    clock.instant(),
                    strangers,
                    Optional.empty(),
                    Set.of(),
                    random),
                flooder);
          }
        });
    Set<Learner.Outcome> outcomes = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      outcomes.add(victim.learner.learnOnce().outcome());
    }
    assertThat(outcomes).contains(Learner.Outcome.UNREACHABLE, Learner.Outcome.NOTHING_NEW);
    assertThat(victim.learner.knownCount()).isEqualTo(3);
    assertThat(victim.learner.refusals().get(Learner.Refusal.NOT_STAKED))
        .isGreaterThanOrEqualTo(2000);

    // A bound on known nodes holds even when every flooded node is staked.
    strangers.forEach(m -> stakes.add(TestStakes.of(m.address(), 5000)));
    Learner bounded =
        nodeLearner(all.get(0), List.of())
            .settings(Learner.Settings.every(ROUND).withMaxKnown(50))
            .build();
    for (NodeMetadata m : strangers) {
      bounded.consider(m, false);
    }
    assertThat(bounded.knownCount()).isEqualTo(50);
    assertThat(bounded.refusals().get(Learner.Refusal.FULL)).isEqualTo(1950);
  }
}
