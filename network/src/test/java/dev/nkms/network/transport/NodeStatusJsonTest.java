package dev.nkms.network.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.http.NodeStatus;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one codec of {@code GET /v1/status}: the keys of docs/http-api.md, written in order, read
 * strictly.
 */
class NodeStatusJsonTest {
  private static final String NODE = "0x" + "11".repeat(20);
  private static final String PEER = "0x" + "22".repeat(20);
  private static final String KEY = "03" + "44".repeat(32);
  private static final String JSON =
      "{\"address\":\""
          + NODE
          + "\",\"host\":\"127.0.0.1\",\"port\":9151,"
          + "\"verifying_key\":\""
          + KEY
          + "\",\"encrypting_key\":\""
          + KEY
          + "\",\"tls_fingerprint\":\""
          + "55".repeat(32)
          + "\",\"domain\":\"local\",\"stake\":\"100000000000000000000000\","
          + "\"network\":{\"fleet_state\":\"0a1b2c3d\",\"known_nodes\":1,\"learning_rounds\":7,"
          + "\"last_round\":\"learned with "
          + PEER
          + "\",\"next_round_in_ms\":2500,\"refused\":{\"not_staked\":2},"
          + "\"nodes\":[{\"address\":\""
          + PEER
          + "\",\"host\":\"127.0.0.1\",\"port\":9152,\"stake\":\"5\","
          + "\"verified\":true,\"failures\":0}]},"
          + "\"health\":{\""
          + PEER
          + "\":{\"verdict\":\"healthy\",\"checked_at\":\"2026-01-02T03:04:05Z\","
          + "\"consecutive_failures\":0,\"checks\":{\"reachable\":\"passed: answered\"}}},"
          + "\"fees\":{\"withdrawn_wei\":\"0\",\"last_withdrawal\":\"never\"},"
          + "\"policies\":3,\"revocations\":1,\"access_log_entries\":4,\"capsules_reencrypted\":9,\"uptime_s\":90,"
          + "\"version\":\"nkms 0.1.0\"}";

  private static NodeStatus sample() throws Exception {
    NodeAddress peer = NodeAddress.fromHex(PEER);
    Map<String, String> fees = new LinkedHashMap<>();
    fees.put("withdrawn_wei", "0");
    fees.put("last_withdrawal", "never");
    return new NodeStatus(
        NodeAddress.fromHex(NODE),
        "127.0.0.1",
        9151,
        KEY,
        KEY,
        "55".repeat(32),
        "local",
        new BigInteger("100000000000000000000000"),
        new NodeStatus.Network(
            "0a1b2c3d",
            1,
            7,
            "learned with " + PEER,
            2500,
            Map.of("not_staked", 2L),
            List.of(
                new NodeStatus.KnownNode(peer, "127.0.0.1", 9152, BigInteger.valueOf(5), true, 0))),
        Map.of(
            peer,
            new NodeStatus.PeerHealth(
                NodeStatus.Verdict.HEALTHY,
                Instant.parse("2026-01-02T03:04:05Z"),
                0,
                Map.of("reachable", "passed: answered"))),
        Map.of("fees", fees),
        3,
        1,
        4,
        9,
        90,
        "nkms 0.1.0");
  }

  @Test
  void writesTheDocumentedKeysInOrderAndReadsThemBack() throws Exception {
    byte[] written = NodeStatusJson.toBytes(sample());
    assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(JSON);
    assertThat(NodeStatusJson.fromBytes(written)).isEqualTo(sample());
    assertThat(NodeStatusJson.fromBytes(JSON.getBytes(StandardCharsets.UTF_8)).duties().get("fees"))
        .containsExactly(Map.entry("withdrawn_wei", "0"), Map.entry("last_withdrawal", "never"));
  }

  @Test
  void aMissingMemberIsNamed() {
    assertInvalid(JSON.replace("\"policies\":3,", ""), "no 'policies'");
    assertInvalid(JSON.replace("\"known_nodes\":1,", ""), "network has no 'known_nodes'");
    assertInvalid(JSON.replace(",\"failures\":0", ""), "network.nodes[0] has no 'failures'");
    assertInvalid(JSON.replace("\"consecutive_failures\":0,", ""), "has no 'consecutive_failures'");
  }

  @Test
  void anUnknownMemberIsRefusedExceptADutysObjectOfStrings() {
    assertInvalid(
        JSON.replace("\"known_nodes\":1,", "\"known_nodes\":1,\"extra\":1,"),
        "unknown member 'extra'");
    assertInvalid(
        JSON.replace("\"verified\":true,", "\"verified\":true,\"extra\":1,"),
        "unknown member 'extra'");
    assertInvalid(
        JSON.replace("\"checks\":", "\"extra\":\"x\",\"checks\":"), "unknown member 'extra'");
    assertInvalid(
        JSON.replace("\"policies\":3,", "\"policies\":3,\"polices\":3,"),
        "'polices' is not a status key");
    assertInvalid(
        JSON.replace("\"last_withdrawal\":\"never\"", "\"last_withdrawal\":0"),
        "fees.last_withdrawal must be a string");
  }

  @Test
  void aMistypedOrInvalidMemberIsNamed() {
    assertInvalid(
        JSON.replace("\"policies\":3", "\"policies\":\"3\""), "'policies' must be a whole number");
    assertInvalid(
        JSON.replace("\"policies\":3", "\"policies\":3.5"), "'policies' must be a whole number");
    assertInvalid(
        JSON.replace("\"port\":9151", "\"port\":99999999999"), "'port' must be a whole number");
    assertInvalid(JSON.replace("\"port\":9151", "\"port\":0"), "port must be in 1..65535");
    assertInvalid(
        JSON.replace("\"stake\":\"100000000000000000000000\"", "\"stake\":100"),
        "'stake' must be a string");
    assertInvalid(
        JSON.replace("\"stake\":\"5\"", "\"stake\":\"-5\""), "'stake' must be a decimal amount");
    assertInvalid(
        JSON.replace("\"verified\":true", "\"verified\":\"yes\""),
        "verified must be true or false");
    assertInvalid(
        JSON.replace("\"healthy\"", "\"fine\""), "verdict must be healthy, unhealthy or unknown");
    assertInvalid(
        JSON.replace("2026-01-02T03:04:05Z", "yesterday"),
        "checked_at must be an ISO-8601 instant");
    assertInvalid(
        JSON.replace("\"" + PEER + "\":{", "\"nobody\":{"), "a health key must be a node address");
    assertInvalid(
        JSON.replace("\"fleet_state\":\"0a1b2c3d\"", "\"fleet_state\":\"\""),
        "fleet_state must be");
    assertInvalid(
        JSON.replace("\"network\":{", "\"network\":[{")
            .replace("}]},\"health\"", "}]}],\"health\""),
        "'network' must be a JSON object");
    assertInvalid(
        JSON.replace("\"nodes\":[", "\"nodes\":{\"x\":")
            .replace("}]},\"health\"", "}}},\"health\""),
        "network.nodes must be a JSON array");
  }

  @Test
  void notOneJsonObjectIsRefused() {
    assertInvalid("[]", "not a JSON object");
    assertInvalid("", "not a JSON object");
    assertInvalid("{", "not JSON");
    assertInvalid(JSON + "{}", "not JSON");
    assertInvalid(JSON.replace("\"policies\":3,", "\"policies\":3,\"policies\":4,"), "not JSON");
  }

  private static void assertInvalid(String json, String message) {
    assertThatThrownBy(() -> NodeStatusJson.fromBytes(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(NodeStatusJson.InvalidStatus.class)
        .hasMessageContaining(message);
  }
}
