package dev.nkms.node;

import dev.nkms.crypto.RandomSource;
import dev.nkms.node.config.NodeConfig;
import dev.nkms.node.http.NodeServer;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.service.Metrics;
import dev.nkms.node.service.ReencryptionService;
import dev.nkms.node.store.NodeStore;
import dev.nkms.protocol.NodeMetadata;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
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

  private final NodeIdentity identity;
  private final NodeStore store;
  private final NodeServer server;
  private final ScheduledExecutorService sweeper;
  private final Instant startedAt;
  private final Metrics metrics;
  private final Clock clock;
  private volatile NodeMetadata metadata;

  private NodeRuntime(NodeConfig config, NodeIdentity identity, Clock clock, ReencryptionService.DevFault fault)
      throws Exception {
    this.identity = identity;
    this.metrics = new Metrics();
    this.clock = clock;
    this.startedAt = clock.instant();
    this.store = NodeStore.open(config.dataDir().resolve(DATABASE_FILE), clock);
    ReencryptionService service = new ReencryptionService(identity, store, clock, RandomSource.secure(),
        new ReencryptionService.Limits(config.maxCapsulesPerRequest(), config.maxConcurrentRequests(),
            config.maxClockSkew()), metrics, fault);
    if (fault != ReencryptionService.DevFault.NONE) {
      LOG.warn("DEV FAULT INJECTION ACTIVE: {} — this node misbehaves on purpose", fault);
    }
    char[] tlsPassword = randomPassword();
    KeyStore tls = identity.tlsKeyStore(tlsPassword);
    this.server = new NodeServer(config.host(), config.port(), tls, tlsPassword, service,
        () -> metadata == null ? null : metadata.toBytes(), this::status, metrics, config.maxRequestBytes());
    metrics.gauge("nkms_policies", "policies (kfrags) held", () -> store.counts().policies());
    metrics.gauge("nkms_revocations", "policies revoked at this node", () -> store.counts().revocations());
    metrics.gauge("nkms_access_log_entries", "entries in the access log", () -> store.counts().accessLogEntries());
    try {
      server.start();
    } catch (RuntimeException e) {
      store.close(); // e.g. the port is taken: leave nothing open behind a failed start
      throw e;
    }
    this.metadata = NodeMetadata.sign(identity.signer(), identity.encryptingKey().publicKey(), config.domain(),
        config.publicHost(), server.port(), identity.tlsFingerprint(), clock.instant(), RandomSource.secure());
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
  }

  public static NodeRuntime start(NodeConfig config, NodeIdentity identity, Clock clock) throws Exception {
    return new NodeRuntime(config, identity, clock, ReencryptionService.DevFault.NONE);
  }

  /** For tests of client defences only: a node that cheats in the given way. */
  public static NodeRuntime startWithFault(NodeConfig config, NodeIdentity identity, Clock clock,
      ReencryptionService.DevFault fault) throws Exception {
    return new NodeRuntime(config, identity, clock, fault);
  }

  public NodeMetadata metadata() {
    return metadata;
  }

  public int port() {
    return server.port();
  }

  private Map<String, Object> status() {
    NodeStore.StoreCounts counts = store.counts();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("address", identity.address().toHex());
    s.put("host", metadata.host());
    s.put("port", metadata.port());
    s.put("verifying_key", identity.verifyingKey().toHex());
    s.put("encrypting_key", identity.encryptingKey().publicKey().toHex());
    s.put("tls_fingerprint", metadata.tlsFingerprintHex());
    s.put("policies", counts.policies());
    s.put("revocations", counts.revocations());
    s.put("access_log_entries", counts.accessLogEntries());
    s.put("capsules_reencrypted", metrics.counter("nkms_capsules_reencrypted_total"));
    s.put("uptime_s", Duration.between(startedAt, clock.instant()).toSeconds());
    s.put("version", "nkms 0.1.0");
    return s;
  }

  private static char[] randomPassword() {
    // The TLS key store lives only in memory; its password just satisfies the KeyStore API.
    byte[] b = new byte[18];
    new SecureRandom().nextBytes(b);
    return java.util.Base64.getEncoder().encodeToString(b).toCharArray();
  }

  @Override
  public void close() {
    sweeper.shutdownNow();
    server.close();
    try {
      store.close();
    } catch (Exception e) {
      LOG.warn("closing the store: {}", e.toString());
    }
  }
}
