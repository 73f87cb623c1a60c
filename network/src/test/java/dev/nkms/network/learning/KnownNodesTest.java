package dev.nkms.network.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.wire.WireFormatException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The table of known nodes: what is refused, what is forgotten, what survives a restart. */
class KnownNodesTest extends SimulatedNetwork {
  @Test
  void forgedReplayedForeignUnstakedAndFutureMetadataAreRefused() throws Exception {
    List<Sim> all = network(3);
    converge(all, 10);
    Learner l = all.get(0).learner;
    Sim honest = all.get(1);
    NodeMetadata current = honest.metadata;

    // Replayed: an older version of a known node does not replace the newer one.
    NodeMetadata old =
        NodeMetadata.sign(
            honest.signer,
            honest.encrypting.publicKey(),
            "test",
            "127.0.0.1",
            1,
            new byte[32],
            T0.minusSeconds(60),
            random);
    assertThat(l.consider(old, false)).contains(Learner.Refusal.NOT_NEWER);
    assertThat(l.find(honest.address())).contains(current);

    // Another network's node, an unstaked node, and a far-future timestamp.
    Sim foreign = new Sim(90, "other-net", 10_090);
    assertThat(l.consider(foreign.metadata, false)).contains(Learner.Refusal.OTHER_DOMAIN);
    Sim stranger = new Sim(91, "test", 10_091);
    assertThat(l.consider(stranger.metadata, false)).contains(Learner.Refusal.NOT_STAKED);
    NodeMetadata future =
        NodeMetadata.sign(
            honest.signer,
            honest.encrypting.publicKey(),
            "test",
            "127.0.0.1",
            2,
            new byte[32],
            clock.instant().plus(Duration.ofHours(2)),
            random);
    assertThat(l.consider(future, false)).contains(Learner.Refusal.FROM_THE_FUTURE);
    assertThat(l.refusals())
        .containsKeys(
            Learner.Refusal.NOT_NEWER,
            Learner.Refusal.OTHER_DOMAIN,
            Learner.Refusal.NOT_STAKED,
            Learner.Refusal.FROM_THE_FUTURE);

    // Forged: metadata whose signature does not verify never parses, so it never reaches the
    // learner.
    byte[] forged = current.toBytes();
    forged[forged.length - 5] ^= 1;
    assertThatThrownBy(() -> NodeMetadata.fromBytes(forged))
        .isInstanceOf(WireFormatException.class);
    assertThat(l.knownCount()).isEqualTo(2);
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
    assertThat(strict.find(gone.address()))
        .as("failures alone are not enough: it answered recently")
        .isPresent();
    clock.advance(Duration.ofMinutes(6));
    assertThat(strict.live(gone.metadata)).isEmpty();
    assertThat(strict.find(gone.address())).isEmpty();
    assertThat(l.find(gone.address())).as("another learner is unaffected").isPresent();
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
}
