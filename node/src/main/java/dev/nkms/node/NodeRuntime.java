package dev.nkms.node;

import dev.nkms.network.learning.Learner;
import dev.nkms.network.learning.Teaching;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.crypto.RandomSource;
import dev.nkms.node.health.HealthMonitor;
import dev.nkms.node.health.HealthRecord;
import dev.nkms.network.membership.Membership;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.node.service.RefusedException;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.wire.BadSignatureException;
import dev.nkms.protocol.http.ErrorCode;
import dev.nkms.protocol.http.NodeStatus;
import dev.nkms.protocol.wire.WireFormatException;
import dev.nkms.node.config.NodeConfig;
import dev.nkms.node.http.NodeServer;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.service.Metrics;
import dev.nkms.node.service.ReencryptionService;
import dev.nkms.node.store.NodeStore;
import dev.nkms.protocol.NodeMetadata;
import java.io.IOException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node: wires identity, store, service and HTTPS server, signs fresh metadata for the bound port, and
 * sweeps expired kfrags in the background. Wiring only; the behaviour lives in the service and the store.
 */
public final class NodeRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
  public static final String DATABASE_FILE = "node.db";
  public static final String KNOWN_NODES_FILE = "known-nodes";

  private final NodeIdentity identity;
  private final NodeStore store;
  private final NodeServer server;
  private final ScheduledExecutorService sweeper;
  private final Instant startedAt;
  private final Metrics metrics;
  private final Clock clock;
  private final Membership membership;
  private final Learner learner;
  private volatile HealthMonitor health;
  private volatile NodeMetadata metadata;

  private final NodePlugins plugins;
  private final ScheduledExecutorService duties;

  private NodeRuntime(NodeConfig config, NodeIdentity identity, Clock clock, ReencryptionService.DevFault fault,
      NodePlugins plugins) throws Exception {
    this.plugins = plugins;
    this.identity = identity;
    this.metrics = new Metrics();
    this.clock = clock;
    this.startedAt = clock.instant();
    this.store = NodeStore.open(config.dataDir().resolve(DATABASE_FILE), clock);
    ReencryptionService service = new ReencryptionService(identity, store, clock, RandomSource.secure(),
        new ReencryptionService.Limits(config.maxCapsulesPerRequest(), config.maxConcurrentRequests(),
            config.maxClockSkew(), config.maxPoliciesPerAlice()), metrics, fault, plugins.payments());
    if (fault != ReencryptionService.DevFault.NONE) {
      LOG.warn("DEV FAULT INJECTION ACTIVE: {} — this node misbehaves on purpose", fault);
    }
    char[] tlsPassword = randomPassword();
    KeyStore tls = identity.tlsKeyStore(tlsPassword);
    this.membership = plugins.membership().isPresent() ? plugins.membership().get() : membershipOf(config);
    this.learner = Learner.builder(membership.registry(), HttpsNodeClient.factory()).sync(membership.sync())
        .teaching(new Teaching(() -> metadata, identity.signer(), this::unhealthy)).seeds(config.peers())
        .store(config.dataDir().resolve(KNOWN_NODES_FILE)).clock(clock)
        .settings(Learner.Settings.every(config.learningInterval())).build();
    this.server = new NodeServer(config.host(), config.port(), tls, tlsPassword, service,
        () -> metadata == null ? null : metadata.toBytes(), this::teach, this::status, metrics,
        config.maxRequestBytes());
    metrics.gauge("nkms_policies", "policies (kfrags) held", () -> store.counts().policies());
    metrics.gauge("nkms_revocations", "policies revoked at this node", () -> store.counts().revocations());
    metrics.gauge("nkms_access_log_entries", "entries in the access log", () -> store.counts().accessLogEntries());
    try {
      server.start();
    } catch (RuntimeException e) {
      learner.close();
      store.close(); // e.g. the port is taken: leave nothing open behind a failed start
      throw e;
    }
    this.metadata = NodeMetadata.sign(identity.signer(), identity.encryptingKey().publicKey(), config.domain(),
        config.publicHost(), server.port(), identity.tlsFingerprint(), clock.instant(), RandomSource.secure());
    learner.selfChanged();
    learner.start();
    // Health checks act as an anonymous client: fresh keys per challenge policy, nothing of this node's identity.
    this.health = new HealthMonitor(() -> learner.known().stream().map(Learner.KnownNode::metadata).toList(),
        HttpsNodeClient.factory(), clock, RandomSource.secure());
    health.start(config.healthCheckInterval());
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "nkms-expiry-sweeper");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, config.expirySweepInterval().toMillis());
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        int removed = service.sweepExpired();
        if (removed > 0) {
          LOG.info("deleted {} expired kfrag(s)", removed);
        }
      } catch (RuntimeException e) {
        LOG.warn("expiry sweep failed: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
    // One thread per duty: a slow one (a health check before a vote) must not hold up another (fee withdrawal).
    this.duties = Executors.newScheduledThreadPool(Math.max(1, plugins.duties().size()), r -> {
      Thread t = new Thread(r, "nkms-duties");
      t.setDaemon(true);
      return t;
    });
    for (NodePlugins.Duty duty : plugins.duties()) {
      long ms = Math.max(1, duty.every().toMillis());
      duties.scheduleWithFixedDelay(() -> {
        try {
          duty.run(this);
        } catch (Exception | Error e) {
          LOG.warn("{} failed: {}", duty.name(), e.toString());
        }
      }, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  public static NodeRuntime start(NodeConfig config, NodeIdentity identity, Clock clock) throws Exception {
    return new NodeRuntime(config, identity, clock, ReencryptionService.DevFault.NONE, NodePlugins.none());
  }

  public static NodeRuntime start(NodeConfig config, NodeIdentity identity, Clock clock, NodePlugins plugins)
      throws Exception {
    return new NodeRuntime(config, identity, clock, ReencryptionService.DevFault.NONE, plugins);
  }

  /** For tests of client defences only: a node that cheats in the given way. */
  public static NodeRuntime startWithFault(NodeConfig config, NodeIdentity identity, Clock clock,
      ReencryptionService.DevFault fault) throws Exception {
    return new NodeRuntime(config, identity, clock, fault, NodePlugins.none());
  }

  /** For tests and the demo: a node that cheats in the given way, with plugins (e.g. on chain). */
  public static NodeRuntime startWithFault(NodeConfig config, NodeIdentity identity, Clock clock,
      ReencryptionService.DevFault fault, NodePlugins plugins) throws Exception {
    return new NodeRuntime(config, identity, clock, fault, plugins);
  }

  public NodeIdentity identity() {
    return identity;
  }

  /** The policies this node holds a kfrag for now. */
  public List<Hrac> heldPolicies() {
    return store.policies();
  }

  public NodeMetadata metadata() {
    return metadata;
  }

  public int port() {
    return server.port();
  }

  /** {@code POST /v1/node-metadata}: one learner's round with this node as its teacher. */
  private byte[] teach(byte[] body) throws RefusedException {
    MetadataRequest request;
    try {
      request = MetadataRequest.fromBytes(body);
    } catch (WireFormatException e) {
      throw new RefusedException(e instanceof BadSignatureException ? ErrorCode.BAD_SIGNATURE : ErrorCode.MALFORMED,
          e.getMessage());
    }
    return learner.answer(request).toBytes();
  }

  /** Peers this node's own health checks found failing (empty until the monitor has run). */
  private Set<NodeAddress> unhealthy() {
    HealthMonitor h = health;
    return h == null ? Set.of() : h.unhealthy();
  }

  /** What this node knows of the network (the directory its health checks and status page use). */
  public Learner learner() {
    return learner;
  }

  private NodeStatus status() {
    NodeStore.StoreCounts counts = store.counts();
    Map<String, Map<String, String>> duties = new LinkedHashMap<>();
    for (NodePlugins.Duty duty : plugins.duties()) {
      Map<String, String> d = duty.status();
      if (!d.isEmpty()) {
        duties.put(duty.name(), d);
      }
    }
    return new NodeStatus(identity.address(), metadata.host(), metadata.port(), identity.verifyingKey().toHex(),
        identity.encryptingKey().publicKey().toHex(), metadata.tlsFingerprintHex(), metadata.domain(),
        stakeOf(identity.address()), networkStatus(), healthStatus(), duties, counts.policies(), counts.revocations(),
        counts.accessLogEntries(), metrics.counter("nkms_capsules_reencrypted_total"),
        Duration.between(startedAt, clock.instant()).toSeconds(), "nkms 0.1.0");
  }

  private java.math.BigInteger stakeOf(NodeAddress node) {
    return membership.registry().stake(node).map(st -> st.amount()).orElse(java.math.BigInteger.ZERO);
  }

  private NodeStatus.Network networkStatus() {
    Learner.Round last = learner.lastRound();
    String lastRound = last.outcome().name().toLowerCase(java.util.Locale.ROOT)
        + last.teacher().map(t -> " with " + t).orElse("") + (last.detail().isEmpty() ? "" : ": " + last.detail());
    Map<String, Long> refused = new LinkedHashMap<>();
    learner.refusals().forEach((why, count) -> refused.put(why.name().toLowerCase(java.util.Locale.ROOT), count));
    List<NodeStatus.KnownNode> nodes = new java.util.ArrayList<>();
    for (Learner.KnownNode k : learner.known()) {
      nodes.add(new NodeStatus.KnownNode(k.metadata().address(), k.metadata().host(), k.metadata().port(),
          stakeOf(k.metadata().address()), k.verifiedAt().isPresent(), k.failures()));
    }
    return new NodeStatus.Network(learner.fleetState().shortHex(), learner.knownCount(), learner.rounds(), lastRound,
        learner.nextDelay().toMillis(), refused, nodes);
  }

  /** This node's verdict on each peer it checked, with each check's result. */
  private Map<NodeAddress, NodeStatus.PeerHealth> healthStatus() {
    Map<NodeAddress, NodeStatus.PeerHealth> out = new LinkedHashMap<>();
    for (HealthRecord r : health.records().values()) {
      Map<String, String> checks = new LinkedHashMap<>();
      r.results().forEach((check, result) -> checks.put(check.name().toLowerCase(java.util.Locale.ROOT),
          result.outcome().name().toLowerCase(java.util.Locale.ROOT) + ": " + result.reason()));
      out.put(r.peer(), new NodeStatus.PeerHealth(NodeStatus.Verdict.valueOf(r.verdict().name()), r.checkedAt(),
          r.consecutiveFailures(), checks));
    }
    return out;
  }

  /** Runs every health check on {@code peer} now (on demand) and returns the record. */
  public HealthRecord checkNow(NodeMetadata peer) {
    return health.checkNow(peer);
  }

  private static char[] randomPassword() {
    // The TLS key store lives only in memory; its password just satisfies the KeyStore API.
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return java.util.Base64.getEncoder().encodeToString(b).toCharArray();
  }

  @Override
  public void close() {
    if (health != null) {
      health.close();
    }
    learner.close();
    duties.shutdownNow();
    sweeper.shutdownNow();
    server.close();
    try {
      store.close();
    } catch (Exception e) {
      LOG.warn("closing the store: {}", e.toString());
    }
  }

  /**
   * The registry the configuration names, or none (a node that stands alone).
   *
   * @throws IllegalArgumentException naming the file and the problem if the registry does not load or verify
   */
  static Membership membershipOf(NodeConfig config) throws IOException {
    if (config.registry().isEmpty()) {
      return Membership.none(config.domain());
    }
    Membership m = Membership.federated(config.federation().orElseThrow(), config.registry().get());
    if (!m.registry().domain().equals(config.domain())) {
      throw new IllegalArgumentException("the registry " + config.registry().get() + " is for network '"
          + m.registry().domain() + "' but this node is configured for '" + config.domain() + "'");
    }
    return m;
  }
}
