package dev.nkms.node;

import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.learning.Teaching;
import dev.nkms.network.membership.Membership;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.node.config.ConfiguredMembership;
import dev.nkms.node.config.NodeConfig;
import dev.nkms.node.health.HealthMonitor;
import dev.nkms.node.health.HealthRecord;
import dev.nkms.node.http.NodeServer;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.identity.SelfMetadata;
import dev.nkms.node.service.ExpirySweeper;
import dev.nkms.node.service.Metrics;
import dev.nkms.node.service.ReencryptionService;
import dev.nkms.node.store.NodeStore;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running node, the composition root: builds identity, store, service, learning loop, health
 * checks and HTTPS server, starts them in order and stops them last first ({@link StartedParts}).
 * Wiring only; the behaviour lives in the parts — the signed metadata in {@link SelfMetadata}, the
 * status page in {@link NodeStatusReport}, the schedules in {@link ExpirySweeper}, {@link
 * HealthMonitor} and {@link DutySchedule}.
 */
public final class NodeRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);
  public static final String DATABASE_FILE = dev.nkms.node.config.NodeDataDir.DATABASE;
  public static final String KNOWN_NODES_FILE = dev.nkms.node.config.NodeDataDir.KNOWN_NODES;

  private final NodeIdentity identity;
  private final StartedParts parts = new StartedParts();
  private final NodeStore store;
  private final SelfMetadata self;
  private final Learner learner;
  private final HealthMonitor health;
  private final NodeServer server;

  private NodeRuntime(
      NodeConfig config,
      NodeIdentity identity,
      Clock clock,
      ReencryptionService.DevFault fault,
      NodePlugins plugins)
      throws Exception {
    this.identity = identity;
    Metrics metrics = new Metrics();
    Instant startedAt = clock.instant();
    this.self =
        new SelfMetadata(
            identity, config.domain(), config.publicHost(), clock, RandomSource.secure());
    this.store = parts.add("store", NodeStore.open(config.dataDir().resolve(DATABASE_FILE), clock));
    try {
      ReencryptionService service =
          new ReencryptionService(
              identity,
              store,
              clock,
              RandomSource.secure(),
              new ReencryptionService.Limits(
                  config.maxCapsulesPerRequest(),
                  config.maxConcurrentRequests(),
                  config.maxClockSkew(),
                  config.maxPoliciesPerAlice()),
              metrics,
              fault,
              plugins.payments());
      if (fault != ReencryptionService.DevFault.NONE) {
        LOG.warn("DEV FAULT INJECTION ACTIVE: {} — this node misbehaves on purpose", fault);
      }
      char[] tlsPassword = randomPassword();
      KeyStore tls = identity.tlsKeyStore(tlsPassword);
      Membership membership =
          plugins.membership().isPresent()
              ? plugins.membership().get()
              : ConfiguredMembership.of(config);
      this.learner =
          parts.add(
              "learner",
              Learner.builder(membership.registry(), HttpsNodeClient.factory())
                  .sync(membership.sync())
                  .teaching(new Teaching(self::current, identity.signer(), this::unhealthy))
                  .seeds(config.peers())
                  .store(config.dataDir().resolve(KNOWN_NODES_FILE))
                  .clock(clock)
                  .settings(Learner.Settings.every(config.learningInterval()))
                  .build());
      // Health checks act as an anonymous client: fresh keys per challenge policy, nothing of this
      // node's identity.
      this.health =
          parts.add(
              "health checks",
              new HealthMonitor(
                  () -> learner.known().stream().map(Learner.KnownNode::metadata).toList(),
                  HttpsNodeClient.factory(),
                  clock,
                  RandomSource.secure()));
      NodeStatusReport status =
          new NodeStatusReport(
              identity,
              self,
              store,
              membership.registry(),
              learner,
              health,
              plugins.duties(),
              metrics,
              clock,
              startedAt);
      this.server =
          new NodeServer(
              config.host(),
              config.port(),
              tls,
              tlsPassword,
              service,
              self::currentBytes,
              new TeacherEndpoint(learner),
              status,
              metrics,
              config.maxRequestBytes());
      metrics.gauge("nkms_policies", "policies (kfrags) held", () -> store.counts().policies());
      metrics.gauge(
          "nkms_revocations", "policies revoked at this node", () -> store.counts().revocations());
      metrics.gauge(
          "nkms_access_log_entries",
          "entries in the access log",
          () -> store.counts().accessLogEntries());
      parts.add("server", server.start());
      self.signFor(server.port());
      learner.selfChanged();
      learner.start();
      health.start(config.healthCheckInterval());
      parts.add("expiry sweeper", ExpirySweeper.start(service, config.expirySweepInterval()));
      parts.add("duties", DutySchedule.start(plugins.duties(), this));
    } catch (Exception | Error e) {
      parts.close(); // e.g. the port is taken: leave nothing open behind a failed start
      throw e;
    }
  }

  public static NodeRuntime start(NodeConfig config, NodeIdentity identity, Clock clock)
      throws Exception {
    return new NodeRuntime(
        config, identity, clock, ReencryptionService.DevFault.NONE, NodePlugins.none());
  }

  public static NodeRuntime start(
      NodeConfig config, NodeIdentity identity, Clock clock, NodePlugins plugins) throws Exception {
    return new NodeRuntime(config, identity, clock, ReencryptionService.DevFault.NONE, plugins);
  }

  /** For tests of client defences only: a node that cheats in the given way. */
  public static NodeRuntime startWithFault(
      NodeConfig config, NodeIdentity identity, Clock clock, ReencryptionService.DevFault fault)
      throws Exception {
    return new NodeRuntime(config, identity, clock, fault, NodePlugins.none());
  }

  /** For tests and the demo: a node that cheats in the given way, with plugins (e.g. on chain). */
  public static NodeRuntime startWithFault(
      NodeConfig config,
      NodeIdentity identity,
      Clock clock,
      ReencryptionService.DevFault fault,
      NodePlugins plugins)
      throws Exception {
    return new NodeRuntime(config, identity, clock, fault, plugins);
  }

  public NodeIdentity identity() {
    return identity;
  }

  /** The policies this node holds a kfrag for now. */
  public List<Hrac> heldPolicies() {
    return store.policies().list();
  }

  public NodeMetadata metadata() {
    return self.current();
  }

  public int port() {
    return server.port();
  }

  /** Peers this node's own health checks found failing (empty until the monitor has run). */
  private Set<NodeAddress> unhealthy() {
    HealthMonitor h = health;
    return h == null
        ? Set.of()
        : h.unhealthy(); // null only while the constructor has yet to build it
  }

  /** What this node knows of the network (the directory its health checks and status page use). */
  public Learner learner() {
    return learner;
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
    parts.close();
  }
}
