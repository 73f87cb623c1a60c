package dev.nkms.node;

import dev.nkms.network.learning.Learner;
import dev.nkms.node.health.HealthMonitor;
import dev.nkms.node.health.HealthRecord;
import dev.nkms.node.http.NodeServer;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.identity.SelfMetadata;
import dev.nkms.node.service.Metrics;
import dev.nkms.node.store.NodeStore;
import dev.nkms.node.store.StoreCounts;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.http.NodeStatus;
import dev.nkms.registry.StakeRegistry;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code /v1/status} shows of a running node: who it is and where, its stake, what it knows of
 * the network, its health verdicts on peers, its duties, its store's counts and uptime. Read live
 * on every request; the server asks only once the metadata is signed.
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

  NodeStatusReport(
      NodeIdentity identity,
      SelfMetadata self,
      NodeStore store,
      StakeRegistry registry,
      Learner learner,
      HealthMonitor health,
      List<NodePlugins.Duty> duties,
      Metrics metrics,
      Clock clock,
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
  public NodeStatus status() {
    StoreCounts counts = store.counts();
    NodeMetadata metadata = self.current();
    Map<String, Map<String, String>> reports = new LinkedHashMap<>();
    for (NodePlugins.Duty duty : duties) {
      Map<String, String> d = duty.status();
      if (!d.isEmpty()) {
        reports.put(duty.name(), d);
      }
    }
    return new NodeStatus(
        identity.address(),
        metadata.host(),
        metadata.port(),
        identity.verifyingKey().toHex(),
        identity.encryptingKey().publicKey().toHex(),
        metadata.tlsFingerprintHex(),
        metadata.domain(),
        stakeOf(identity.address()),
        networkStatus(),
        healthStatus(),
        reports,
        counts.policies(),
        counts.revocations(),
        counts.accessLogEntries(),
        metrics.counter("nkms_capsules_reencrypted_total"),
        Duration.between(startedAt, clock.instant()).toSeconds(),
        "nkms 0.1.0");
  }

  private BigInteger stakeOf(NodeAddress node) {
    return registry.stake(node).map(st -> st.amount()).orElse(BigInteger.ZERO);
  }

  private NodeStatus.Network networkStatus() {
    Learner.Round last = learner.lastRound();
    String lastRound =
        last.outcome().name().toLowerCase(Locale.ROOT)
            + last.teacher().map(t -> " with " + t).orElse("")
            + (last.detail().isEmpty() ? "" : ": " + last.detail());
    Map<String, Long> refused = new LinkedHashMap<>();
    learner
        .refusals()
        .forEach((why, count) -> refused.put(why.name().toLowerCase(Locale.ROOT), count));
    List<NodeStatus.KnownNode> nodes = new ArrayList<>();
    for (Learner.KnownNode k : learner.known()) {
      nodes.add(
          new NodeStatus.KnownNode(
              k.metadata().address(),
              k.metadata().host(),
              k.metadata().port(),
              stakeOf(k.metadata().address()),
              k.verifiedAt().isPresent(),
              k.failures()));
    }
    return new NodeStatus.Network(
        learner.fleetState().shortHex(),
        learner.knownCount(),
        learner.rounds(),
        lastRound,
        learner.nextDelay().toMillis(),
        refused,
        nodes);
  }

  /** This node's verdict on each peer it checked, with each check's result. */
  private Map<NodeAddress, NodeStatus.PeerHealth> healthStatus() {
    Map<NodeAddress, NodeStatus.PeerHealth> out = new LinkedHashMap<>();
    for (HealthRecord r : health.records().values()) {
      Map<String, String> checks = new LinkedHashMap<>();
      r.results()
          .forEach(
              (check, result) ->
                  checks.put(
                      check.name().toLowerCase(Locale.ROOT),
                      result.outcome().name().toLowerCase(Locale.ROOT) + ": " + result.reason()));
      out.put(
          r.peer(),
          new NodeStatus.PeerHealth(
              NodeStatus.Verdict.valueOf(r.verdict().name()),
              r.checkedAt(),
              r.consecutiveFailures(),
              checks));
    }
    return out;
  }
}
