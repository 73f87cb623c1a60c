package dev.nkms.node;

import dev.nkms.node.store.StoreCounts;
import dev.nkms.network.learning.Learner;
import dev.nkms.node.health.HealthMonitor;
import dev.nkms.node.health.HealthRecord;
import dev.nkms.node.http.NodeServer;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.identity.SelfMetadata;
import dev.nkms.node.service.Metrics;
import dev.nkms.node.store.NodeStore;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.registry.StakeRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code /v1/status} shows of a running node: who it is and where, its stake, what it knows of the network, its
 * health verdicts on peers, its duties, its store's counts and uptime. Read live on every request; the server asks
 * only once the metadata is signed.
 */
final class NodeStatusReport implements NodeServer.StatusSource {
  private final NodeIdentity identity;
  private final SelfMetadata self;
  private final NodeStore store;
  private final StakeRegistry registry;
  private final Learner learner;
  private final HealthMonitor health;
  private final List<NodePlugins.Duty> duties;
  private final Metrics metrics;
  private final Clock clock;
  private final Instant startedAt;

  NodeStatusReport(NodeIdentity identity, SelfMetadata self, NodeStore store, StakeRegistry registry,
      Learner learner, HealthMonitor health, List<NodePlugins.Duty> duties, Metrics metrics, Clock clock,
      Instant startedAt) {
    this.identity = Objects.requireNonNull(identity);
    this.self = Objects.requireNonNull(self);
    this.store = Objects.requireNonNull(store);
    this.registry = Objects.requireNonNull(registry);
    this.learner = Objects.requireNonNull(learner);
    this.health = Objects.requireNonNull(health);
    this.duties = List.copyOf(duties);
    this.metrics = Objects.requireNonNull(metrics);
    this.clock = Objects.requireNonNull(clock);
    this.startedAt = Objects.requireNonNull(startedAt);
  }

  @Override
  public Map<String, Object> status() {
    StoreCounts counts = store.counts();
    NodeMetadata metadata = self.current();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("address", identity.address().toHex());
    s.put("host", metadata.host());
    s.put("port", metadata.port());
    s.put("verifying_key", identity.verifyingKey().toHex());
    s.put("encrypting_key", identity.encryptingKey().publicKey().toHex());
    s.put("tls_fingerprint", metadata.tlsFingerprintHex());
    s.put("domain", metadata.domain());
    s.put("stake", registry.stake(identity.address()).map(st -> st.amount().toString()).orElse("0"));
    s.put("network", networkStatus());
    s.put("health", healthStatus());
    for (NodePlugins.Duty duty : duties) {
      Map<String, Object> d = duty.status();
      if (!d.isEmpty()) {
        s.put(duty.name(), d);
      }
    }
    s.put("policies", counts.policies());
    s.put("revocations", counts.revocations());
    s.put("access_log_entries", counts.accessLogEntries());
    s.put("capsules_reencrypted", metrics.counter("nkms_capsules_reencrypted_total"));
    s.put("uptime_s", Duration.between(startedAt, clock.instant()).toSeconds());
    s.put("version", "nkms 0.1.0");
    return s;
  }

  private Map<String, Object> networkStatus() {
    Map<String, Object> n = new LinkedHashMap<>();
    n.put("fleet_state", learner.fleetState().shortHex());
    n.put("known_nodes", learner.knownCount());
    n.put("learning_rounds", learner.rounds());
    Learner.Round last = learner.lastRound();
    n.put("last_round", last.outcome().name().toLowerCase(java.util.Locale.ROOT)
        + last.teacher().map(t -> " with " + t).orElse("") + (last.detail().isEmpty() ? "" : ": " + last.detail()));
    n.put("next_round_in_ms", learner.nextDelay().toMillis());
    Map<String, Object> refused = new java.util.TreeMap<>();
    learner.refusals().forEach((why, count) -> refused.put(why.name().toLowerCase(java.util.Locale.ROOT), count));
    n.put("refused", refused);
    List<Map<String, Object>> nodes = new java.util.ArrayList<>();
    for (Learner.KnownNode k : learner.known()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("address", k.metadata().address().toHex());
      e.put("host", k.metadata().host());
      e.put("port", k.metadata().port());
      e.put("stake", registry.stake(k.metadata().address()).map(st -> st.amount().toString())
          .orElse("0"));
      e.put("verified", k.verifiedAt().isPresent());
      e.put("failures", k.failures());
      nodes.add(e);
    }
    n.put("nodes", nodes);
    return n;
  }

  /** This node's verdict on each peer it checked, with each check's result. */
  private Map<String, Object> healthStatus() {
    Map<String, Object> out = new java.util.TreeMap<>();
    for (HealthRecord r : health.records().values()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("verdict", r.verdict().name().toLowerCase(java.util.Locale.ROOT));
      e.put("checked_at", r.checkedAt().toString());
      e.put("consecutive_failures", r.consecutiveFailures());
      Map<String, Object> checks = new LinkedHashMap<>();
      r.results().forEach((check, result) -> checks.put(check.name().toLowerCase(java.util.Locale.ROOT),
          result.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + result.reason()));
      e.put("checks", checks);
      out.put(r.peer().toHex(), e);
    }
    return out;
  }
}
