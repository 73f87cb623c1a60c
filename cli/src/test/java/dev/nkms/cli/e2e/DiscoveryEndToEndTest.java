package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.client.connect.NetworkDirectory;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.http.NodeStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery on a real loopback network: ten node processes that know only node-1 at start converge
 * on one fleet state; an eleventh node, staked by a registry update only it holds, is learned by
 * all (and so is the update); a node that comes back on another port is re-learned under the same
 * identity. Bounds are generous wall-clock limits on conditions polled from the nodes' status;
 * learning rounds run every 500 ms.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DiscoveryEndToEndTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  @TempDir static Path dir;
  private static LocalNetwork network;

  @BeforeAll
  static void startNetwork() throws Exception {
    network = TestNetworks.start(dir.resolve("network"), 10);
  }

  @AfterAll
  static void stopNetwork() throws IOException {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  @Test
  @Order(1)
  void tenNodesConvergeToOneFleetStateFromASingleSeed() throws Exception {
    Map<NodeAddress, NodeStatus> s = awaitStatuses("ten nodes agree", all -> agree(all, 10));
    assertThat(s).hasSize(10);
    for (NodeStatus status : s.values()) {
      assertThat(status.network().knownNodes()).isEqualTo(9);
      assertThat(status.domain()).isEqualTo(LocalNetwork.DOMAIN);
      assertThat(status.stake()).isGreaterThanOrEqualTo(LocalNetwork.MINIMUM_STAKE);
    }
  }

  @Test
  @Order(2)
  void aJoiningNodeIsLearnedByAllWithinBoundedTime() throws Exception {
    long serialBefore = network.registry().serial();
    Instant start = Instant.now();
    int joiner = network.join(TestNetworks.START_TIMEOUT, line -> {});
    NodeAddress address = latest().get(joiner - 1).address();
    awaitStatuses("all eleven know the joiner", all -> agree(all, 11));
    assertThat(Duration.between(start, Instant.now())).isLessThan(CONVERGE);
    // The registry update that staked it reached the others only through the learning loop.
    assertThat(network.registry().serial()).isEqualTo(serialBefore + 1);
    for (int i = 1; i <= 10; i++) {
      assertThat(
              java.nio.file.Files.readAllBytes(
                  network.nodeDir(i).resolve(NetworkDirectory.REGISTRY)))
          .as("node-%d adopted the new registry", i)
          .isEqualTo(
              java.nio.file.Files.readAllBytes(network.dir().resolve(NetworkDirectory.REGISTRY)));
    }
    assertThat(address).isNotNull();
  }

  @Test
  @Order(3)
  void aNodeThatChangesPortIsRelearnedUnderTheSameIdentity() throws Exception {
    int moved = 4;
    NodeMetadata before = latest().get(moved - 1);
    assertThat(network.kill(moved)).isTrue();
    int port = network.movePort(moved);
    NodeMetadata after = network.restart(moved, TestNetworks.START_TIMEOUT, Map.of());
    assertThat(after.address()).isEqualTo(before.address());
    assertThat(after.port()).isEqualTo(port).isNotEqualTo(before.port());
    awaitStatuses(
        "everyone knows node-" + moved + " at its new port",
        all ->
            agree(all, 11)
                && all.values().stream()
                    .allMatch(
                        st ->
                            st.address().equals(after.address())
                                || knownPort(st, after.address()) == port));
  }

  @Test
  @Order(4)
  void peersHealthChecksCatchANodeThatStopsReencryptingCorrectlyAndClientsSkipIt()
      throws Exception {
    int cheat = 5;
    NodeAddress cheater = latest().get(cheat - 1).address();
    assertThat(network.kill(cheat)).isTrue();
    Instant cheatingSince = Instant.now();
    network.restart(cheat, TestNetworks.START_TIMEOUT, Map.of("NKMS_DEV_FAULT", "corrupt-cfrags"));
    // Every node checks its peers every 20 s (LocalNetwork's setting); wait for most of them to
    // have judged it.
    awaitStatuses(
        "most peers judge node-" + cheat + " unhealthy",
        all ->
            all.values().stream().filter(st -> verdict(st, cheater).equals("unhealthy")).count()
                > all.size() / 2);
    Map<NodeAddress, NodeStatus> all = awaitStatuses("statuses", x -> x.size() == 11);
    for (NodeStatus st : all.values()) {
      // A peer that last checked it before it started cheating may still say healthy; none that
      // checked since.
      if (checkedAt(st, cheater).isAfter(cheatingSince)) {
        assertThat(verdict(st, cheater))
            .as("no peer that checked the cheater finds it healthy")
            .isEqualTo("unhealthy");
      }
    }
    // A client learns the verdicts from its teachers and no longer offers the cheater to Alice.
    try (var client = dev.nkms.client.connect.ClientNetwork.open(network.dir())) {
      Instant deadline = Instant.now().plus(CONVERGE);
      while (!client.reportedUnhealthy().contains(cheater) && Instant.now().isBefore(deadline)) {
        client.learnOnce();
      }
      assertThat(client.reportedUnhealthy()).contains(cheater);
      assertThat(client.eligible(Instant.now().plus(Duration.ofDays(1))))
          .extracting(e -> e.metadata().address())
          .doesNotContain(cheater)
          .hasSize(10);
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private static Instant checkedAt(NodeStatus status, NodeAddress node) {
    NodeStatus.PeerHealth record = status.health().get(node);
    return record != null ? record.checkedAt() : Instant.EPOCH;
  }

  private static String verdict(NodeStatus status, NodeAddress node) {
    NodeStatus.PeerHealth record = status.health().get(node);
    return record != null ? record.verdict().wire() : "none";
  }

  /** The newest metadata of every node started, in index order. */
  private static List<NodeMetadata> latest() throws IOException {
    Map<NodeAddress, NodeMetadata> byAddress = new java.util.LinkedHashMap<>();
    for (NodeMetadata m : network.nodes().nodes()) {
      byAddress.put(m.address(), m);
    }
    List<NodeMetadata> out = new ArrayList<>();
    for (int i = 1; java.nio.file.Files.exists(network.nodeDir(i)); i++) {
      out.add(network.metadataOf(i));
    }
    return out;
  }

  private static boolean agree(Map<NodeAddress, NodeStatus> all, int size) {
    if (all.size() != size) {
      return false;
    }
    Set<String> fleets = new HashSet<>();
    for (NodeStatus s : all.values()) {
      fleets.add(s.network().fleetState());
      if (s.network().knownNodes() != size - 1) {
        return false;
      }
    }
    return fleets.size() == 1;
  }

  private static int knownPort(NodeStatus status, NodeAddress node) {
    for (NodeStatus.KnownNode n : status.network().nodes()) {
      if (n.address().equals(node)) {
        return n.port();
      }
    }
    return -1;
  }

  /** Polls every running node's status until {@code done} holds or the bound passes. */
  private static Map<NodeAddress, NodeStatus> awaitStatuses(
      String what, Predicate<Map<NodeAddress, NodeStatus>> done) throws Exception {
    Instant deadline = Instant.now().plus(CONVERGE);
    Map<NodeAddress, NodeStatus> last = Map.of();
    while (Instant.now().isBefore(deadline)) {
      Map<NodeAddress, NodeStatus> all = new java.util.TreeMap<>();
      for (NodeMetadata m : latest()) {
        try {
          all.put(
              m.address(),
              HttpsNodeClient.connect(m, Duration.ofSeconds(2), Duration.ofSeconds(3)).status());
        } catch (Exception e) {
          // not up (yet): the condition will not hold this time
        }
      }
      last = all;
      if (done.test(all)) {
        return all;
      }
      Thread.sleep(250); // polling other processes' state, not waiting for time to pass
    }
    throw new AssertionError(
        "not within " + CONVERGE + ": " + what + "; last statuses: " + summary(last));
  }

  private static String summary(Map<NodeAddress, NodeStatus> all) {
    StringBuilder sb = new StringBuilder();
    all.forEach(
        (a, s) ->
            sb.append("\n  ")
                .append(a)
                .append(" knows ")
                .append(s.network().knownNodes())
                .append(" fleet ")
                .append(s.network().fleetState())
                .append(" last ")
                .append(s.network().lastRound()));
    return sb.toString();
  }
}
