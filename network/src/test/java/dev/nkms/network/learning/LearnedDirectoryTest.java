package dev.nkms.network.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.network.testing.TestStakes;
import dev.nkms.network.transport.NodeException;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.PeerAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Eligible nodes and waiting for them: deadlines that say what was found, and teachers' health
 * reports.
 */
class LearnedDirectoryTest extends SimulatedNetwork {
  @Test
  void awaitNodesTimesOutSayingHowManyItFound() throws Exception {
    List<Sim> all = network(5);
    all.get(3).down = true; // staked, but never reachable: nobody learns them
    all.get(4).down = true;
    converge(all, 10);
    Learner client =
        Learner.builder(registry(), transport)
            .clock(clock)
            .random(random)
            .seeds(List.of(new PeerAddress("127.0.0.1", all.get(0).metadata.port())))
            .seedFetcher(seedsByPort())
            .settings(Learner.Settings.every(ROUND))
            .build();
    assertThat(client.awaitNodes(3, T0.plusSeconds(60), Duration.ofSeconds(5))).hasSize(3);
    assertThatThrownBy(() -> client.awaitNodes(5, T0.plusSeconds(60), Duration.ofMillis(200)))
        .isInstanceOf(NotEnoughNodesKnown.class)
        .hasMessageContaining("for 5 eligible node(s) and found 3");
    // Waiting for every registered node returns what is known when the time is up.
    assertThat(client.awaitAllEligible(T0.plusSeconds(60), Duration.ofMillis(200))).hasSize(3);
    assertThat(client.registeredEligible(T0.plusSeconds(60))).isEqualTo(5);
    // Stakes locked until before the policy's end do not count.
    assertThat(client.eligible(TestStakes.FOREVER.plusSeconds(1))).isEmpty();
  }

  @Test
  void nodesMostTeachersReportUnhealthyAreNotEligible() {
    List<Sim> all = network(4);
    converge(all, 10);
    Sim bad = all.get(3);
    Learner client =
        Learner.builder(registry(), transport)
            .clock(clock)
            .random(random)
            .settings(Learner.Settings.every(ROUND))
            .build();
    all.forEach(s -> client.consider(s.metadata, false));
    for (Sim t : List.of(all.get(0), all.get(1), all.get(2))) {
      overrides.put(
          t.address(),
          new SimApi(t) {
            @Override
            public MetadataResponse learn(MetadataRequest request) throws NodeException {
              return reparse(
                  MetadataResponse.sign(
                      t.signer,
                      t.learner.fleetState(),
                      clock.instant(),
                      List.of(),
                      Optional.empty(),
                      Set.of(bad.address()),
                      random),
                  t);
            }
          });
    }
    for (int i = 0; i < 12; i++) {
      client.learnOnce(); // every teacher is asked at least once in 4 rounds (a shuffled queue)
    }
    assertThat(client.reportedUnhealthy()).containsExactly(bad.address());
    assertThat(client.eligible(T0.plusSeconds(60)))
        .extracting(e -> e.metadata().address())
        .doesNotContain(bad.address())
        .hasSize(3);
  }
}
