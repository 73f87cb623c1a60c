package dev.nkms.protocol.http;

import dev.nkms.protocol.NodeAddress;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a node says about itself at {@code GET /v1/status} (docs/http-api.md), for operators and
 * tools: not part of the signed protocol, so nothing in it is proof of anything. Each component is
 * named after its JSON key; the JSON codec lives with the transport ({@code
 * dev.nkms.network.transport.NodeStatusJson}), since this module has no JSON.
 *
 * @param address the node's address
 * @param verifyingKey the node's signing public key, compressed, lowercase hex
 * @param encryptingKey the node's encrypting public key, compressed, lowercase hex
 * @param tlsFingerprint SHA-256 of the node's certificate, lowercase hex
 * @param stake what the registry says the node stakes (0 when it is not listed)
 * @param health this node's verdict on each peer it checked, by peer
 * @param duties what each scheduled duty (e.g. on-chain fee withdrawal) reports, by duty name; each
 *     is a top-level JSON object of strings, so a duty's name may not be one of the other keys
 * @param uptimeSeconds seconds since the node started, by its clock
 */
public record NodeStatus(
    NodeAddress address,
    String host,
    int port,
    String verifyingKey,
    String encryptingKey,
    String tlsFingerprint,
    String domain,
    BigInteger stake,
    Network network,
    Map<NodeAddress, PeerHealth> health,
    Map<String, Map<String, String>> duties,
    long policies,
    long revocations,
    long accessLogEntries,
    long capsulesReencrypted,
    long uptimeSeconds,
    String version) {

  /**
   * The JSON keys of the fixed members, in the order the node writes them; duties go between health
   * and policies.
   */
  public static final List<String> KEYS =
      List.of(
          "address",
          "host",
          "port",
          "verifying_key",
          "encrypting_key",
          "tls_fingerprint",
          "domain",
          "stake",
          "network",
          "health",
          "policies",
          "revocations",
          "access_log_entries",
          "capsules_reencrypted",
          "uptime_s",
          "version");

  private static final Pattern KEY_HEX = Pattern.compile("0[23][0-9a-f]{64}");
  private static final Pattern FINGERPRINT_HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern FLEET_HEX = Pattern.compile("[0-9a-f]{8}");
  private static final Set<String> RESERVED = Set.copyOf(KEYS);

  public NodeStatus {
    Objects.requireNonNull(address, "address");
    host = nonEmpty(host, "host");
    validPort(port);
    matches(verifyingKey, KEY_HEX, "verifying_key", "a compressed public key in lowercase hex");
    matches(encryptingKey, KEY_HEX, "encrypting_key", "a compressed public key in lowercase hex");
    matches(tlsFingerprint, FINGERPRINT_HEX, "tls_fingerprint", "32 bytes in lowercase hex");
    domain = nonEmpty(domain, "domain");
    validStake(stake, "stake");
    Objects.requireNonNull(network, "network");
    health = Collections.unmodifiableMap(new TreeMap<>(noNulls(health, "health")));
    Map<String, Map<String, String>> d = new LinkedHashMap<>();
    noNulls(duties, "duties")
        .forEach(
            (name, fields) -> {
              if (name.isEmpty() || RESERVED.contains(name)) {
                throw new IllegalArgumentException(
                    "a duty may not be called '" + name + "': that is a status key");
              }
              d.put(name, ordered(fields, "duty " + name));
            });
    duties = Collections.unmodifiableMap(d);
    count(policies, "policies");
    count(revocations, "revocations");
    count(accessLogEntries, "access_log_entries");
    count(capsulesReencrypted, "capsules_reencrypted");
    count(uptimeSeconds, "uptime_s");
    version = nonEmpty(version, "version");
  }

  /**
   * The node's view of the network: its learning loop's state.
   *
   * @param fleetState the first 4 bytes of its fleet-state checksum, lowercase hex (equal when
   *     nodes agree)
   * @param lastRound how the last learning round went, in words
   * @param refused how many learned metadata it refused, by reason
   */
  public record Network(
      String fleetState,
      int knownNodes,
      long learningRounds,
      String lastRound,
      long nextRoundInMs,
      Map<String, Long> refused,
      List<KnownNode> nodes) {
    public static final List<String> KEYS =
        List.of(
            "fleet_state",
            "known_nodes",
            "learning_rounds",
            "last_round",
            "next_round_in_ms",
            "refused",
            "nodes");

    public Network {
      matches(fleetState, FLEET_HEX, "fleet_state", "4 bytes in lowercase hex");
      count(knownNodes, "known_nodes");
      count(learningRounds, "learning_rounds");
      Objects.requireNonNull(lastRound, "last_round");
      count(nextRoundInMs, "next_round_in_ms");
      Map<String, Long> r = new TreeMap<>(noNulls(refused, "refused"));
      r.forEach((why, n) -> count(n, "refused " + why));
      refused = Collections.unmodifiableMap(r);
      nodes = List.copyOf(nodes);
    }
  }

  /**
   * One node the learning loop knows. {@code verified}: it answered a live check since it was
   * learned.
   */
  public record KnownNode(
      NodeAddress address,
      String host,
      int port,
      BigInteger stake,
      boolean verified,
      int failures) {
    public static final List<String> KEYS =
        List.of("address", "host", "port", "stake", "verified", "failures");

    public KnownNode {
      Objects.requireNonNull(address, "address");
      host = nonEmpty(host, "host");
      validPort(port);
      validStake(stake, "stake");
      count(failures, "failures");
    }
  }

  /**
   * This node's latest verdict on one peer.
   *
   * @param checks each check's outcome and reason, in words ("passed: …"), by check name
   */
  public record PeerHealth(
      Verdict verdict, Instant checkedAt, int consecutiveFailures, Map<String, String> checks) {
    public static final List<String> KEYS =
        List.of("verdict", "checked_at", "consecutive_failures", "checks");

    public PeerHealth {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(checkedAt, "checked_at");
      count(consecutiveFailures, "consecutive_failures");
      checks = ordered(checks, "checks");
    }
  }

  /** A peer's verdict: unhealthy if a check failed, healthy if all passed, unknown otherwise. */
  public enum Verdict {
    HEALTHY,
    UNHEALTHY,
    UNKNOWN;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The verdict with exactly this lowercase name. */
    public static Verdict fromWire(String s) {
      for (Verdict v : values()) {
        if (v.wire().equals(s)) {
          return v;
        }
      }
      throw new IllegalArgumentException(
          "verdict must be healthy, unhealthy or unknown, got '" + s + "'");
    }
  }

  private static String nonEmpty(String s, String what) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return s;
  }

  private static void validPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be in 1..65535, got " + port);
    }
  }

  private static void matches(String s, Pattern p, String what, String expected) {
    if (s == null || !p.matcher(s).matches()) {
      throw new IllegalArgumentException(what + " must be " + expected);
    }
  }

  private static void validStake(BigInteger stake, String what) {
    if (stake == null || stake.signum() < 0) {
      throw new IllegalArgumentException(what + " must be a non-negative amount, got " + stake);
    }
  }

  private static void count(long n, String what) {
    if (n < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + n);
    }
  }

  private static <K, V> Map<K, V> noNulls(Map<K, V> m, String what) {
    Objects.requireNonNull(m, what);
    m.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new IllegalArgumentException(what + " must not hold null keys or values");
          }
        });
    return m;
  }

  private static Map<String, String> ordered(Map<String, String> m, String what) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(noNulls(m, what)));
  }
}
