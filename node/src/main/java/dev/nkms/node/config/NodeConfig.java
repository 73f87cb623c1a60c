package dev.nkms.node.config;

import dev.nkms.network.transport.SelfSignedCertificate;
import dev.nkms.protocol.NetworkDomain;
import dev.nkms.protocol.PeerAddress;
import dev.nkms.protocol.ReencryptionRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.util.IPAddress;

/**
 * How a node runs: where its state lives, where it listens, what it tells others, and its request
 * limits. Immutable; every value is checked when set, so a built instance is always usable. Build
 * one with {@link #builder(Path)} or load one with {@link NodeConfigLoader}.
 *
 * <p>Why this file is long: one immutable value with a validated field per node setting (each with
 * its default, range and message) and its builder; splitting it would scatter the settings.
 */
public final class NodeConfig {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 9151;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;
  public static final int DEFAULT_MAX_CAPSULES_PER_REQUEST = 1000;
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

  /** Policies (plus revoked ids the node never held) one unpaid Alice key may keep at a node. */
  public static final int DEFAULT_MAX_POLICIES_PER_ALICE = 1000;

  public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);
  public static final Duration DEFAULT_EXPIRY_SWEEP_INTERVAL = Duration.ofSeconds(60);
  public static final String DEFAULT_DOMAIN = "local";
  public static final Duration DEFAULT_LEARNING_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_HEALTH_CHECK_INTERVAL = Duration.ofMinutes(10);
  public static final int MAX_PEERS = 64;

  /**
   * Bounds. A request body must hold at least a small request; 64 MiB is far above any honest one.
   */
  public static final long MIN_MAX_REQUEST_BYTES = 1024;

  public static final long MAX_MAX_REQUEST_BYTES = 64L * 1024 * 1024;
  public static final int MAX_MAX_CAPSULES_PER_REQUEST = ReencryptionRequest.MAX_CAPSULES;
  public static final int MAX_MAX_CONCURRENT_REQUESTS = 4096;
  public static final int MAX_MAX_POLICIES_PER_ALICE = 100_000_000;
  public static final Duration MIN_CLOCK_SKEW = Duration.ofSeconds(1);
  public static final Duration MAX_CLOCK_SKEW = Duration.ofHours(1);
  public static final Duration MIN_SWEEP_INTERVAL = Duration.ofMillis(10);
  public static final Duration MAX_SWEEP_INTERVAL = Duration.ofHours(24);
  public static final Duration MIN_LEARNING_INTERVAL = Duration.ofMillis(50);
  public static final Duration MAX_LEARNING_INTERVAL = Duration.ofHours(1);
  public static final Duration MIN_HEALTH_CHECK_INTERVAL = Duration.ofMillis(100);
  public static final Duration MAX_HEALTH_CHECK_INTERVAL = Duration.ofDays(7);

  private final Path dataDir;
  private final String host;
  private final String publicHost;
  private final int port;
  private final long maxRequestBytes;
  private final int maxCapsulesPerRequest;
  private final int maxConcurrentRequests;
  private final int maxPoliciesPerAlice;
  private final Duration maxClockSkew;
  private final Duration expirySweepInterval;
  private final String domain;
  private final List<PeerAddress> peers;
  private final Optional<Path> federation;
  private final Optional<Path> registry;
  private final Duration learningInterval;
  private final Duration healthCheckInterval;

  private NodeConfig(Builder b) {
    if (b.dataDir == null) {
      throw new IllegalArgumentException("data directory is not set");
    }
    String pub = b.publicHost != null ? b.publicHost : b.host;
    if (isWildcard(pub)) {
      throw new IllegalArgumentException(
          "public host "
              + pub
              + " is a wildcard address that others cannot connect"
              + " to; set a public host when binding to "
              + b.host);
    }
    this.dataDir = b.dataDir;
    this.host = b.host;
    this.publicHost = pub;
    this.port = b.port;
    this.maxRequestBytes = b.maxRequestBytes;
    this.maxCapsulesPerRequest = b.maxCapsulesPerRequest;
    this.maxConcurrentRequests = b.maxConcurrentRequests;
    this.maxPoliciesPerAlice = b.maxPoliciesPerAlice;
    this.maxClockSkew = b.maxClockSkew;
    this.expirySweepInterval = b.expirySweepInterval;
    if ((b.federation == null) != (b.registry == null)) {
      throw new IllegalArgumentException(
          "federation and registry go together: the registry file is verified against"
              + " the federation's keys");
    }
    this.domain = b.domain;
    this.peers = List.copyOf(b.peers);
    this.federation = Optional.ofNullable(b.federation);
    this.registry = Optional.ofNullable(b.registry);
    this.learningInterval = b.learningInterval;
    this.healthCheckInterval = b.healthCheckInterval;
  }

  /** A builder with every default set and the given data directory. */
  public static Builder builder(Path dataDir) {
    return new Builder().dataDir(dataDir);
  }

  /** A builder starting from this configuration; the public host stays explicit. */
  public Builder toBuilder() {
    Builder b =
        new Builder()
            .dataDir(dataDir)
            .host(host)
            .publicHost(publicHost)
            .port(port)
            .maxRequestBytes(maxRequestBytes)
            .maxCapsulesPerRequest(maxCapsulesPerRequest)
            .maxConcurrentRequests(maxConcurrentRequests)
            .maxPoliciesPerAlice(maxPoliciesPerAlice)
            .maxClockSkew(maxClockSkew)
            .expirySweepInterval(expirySweepInterval);
    b.domain(domain)
        .peers(peers)
        .learningInterval(learningInterval)
        .healthCheckInterval(healthCheckInterval);
    federation.ifPresent(b::federation);
    registry.ifPresent(b::registry);
    return b;
  }

  /** Where the keystore and database live. */
  public Path dataDir() {
    return dataDir;
  }

  /** The address the HTTPS server binds to. */
  public String host() {
    return host;
  }

  /** The host name or address the node's signed metadata announces; the bind host unless set. */
  public String publicHost() {
    return publicHost;
  }

  /** The port to listen on; 0 picks a free one. */
  public int port() {
    return port;
  }

  public long maxRequestBytes() {
    return maxRequestBytes;
  }

  public int maxCapsulesPerRequest() {
    return maxCapsulesPerRequest;
  }

  public int maxConcurrentRequests() {
    return maxConcurrentRequests;
  }

  /**
   * On a network where nobody pays (a free {@code PaymentGate}), how many policies one Alice key
   * may keep at this node: live kfrags plus revocations of ids the node never held. Payment bounds
   * it on a paid network.
   */
  public int maxPoliciesPerAlice() {
    return maxPoliciesPerAlice;
  }

  /** How far a request's timestamp may be from the node's clock. */
  public Duration maxClockSkew() {
    return maxClockSkew;
  }

  /** How often expired kfrags are deleted. */
  public Duration expirySweepInterval() {
    return expirySweepInterval;
  }

  /**
   * The network this node serves (signed into its metadata); peers of another domain are refused.
   */
  public String domain() {
    return domain;
  }

  /** Nodes to learn from first (seeds); more are discovered from them. */
  public List<PeerAddress> peers() {
    return peers;
  }

  /**
   * The federation's public keys and signature threshold (the trust anchor for {@link
   * #registry()}).
   */
  public Optional<Path> federation() {
    return federation;
  }

  /**
   * The federation-signed node registry with stakes; newer versions are also fetched from peers.
   */
  public Optional<Path> registry() {
    return registry;
  }

  /** The base pause between learning rounds (it backs off while nothing changes). */
  public Duration learningInterval() {
    return learningInterval;
  }

  /** How often each known node is health-checked. */
  public Duration healthCheckInterval() {
    return healthCheckInterval;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof NodeConfig)) {
      return false;
    }
    NodeConfig c = (NodeConfig) o;
    return dataDir.equals(c.dataDir)
        && host.equals(c.host)
        && publicHost.equals(c.publicHost)
        && port == c.port
        && maxRequestBytes == c.maxRequestBytes
        && maxCapsulesPerRequest == c.maxCapsulesPerRequest
        && maxConcurrentRequests == c.maxConcurrentRequests
        && maxPoliciesPerAlice == c.maxPoliciesPerAlice
        && maxClockSkew.equals(c.maxClockSkew)
        && expirySweepInterval.equals(c.expirySweepInterval)
        && domain.equals(c.domain)
        && peers.equals(c.peers)
        && federation.equals(c.federation)
        && registry.equals(c.registry)
        && learningInterval.equals(c.learningInterval)
        && healthCheckInterval.equals(c.healthCheckInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        dataDir,
        host,
        publicHost,
        port,
        maxRequestBytes,
        maxCapsulesPerRequest,
        maxConcurrentRequests,
        maxPoliciesPerAlice,
        maxClockSkew,
        expirySweepInterval,
        domain,
        peers,
        federation,
        registry,
        learningInterval,
        healthCheckInterval);
  }

  @Override
  public String toString() {
    return "NodeConfig[data-dir="
        + dataDir
        + ", host="
        + host
        + ", public-host="
        + publicHost
        + ", port="
        + port
        + ", max-request-bytes="
        + maxRequestBytes
        + ", max-capsules-per-request="
        + maxCapsulesPerRequest
        + ", max-concurrent-requests="
        + maxConcurrentRequests
        + ", max-policies-per-alice="
        + maxPoliciesPerAlice
        + ", max-clock-skew="
        + maxClockSkew
        + ", expiry-sweep-interval="
        + expirySweepInterval
        + ", domain="
        + domain
        + ", peers="
        + peers
        + ", federation="
        + federation.map(Path::toString).orElse("-")
        + ", registry="
        + registry.map(Path::toString).orElse("-")
        + ", learning-interval="
        + learningInterval
        + ", health-check-interval="
        + healthCheckInterval
        + "]";
  }

  /** True for 0.0.0.0, :: and their spellings: fine to bind to, meaningless to announce. */
  static boolean isWildcard(String host) {
    if (!IPAddress.isValid(host)) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isAnyLocalAddress(); // a literal: parsed, never looked up
    } catch (UnknownHostException e) {
      throw new IllegalStateException("validated IP literal " + host + " does not parse", e);
    }
  }

  /**
   * Collects settings; each setter checks its value and throws {@link IllegalArgumentException}
   * saying what is allowed. {@link #build()} checks the settings together.
   */
  public static final class Builder {
    private Path dataDir;
    private String host = DEFAULT_HOST;
    private String publicHost;
    private int port = DEFAULT_PORT;
    private long maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private int maxCapsulesPerRequest = DEFAULT_MAX_CAPSULES_PER_REQUEST;
    private int maxConcurrentRequests = DEFAULT_MAX_CONCURRENT_REQUESTS;
    private int maxPoliciesPerAlice = DEFAULT_MAX_POLICIES_PER_ALICE;
    private Duration maxClockSkew = DEFAULT_MAX_CLOCK_SKEW;
    private Duration expirySweepInterval = DEFAULT_EXPIRY_SWEEP_INTERVAL;
    private String domain = DEFAULT_DOMAIN;
    private List<PeerAddress> peers = List.of();
    private Path federation;
    private Path registry;
    private Duration learningInterval = DEFAULT_LEARNING_INTERVAL;
    private Duration healthCheckInterval = DEFAULT_HEALTH_CHECK_INTERVAL;

    Builder() {}

    public Builder dataDir(Path dir) {
      this.dataDir = Objects.requireNonNull(dir, "dataDir");
      return this;
    }

    /**
     * An IP address (IPv4 or IPv6, no brackets) or a DNS name; names are lower-cased and never
     * resolved here.
     */
    public Builder host(String host) {
      this.host = SelfSignedCertificate.normalizeHost(Objects.requireNonNull(host, "host"));
      return this;
    }

    /** As {@link #host}; {@code null} means "the same as the bind host". */
    public Builder publicHost(String publicHost) {
      this.publicHost = publicHost == null ? null : SelfSignedCertificate.normalizeHost(publicHost);
      return this;
    }

    public Builder port(int port) {
      this.port = (int) range(port, 0, 65535);
      return this;
    }

    public Builder maxRequestBytes(long bytes) {
      this.maxRequestBytes = range(bytes, MIN_MAX_REQUEST_BYTES, MAX_MAX_REQUEST_BYTES);
      return this;
    }

    public Builder maxCapsulesPerRequest(int n) {
      this.maxCapsulesPerRequest = (int) range(n, 1, MAX_MAX_CAPSULES_PER_REQUEST);
      return this;
    }

    public Builder maxConcurrentRequests(int n) {
      this.maxConcurrentRequests = (int) range(n, 1, MAX_MAX_CONCURRENT_REQUESTS);
      return this;
    }

    public Builder maxPoliciesPerAlice(int n) {
      this.maxPoliciesPerAlice = (int) range(n, 1, MAX_MAX_POLICIES_PER_ALICE);
      return this;
    }

    public Builder maxClockSkew(Duration skew) {
      this.maxClockSkew = range(skew, MIN_CLOCK_SKEW, MAX_CLOCK_SKEW);
      return this;
    }

    public Builder expirySweepInterval(Duration interval) {
      this.expirySweepInterval = range(interval, MIN_SWEEP_INTERVAL, MAX_SWEEP_INTERVAL);
      return this;
    }

    public Builder domain(String domain) {
      this.domain = NetworkDomain.check(domain);
      return this;
    }

    public Builder peers(List<PeerAddress> peers) {
      if (peers.size() > MAX_PEERS) {
        throw new IllegalArgumentException("at most " + MAX_PEERS + " peers, got " + peers.size());
      }
      this.peers = List.copyOf(peers);
      return this;
    }

    /** {@code null} clears it. */
    public Builder federation(Path file) {
      this.federation = file;
      return this;
    }

    /** {@code null} clears it. */
    public Builder registry(Path file) {
      this.registry = file;
      return this;
    }

    public Builder learningInterval(Duration interval) {
      this.learningInterval = range(interval, MIN_LEARNING_INTERVAL, MAX_LEARNING_INTERVAL);
      return this;
    }

    public Builder healthCheckInterval(Duration interval) {
      this.healthCheckInterval =
          range(interval, MIN_HEALTH_CHECK_INTERVAL, MAX_HEALTH_CHECK_INTERVAL);
      return this;
    }

    /**
     * @throws IllegalArgumentException if no data directory is set, or the public host would be a
     *     wildcard
     */
    public NodeConfig build() {
      return new NodeConfig(this);
    }

    private static long range(long v, long min, long max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + v);
      }
      return v;
    }

    private static Duration range(Duration d, Duration min, Duration max) {
      Objects.requireNonNull(d, "duration");
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(
            "must be between "
                + NodeConfigLoader.format(min)
                + " and "
                + NodeConfigLoader.format(max)
                + ", got "
                + NodeConfigLoader.format(d));
      }
      return d;
    }
  }
}
