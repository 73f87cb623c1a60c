package dev.nkms.protocol.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeStatusTest {
  private static final NodeAddress A = NodeAddress.of(new byte[20]);
  private static final NodeAddress B = NodeAddress.of(filled(20, 0xbb));
  private static final String KEY = "02" + "ab".repeat(32);
  private static final String FINGERPRINT = "cd".repeat(32);
  private static final NodeStatus.Network NETWORK =
      new NodeStatus.Network("0a1b2c3d", 0, 0, "none", 0, Map.of(), List.of());

  private static byte[] filled(int n, int b) {
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, (byte) b);
    return out;
  }

  private static NodeStatus status(
      String host,
      int port,
      String key,
      String fingerprint,
      BigInteger stake,
      Map<String, Map<String, String>> duties,
      long policies) {
    return new NodeStatus(
        A,
        host,
        port,
        key,
        KEY,
        fingerprint,
        "dev",
        stake,
        NETWORK,
        Map.of(),
        duties,
        policies,
        0,
        0,
        0,
        0,
        "nkms 0.1.0");
  }

  @Test
  void aValidStatusKeepsItsValues() {
    NodeStatus s = status("127.0.0.1", 9151, KEY, FINGERPRINT, BigInteger.TEN, Map.of(), 3);
    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.stake()).isEqualTo(BigInteger.TEN);
    assertThat(s.policies()).isEqualTo(3);
    assertThat(s.network().fleetState()).isEqualTo("0a1b2c3d");
  }

  @Test
  void invalidValuesAreRefusedAtConstructionNamingTheMember() {
    assertThatThrownBy(() -> status("", 9151, KEY, FINGERPRINT, BigInteger.ONE, Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
    assertThatThrownBy(() -> status("h", 0, KEY, FINGERPRINT, BigInteger.ONE, Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(
            () -> status("h", 1, "04" + "ab".repeat(32), FINGERPRINT, BigInteger.ONE, Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("verifying_key");
    assertThatThrownBy(
            () -> status("h", 1, KEY.toUpperCase(), FINGERPRINT, BigInteger.ONE, Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("verifying_key");
    assertThatThrownBy(() -> status("h", 1, KEY, "cd", BigInteger.ONE, Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tls_fingerprint");
    assertThatThrownBy(() -> status("h", 1, KEY, FINGERPRINT, BigInteger.valueOf(-1), Map.of(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stake");
    assertThatThrownBy(() -> status("h", 1, KEY, FINGERPRINT, BigInteger.ONE, Map.of(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("policies");
    assertThatThrownBy(
            () -> new NodeStatus.Network("0a1b2c3", 0, 0, "none", 0, Map.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fleet_state");
    assertThatThrownBy(
            () ->
                new NodeStatus.Network("0a1b2c3d", 0, 0, "none", 0, Map.of("full", -1L), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("refused full");
    assertThatThrownBy(() -> new NodeStatus.KnownNode(B, "h", 1, BigInteger.ZERO, true, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("failures");
    assertThatThrownBy(
            () ->
                new NodeStatus.PeerHealth(NodeStatus.Verdict.HEALTHY, Instant.EPOCH, -1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("consecutive_failures");
  }

  @Test
  void aDutyMayNotTakeTheNameOfAStatusKey() {
    for (String reserved : List.of("policies", "network", "health", "")) {
      assertThatThrownBy(
              () -> status("h", 1, KEY, FINGERPRINT, BigInteger.ONE, Map.of(reserved, Map.of()), 0))
          .as(reserved)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("duty");
    }
    Map<String, String> withNull = new HashMap<>();
    withNull.put("last_action", null);
    assertThatThrownBy(
            () -> status("h", 1, KEY, FINGERPRINT, BigInteger.ONE, Map.of("fees", withNull), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  @Test
  void collectionsAreCopiedAndHealthIsOrderedByPeer() {
    Map<String, Map<String, String>> duties = new LinkedHashMap<>();
    Map<String, String> fees = new LinkedHashMap<>();
    fees.put("withdrawn_wei", "0");
    duties.put("fees", fees);
    Map<NodeAddress, NodeStatus.PeerHealth> health = new HashMap<>();
    NodeStatus.PeerHealth h =
        new NodeStatus.PeerHealth(NodeStatus.Verdict.UNKNOWN, Instant.EPOCH, 0, Map.of());
    health.put(B, h);
    health.put(A, h);
    NodeStatus s =
        new NodeStatus(
            A,
            "h",
            1,
            KEY,
            KEY,
            FINGERPRINT,
            "dev",
            BigInteger.ZERO,
            NETWORK,
            health,
            duties,
            0,
            0,
            0,
            0,
            0,
            "v");
    fees.put("later", "x");
    duties.put("other", Map.of());
    assertThat(s.duties()).containsOnlyKeys("fees");
    assertThat(s.duties().get("fees")).containsOnlyKeys("withdrawn_wei");
    assertThat(s.health().keySet()).containsExactly(A, B);
    assertThatThrownBy(() -> s.health().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void verdictsReadOnlyTheirExactLowercaseNames() {
    for (NodeStatus.Verdict v : NodeStatus.Verdict.values()) {
      assertThat(NodeStatus.Verdict.fromWire(v.wire())).isEqualTo(v);
    }
    assertThatThrownBy(() -> NodeStatus.Verdict.fromWire("HEALTHY"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
