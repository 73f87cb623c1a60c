package dev.nkms.cli.e2e;

import dev.nkms.client.connect.NetworkDirectory;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
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
 * Discovery on a real loopback network: ten node processes that know only node-1 at start converge on one fleet
 * state; an eleventh node, staked by a registry update only it holds, is learned by all (and so is the update); a
 * node that comes back on another port is re-learned under the same identity. Bounds are generous wall-clock limits
 * on conditions polled from the nodes' status; learning rounds run every 500 ms.
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
    Map<NodeAddress, Map<String, Object>> s = awaitStatuses("ten nodes agree", all -> agree(all, 10));
    assertThat(s).hasSize(10);
    for (Map<String, Object> status : s.values()) {
      assertThat(network(status).get("known_nodes")).isEqualTo(9);
      assertThat(status.get("domain")).isEqualTo(LocalNetwork.DOMAIN);
      assertThat(new java.math.BigInteger((String) status.get("stake"))).isGreaterThanOrEqualTo(
          LocalNetwork.MINIMUM_STAKE);
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
      assertThat(java.nio.file.Files.readAllBytes(network.nodeDir(i).resolve(NetworkDirectory.REGISTRY)))
          .as("node-%d adopted the new registry", i)
          .isEqualTo(java.nio.file.Files.readAllBytes(network.dir().resolve(NetworkDirectory.REGISTRY)));
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
    awaitStatuses("everyone knows node-" + moved + " at its new port", all -> agree(all, 11)
        && all.values().stream().allMatch(st -> st.get("address").equals(after.address().toHex())
            || knownPort(st, after.address()) == port));
  }

  @Test
  @Order(4)
  void peersHealthChecksCatchANodeThatStopsReencryptingCorrectlyAndClientsSkipIt() throws Exception {
    int cheat = 5;
    NodeAddress cheater = latest().get(cheat - 1).address();
    assertThat(network.kill(cheat)).isTrue();
    Instant cheatingSince = Instant.now();
    network.restart(cheat, TestNetworks.START_TIMEOUT, Map.of("NKMS_DEV_FAULT", "corrupt-cfrags"));
    // Every node checks its peers every 20 s (LocalNetwork's setting); wait for most of them to have judged it.
    awaitStatuses("most peers judge node-" + cheat + " unhealthy", all -> all.values().stream()
        .filter(st -> verdict(st, cheater).equals("unhealthy")).count() > all.size() / 2);
    Map<NodeAddress, Map<String, Object>> all = awaitStatuses("statuses", x -> x.size() == 11);
    for (Map<String, Object> st : all.values()) {
      // A peer that last checked it before it started cheating may still say healthy; none that checked since.
      if (checkedAt(st, cheater).isAfter(cheatingSince)) {
        assertThat(verdict(st, cheater)).as("no peer that checked the cheater finds it healthy")
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
          .extracting(e -> e.metadata().address()).doesNotContain(cheater).hasSize(10);
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  @SuppressWarnings("unchecked")
  private static Instant checkedAt(Map<String, Object> status, NodeAddress node) {
    Object health = status.get("health");
    Object record = health instanceof Map ? ((Map<String, Object>) health).get(node.toHex()) : null;
    return record instanceof Map ? Instant.parse((String) ((Map<String, Object>) record).get("checked_at"))
        : Instant.EPOCH;
  }

  @SuppressWarnings("unchecked")
  private static String verdict(Map<String, Object> status, NodeAddress node) {
    Object health = status.get("health");
    if (!(health instanceof Map)) {
      return "none";
    }
    Object record = ((Map<String, Object>) health).get(node.toHex());
    return record instanceof Map ? String.valueOf(((Map<String, Object>) record).get("verdict")) : "none";
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

  private static boolean agree(Map<NodeAddress, Map<String, Object>> all, int size) {
    if (all.size() != size) {
      return false;
    }
    Set<Object> fleets = new HashSet<>();
    for (Map<String, Object> s : all.values()) {
      fleets.add(network(s).get("fleet_state"));
      if (!Integer.valueOf(size - 1).equals(network(s).get("known_nodes"))) {
        return false;
      }
    }
    return fleets.size() == 1;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> network(Map<String, Object> status) {
    return (Map<String, Object>) status.get("network");
  }

  @SuppressWarnings("unchecked")
  private static int knownPort(Map<String, Object> status, NodeAddress node) {
    for (Object o : (List<Object>) network(status).get("nodes")) {
      Map<String, Object> n = (Map<String, Object>) o;
      if (n.get("address").equals(node.toHex())) {
        return (Integer) n.get("port");
      }
    }
    return -1;
  }

  /** Polls every running node's status until {@code done} holds or the bound passes. */
  private static Map<NodeAddress, Map<String, Object>> awaitStatuses(String what,
      Predicate<Map<NodeAddress, Map<String, Object>>> done) throws Exception {
    Instant deadline = Instant.now().plus(CONVERGE);
    Map<NodeAddress, Map<String, Object>> last = Map.of();
    while (Instant.now().isBefore(deadline)) {
      Map<NodeAddress, Map<String, Object>> all = new java.util.TreeMap<>();
      for (NodeMetadata m : latest()) {
        try {
          all.put(m.address(), HttpsNodeClient.connect(m, Duration.ofSeconds(2), Duration.ofSeconds(3)).status());
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
    throw new AssertionError("not within " + CONVERGE + ": " + what + "; last statuses: " + summary(last));
  }

  private static String summary(Map<NodeAddress, Map<String, Object>> all) {
    StringBuilder sb = new StringBuilder();
    all.forEach((a, s) -> sb.append("\n  ").append(a).append(" knows ").append(network(s).get("known_nodes"))
        .append(" fleet ").append(network(s).get("fleet_state")).append(" last ")
        .append(network(s).get("last_round")));
    return sb.toString();
  }
}
