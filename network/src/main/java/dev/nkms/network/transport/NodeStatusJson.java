package dev.nkms.network.transport;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.http.NodeStatus;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON of {@code GET /v1/status} (docs/http-api.md): the node writes its {@link NodeStatus}
 * with it and the client reads it back with it, so the two cannot drift. Reading is strict: a
 * missing, unknown or mistyped member is an error naming it. The one open part is the duties: any
 * top-level member that is not a fixed key must be an object of strings, and is read as the report
 * of the duty of that name.
 */
public final class NodeStatusJson {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,77}");

  private NodeStatusJson() {}

  /**
   * The status is not the JSON object docs/http-api.md describes; the message names the member and
   * the problem.
   */
  public static final class InvalidStatus extends Exception {
    InvalidStatus(String message) {
      super(message);
    }
  }

  public static byte[] toBytes(NodeStatus s) {
    try {
      return JSON.writeValueAsBytes(toTree(s));
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /**
   * The status as a JSON tree, members in the order the node writes them (the HTML page renders
   * this).
   */
  public static ObjectNode toTree(NodeStatus s) {
    ObjectNode o = NODES.objectNode();
    o.put("address", s.address().toHex());
    o.put("host", s.host());
    o.put("port", s.port());
    o.put("verifying_key", s.verifyingKey());
    o.put("encrypting_key", s.encryptingKey());
    o.put("tls_fingerprint", s.tlsFingerprint());
    o.put("domain", s.domain());
    o.put("stake", s.stake().toString());
    o.set("network", network(s.network()));
    ObjectNode health = o.putObject("health");
    s.health().forEach((peer, h) -> health.set(peer.toHex(), peerHealth(h)));
    s.duties().forEach((name, fields) -> o.set(name, strings(fields)));
    o.put("policies", s.policies());
    o.put("revocations", s.revocations());
    o.put("access_log_entries", s.accessLogEntries());
    o.put("capsules_reencrypted", s.capsulesReencrypted());
    o.put("uptime_s", s.uptimeSeconds());
    o.put("version", s.version());
    return o;
  }

  /** Reads a status strictly. */
  public static NodeStatus fromBytes(byte[] json) throws InvalidStatus {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new InvalidStatus(
          "the status is not JSON: " + UntrustedText.sanitize(e.getOriginalMessage(), 200));
    } catch (IOException e) {
      throw new InvalidStatus(
          "the status is not JSON: " + UntrustedText.sanitize(e.getMessage(), 200));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidStatus("the status is not a JSON object");
    }
    Map<String, Map<String, String>> duties = new LinkedHashMap<>();
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!NodeStatus.KEYS.contains(name)) {
        duties.put(name, strings(root.get(name), name));
      }
    }
    try {
      return new NodeStatus(
          address(root, "address"),
          text(root, "host"),
          integer(root, "port"),
          text(root, "verifying_key"),
          text(root, "encrypting_key"),
          text(root, "tls_fingerprint"),
          text(root, "domain"),
          amount(root, "stake"),
          network(member(root, "network")),
          health(member(root, "health")),
          duties,
          number(root, "policies"),
          number(root, "revocations"),
          number(root, "access_log_entries"),
          number(root, "capsules_reencrypted"),
          number(root, "uptime_s"),
          text(root, "version"));
    } catch (IllegalArgumentException e) {
      throw new InvalidStatus("invalid status: " + UntrustedText.sanitize(e.getMessage(), 200));
    }
  }

  private static ObjectNode network(NodeStatus.Network n) {
    ObjectNode o = NODES.objectNode();
    o.put("fleet_state", n.fleetState());
    o.put("known_nodes", n.knownNodes());
    o.put("learning_rounds", n.learningRounds());
    o.put("last_round", n.lastRound());
    o.put("next_round_in_ms", n.nextRoundInMs());
    ObjectNode refused = o.putObject("refused");
    n.refused().forEach(refused::put);
    ArrayNode nodes = o.putArray("nodes");
    for (NodeStatus.KnownNode k : n.nodes()) {
      ObjectNode e = nodes.addObject();
      e.put("address", k.address().toHex());
      e.put("host", k.host());
      e.put("port", k.port());
      e.put("stake", k.stake().toString());
      e.put("verified", k.verified());
      e.put("failures", k.failures());
    }
    return o;
  }

  private static ObjectNode peerHealth(NodeStatus.PeerHealth h) {
    ObjectNode o = NODES.objectNode();
    o.put("verdict", h.verdict().wire());
    o.put("checked_at", h.checkedAt().toString());
    o.put("consecutive_failures", h.consecutiveFailures());
    o.set("checks", strings(h.checks()));
    return o;
  }

  private static ObjectNode strings(Map<String, String> fields) {
    ObjectNode o = NODES.objectNode();
    fields.forEach(o::put);
    return o;
  }

  private static NodeStatus.Network network(JsonNode n) throws InvalidStatus {
    exactly(n, NodeStatus.Network.KEYS, "network");
    JsonNode refusedNode = member(n, "refused");
    Map<String, Long> refused = new LinkedHashMap<>();
    for (Iterator<String> whys = refusedNode.fieldNames(); whys.hasNext(); ) {
      String why = whys.next();
      refused.put(why, number(refusedNode, why));
    }
    JsonNode nodesNode = n.get("nodes");
    if (!nodesNode.isArray()) {
      throw new InvalidStatus("network.nodes must be a JSON array");
    }
    List<NodeStatus.KnownNode> nodes = new ArrayList<>();
    for (JsonNode k : nodesNode) {
      exactly(k, NodeStatus.KnownNode.KEYS, "network.nodes[" + nodes.size() + "]");
      JsonNode verified = k.get("verified");
      if (!verified.isBoolean()) {
        throw new InvalidStatus(
            "network.nodes[" + nodes.size() + "].verified must be true or false");
      }
      nodes.add(
          new NodeStatus.KnownNode(
              address(k, "address"),
              text(k, "host"),
              integer(k, "port"),
              amount(k, "stake"),
              verified.booleanValue(),
              integer(k, "failures")));
    }
    return new NodeStatus.Network(
        text(n, "fleet_state"),
        integer(n, "known_nodes"),
        number(n, "learning_rounds"),
        text(n, "last_round"),
        number(n, "next_round_in_ms"),
        refused,
        nodes);
  }

  private static Map<NodeAddress, NodeStatus.PeerHealth> health(JsonNode h) throws InvalidStatus {
    Map<NodeAddress, NodeStatus.PeerHealth> out = new LinkedHashMap<>();
    for (Iterator<String> peers = h.fieldNames(); peers.hasNext(); ) {
      String peer = peers.next();
      JsonNode r = h.get(peer);
      String where = "health." + UntrustedText.sanitize(peer, 64);
      exactly(r, NodeStatus.PeerHealth.KEYS, where);
      Instant checkedAt;
      try {
        checkedAt = Instant.parse(text(r, "checked_at"));
      } catch (DateTimeParseException e) {
        throw new InvalidStatus(where + ".checked_at must be an ISO-8601 instant");
      }
      NodeStatus.Verdict verdict;
      try {
        verdict = NodeStatus.Verdict.fromWire(text(r, "verdict"));
      } catch (IllegalArgumentException e) {
        throw new InvalidStatus(where + ": " + UntrustedText.sanitize(e.getMessage(), 100));
      }
      out.put(
          hexAddress(peer, "a health key"),
          new NodeStatus.PeerHealth(
              verdict,
              checkedAt,
              integer(r, "consecutive_failures"),
              strings(member(r, "checks"), where + ".checks")));
    }
    return out;
  }

  /** A member that must be a JSON object. */
  private static JsonNode member(JsonNode o, String key) throws InvalidStatus {
    JsonNode v = required(o, key);
    if (!v.isObject()) {
      throw new InvalidStatus("'" + key + "' must be a JSON object");
    }
    return v;
  }

  /** {@code o} is an object with exactly these members. */
  private static void exactly(JsonNode o, List<String> keys, String where) throws InvalidStatus {
    if (o == null || !o.isObject()) {
      throw new InvalidStatus(where + " must be a JSON object");
    }
    for (String k : keys) {
      if (!o.has(k)) {
        throw new InvalidStatus(where + " has no '" + k + "'");
      }
    }
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!keys.contains(name)) {
        throw new InvalidStatus(
            where + " has an unknown member '" + UntrustedText.sanitize(name, 64) + "'");
      }
    }
  }

  private static Map<String, String> strings(JsonNode o, String where) throws InvalidStatus {
    if (!o.isObject()) {
      throw new InvalidStatus(
          "'"
              + UntrustedText.sanitize(where, 64)
              + "' is not a status key, nor a duty's"
              + " object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!o.get(name).isTextual()) {
        throw new InvalidStatus(
            UntrustedText.sanitize(where, 64)
                + "."
                + UntrustedText.sanitize(name, 64)
                + " must be a string");
      }
      out.put(name, o.get(name).textValue());
    }
    return out;
  }

  /** The member {@code key}, which must be there. */
  private static JsonNode required(JsonNode o, String key) throws InvalidStatus {
    JsonNode v = o.get(key);
    if (v == null) {
      throw new InvalidStatus("the status has no '" + key + "'");
    }
    return v;
  }

  private static String text(JsonNode o, String key) throws InvalidStatus {
    JsonNode v = required(o, key);
    if (!v.isTextual()) {
      throw new InvalidStatus("'" + key + "' must be a string");
    }
    return v.textValue();
  }

  private static long number(JsonNode o, String key) throws InvalidStatus {
    JsonNode v = required(o, key);
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new InvalidStatus("'" + UntrustedText.sanitize(key, 64) + "' must be a whole number");
    }
    return v.longValue();
  }

  private static int integer(JsonNode o, String key) throws InvalidStatus {
    JsonNode v = required(o, key);
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new InvalidStatus("'" + key + "' must be a whole number in the int range");
    }
    return v.intValue();
  }

  /**
   * Amounts are decimal strings: a stake in wei does not fit a JSON number every reader handles.
   */
  private static BigInteger amount(JsonNode o, String key) throws InvalidStatus {
    String s = text(o, key);
    if (!DECIMAL.matcher(s).matches()) {
      throw new InvalidStatus("'" + key + "' must be a decimal amount");
    }
    return new BigInteger(s);
  }

  private static NodeAddress address(JsonNode o, String key) throws InvalidStatus {
    return hexAddress(text(o, key), "'" + key + "'");
  }

  private static NodeAddress hexAddress(String hex, String what) throws InvalidStatus {
    try {
      return NodeAddress.fromHex(hex);
    } catch (WireFormatException e) {
      throw new InvalidStatus(what + " must be a node address in hex");
    }
  }
}
