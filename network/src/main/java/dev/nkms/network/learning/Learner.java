package dev.nkms.network.learning;

import dev.nkms.crypto.RandomSource;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.protocol.FleetState;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PeerAddress;
import dev.nkms.registry.StakeRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Node discovery by gossip (the learning loop), for nodes and clients alike.
 *
 * <p>Each round picks a teacher from the known nodes (a shuffled queue, refilled when empty), sends
 * our fleet checksum, registry serial and — for a node — our own metadata, and takes in what the
 * teacher answers: "same", or its signed list of nodes, a newer registry document, and its health
 * verdicts. A node is taken in only if its metadata is self-signed, of our domain, not older than
 * what we hold, not from the future, and staked at least {@code s_min} in the registry; before
 * first use its live server must present the pinned certificate and the same metadata ({@link
 * #live}). Known nodes are persisted; a node that keeps failing is forgotten; rounds back off while
 * nothing changes; the number of known nodes is bounded whatever peers send (the registry bounds
 * it, and {@link Settings#maxKnown()} on top).
 *
 * <p>Nothing blocks forever: {@link #awaitNodes} waits with a deadline and says how many nodes it
 * found.
 *
 * <p>This class is the facade; each job has its class: {@link KnownNodes} (the table, refusals,
 * forgetting, fleet state, the known-nodes file), {@link LearningLoop} (rounds, seeds, teacher
 * choice, back-off, the thread), {@link TeacherSide} (answering learners), {@link LiveCheck}
 * (before first use), {@link PeerReports} (teachers' health reports) and {@link LearnedDirectory}
 * (eligible nodes and waiting for them).
 *
 * <p>Locking: one monitor, made here, is shared by {@link KnownNodes} and {@link LearningLoop}; it
 * guards the table of known nodes, the refusal counts and the pending-commit flag, and the loop's
 * teacher queue, counters, waiter count and closed flag, and its {@code notifyAll} means "the table
 * changed, someone waits, or we close". No network call is made while holding it. {@link
 * PeerReports} guards its map with its own monitor, a leaf (taken inside the shared one, never the
 * other way round). The fleet state, the last round and the newer-registry hint are volatile.
 */
public final class Learner implements NodeDirectory, AutoCloseable {
  /** Why a node's metadata was not taken in; counted for the status page. */
  public enum Refusal {
    OTHER_DOMAIN,
    NOT_STAKED,
    NOT_NEWER,
    FROM_THE_FUTURE,
    FULL
  }

  /** What one round did. */
  public enum Outcome {
    NO_TEACHER,
    UNREACHABLE,
    SAME,
    LEARNED,
    NOTHING_NEW
  }

  public record Round(Optional<NodeAddress> teacher, Outcome outcome, int learned, String detail) {}

  /** Timing and bounds of the loop. */
  public record Settings(
      Duration interval,
      Duration maxInterval,
      int failuresToForget,
      Duration forgetAfter,
      int maxKnown,
      Duration liveCheckValidity,
      Duration maxFutureSkew,
      Duration seedTimeout) {
    public Settings {
      for (Duration d :
          List.of(
              interval, maxInterval, forgetAfter, liveCheckValidity, maxFutureSkew, seedTimeout)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("learner durations must be positive");
        }
      }
      if (maxInterval.compareTo(interval) < 0 || failuresToForget < 1 || maxKnown < 1) {
        throw new IllegalArgumentException(
            "need interval ≤ max interval, failures to forget ≥ 1, max known ≥ 1");
      }
    }

    /** A round every {@code interval}, backing off to 16 × that while nothing changes. */
    public static Settings every(Duration interval) {
      return new Settings(
          interval,
          interval.multipliedBy(16),
          3,
          max(interval.multipliedBy(60), Duration.ofSeconds(30)),
          100_000,
          Duration.ofMinutes(10),
          Duration.ofMinutes(5),
          Duration.ofSeconds(5));
    }

    public Settings withForgetting(int failures, Duration after) {
      return new Settings(
          interval,
          maxInterval,
          failures,
          after,
          maxKnown,
          liveCheckValidity,
          maxFutureSkew,
          seedTimeout);
    }

    public Settings withMaxKnown(int max) {
      return new Settings(
          interval,
          maxInterval,
          failuresToForget,
          forgetAfter,
          max,
          liveCheckValidity,
          maxFutureSkew,
          seedTimeout);
    }

    private static Duration max(Duration a, Duration b) {
      return a.compareTo(b) >= 0 ? a : b;
    }
  }

  /** A known node and what we have seen of it. */
  public record KnownNode(
      NodeMetadata metadata,
      Instant firstSeen,
      Optional<Instant> verifiedAt,
      Instant lastSuccess,
      int failures) {
    KnownNode withMetadata(NodeMetadata m, Optional<Instant> verified) {
      return new KnownNode(m, firstSeen, verified, lastSuccess, failures);
    }

    KnownNode succeeded(Instant at, boolean verified) {
      return new KnownNode(metadata, firstSeen, verified ? Optional.of(at) : verifiedAt, at, 0);
    }

    KnownNode failed() {
      return new KnownNode(metadata, firstSeen, Optional.empty(), lastSuccess, failures + 1);
    }
  }

  /**
   * Fetches a seed's metadata knowing only host and port (trust on first use, then checked like any
   * other).
   */
  @FunctionalInterface
  public interface SeedFetcher {
    NodeMetadata fetch(PeerAddress peer, Duration timeout) throws NodeException;
  }

  private final KnownNodes known;
  private final LearningLoop loop;
  private final Optional<TeacherSide> teacher;
  private final LiveCheck liveCheck;
  private final LearnedDirectory directory;

  private Learner(Builder b) {
    Optional<Teaching> teaching = b.teaching;
    Supplier<Optional<NodeMetadata>> self = () -> teaching.map(t -> t.self().get());
    Object lock = new Object();
    PeerReports reports = new PeerReports();
    this.known =
        new KnownNodes(lock, b.registry, self, b.store, b.clock, b.settings, reports::forget);
    this.liveCheck = new LiveCheck(known, b.nodes, b.clock, b.settings.liveCheckValidity());
    this.loop =
        new LearningLoop(
            lock,
            known,
            reports,
            liveCheck,
            b.sync,
            b.seeds,
            b.seedFetcher,
            b.nodes,
            b.random,
            b.settings);
    this.teacher =
        teaching.map(
            t -> new TeacherSide(known, b.sync, t, loop::hintNewerRegistry, b.clock, b.random));
    this.directory =
        new LearnedDirectory(
            known,
            reports,
            b.registry,
            () -> teaching.map(t -> t.unhealthy().get()).orElse(Set.of()),
            loop);
  }

  public static Builder builder(StakeRegistry registry, NodeApiFactory nodes) {
    return new Builder(registry, nodes);
  }

  // ------------------------------------------------------------------------------------------------ the loop

  /** Runs rounds on a daemon thread until {@link #close()}. */
  public void start() {
    loop.start();
  }

  /** The pause before the next round: the base interval, doubled per idle round, capped. */
  public Duration nextDelay() {
    return loop.nextDelay();
  }

  /** One learning round, on the calling thread. */
  public Round learnOnce() {
    return loop.learnOnce();
  }

  // ------------------------------------------------------------------------------------------------ teacher side

  /**
   * Answers a learner (the node's {@code POST /v1/node-metadata}): takes in the announced metadata
   * like any learned one, then answers "same" or with every node known (and itself).
   *
   * @throws IllegalStateException if this learner is a client's (it has nothing to sign with)
   */
  public MetadataResponse answer(MetadataRequest request) {
    return teacher
        .orElseThrow(() -> new IllegalStateException("a client's learner does not teach"))
        .answer(request);
  }

  // ------------------------------------------------------------------------------------------------ directory

  @Override
  public Optional<NodeMetadata> find(NodeAddress address) {
    return directory.find(address);
  }

  @Override
  public List<EligibleNode> eligible(Instant through) {
    return directory.eligible(through);
  }

  /** The addresses more than half of our teachers report unhealthy (for status pages). */
  public Set<NodeAddress> reportedUnhealthy() {
    return directory.reportedUnhealthy();
  }

  @Override
  public Optional<NodeMetadata> live(NodeMetadata node) {
    return liveCheck.check(node);
  }

  /**
   * Waits until at least {@code count} nodes are eligible for a policy running until {@code
   * through}, learning eagerly meanwhile.
   *
   * @throws NotEnoughNodesKnown when the timeout passes first; it says how many were found
   */
  public List<EligibleNode> awaitNodes(int count, Instant through, Duration timeout)
      throws NotEnoughNodesKnown, InterruptedException {
    return directory.awaitNodes(count, through, timeout);
  }

  /**
   * How many nodes the registry (as adopted so far) lists as eligible until {@code through}, known
   * here or not: a caller asking for more can say so at once instead of waiting (the registry may
   * still grow by gossip).
   */
  public int registeredEligible(Instant through) {
    return directory.registeredEligible(through);
  }

  /**
   * Waits until every node the registry lists as eligible until {@code through} is known and
   * eligible here, or the timeout passes; returns those known then (all of them, unless it timed
   * out). For reaching every node — e.g. to revoke a grant whose kfrag holders are unknown.
   */
  public List<EligibleNode> awaitAllEligible(Instant through, Duration timeout)
      throws InterruptedException {
    return directory.awaitAllEligible(through, timeout);
  }

  /**
   * Waits until at least {@code atLeast} of {@code wanted} are known (Bob: a threshold of his map's
   * nodes), learning eagerly meanwhile; returns how many are known when it stops, which is fewer
   * than asked only at the timeout.
   */
  public int awaitKnown(Collection<NodeAddress> wanted, int atLeast, Duration timeout)
      throws InterruptedException {
    return directory.awaitKnown(wanted, atLeast, timeout);
  }

  // ------------------------------------------------------------------------------------------------ state

  /**
   * Takes in one node's metadata. Empty if it was added or replaced an older version; otherwise why
   * not.
   *
   * @param verified whether it was just read from the live node (over a pinned connection)
   */
  Optional<Refusal> consider(NodeMetadata m, boolean verified) {
    return known.consider(m, verified);
  }

  /** Our own metadata changed (a node restarted on a new port): the fleet state covers it. */
  public void selfChanged() {
    known.selfChanged();
  }

  public int knownCount() {
    return known.count();
  }

  public List<KnownNode> known() {
    return known.all();
  }

  public FleetState fleetState() {
    return known.fleetState();
  }

  public Round lastRound() {
    return loop.lastRound();
  }

  public long rounds() {
    return loop.rounds();
  }

  public Map<Refusal, Long> refusals() {
    return known.refusals();
  }

  public String domain() {
    return known.domain();
  }

  @Override
  public void close() {
    loop.close();
    known.close();
  }

  /**
   * Assembles a learner; the registry and transport are required, everything else has a default.
   */
  public static final class Builder {
    private final StakeRegistry registry;
    private final NodeApiFactory nodes;
    private RegistrySync sync = RegistrySync.none();
    private Optional<Teaching> teaching = Optional.empty();
    private List<PeerAddress> seeds = List.of();
    private Optional<Path> store = Optional.empty();
    private SeedFetcher seedFetcher =
        (peer, timeout) ->
            HttpsNodeClient.fetchMetadataTrustOnFirstUse(peer.host(), peer.port(), timeout);
    private Clock clock = Clock.systemUTC();
    private RandomSource random = RandomSource.secure();
    private Settings settings = Settings.every(Duration.ofSeconds(5));

    private Builder(StakeRegistry registry, NodeApiFactory nodes) {
      this.registry = Objects.requireNonNull(registry);
      this.nodes = Objects.requireNonNull(nodes);
    }

    public Builder sync(RegistrySync sync) {
      this.sync = Objects.requireNonNull(sync);
      return this;
    }

    public Builder teaching(Teaching teaching) {
      this.teaching = Optional.of(teaching);
      return this;
    }

    public Builder seeds(List<PeerAddress> seeds) {
      this.seeds = List.copyOf(seeds);
      return this;
    }

    /** A file to persist known nodes in (restored at start, rewritten atomically on change). */
    public Builder store(Path file) {
      this.store = Optional.of(file);
      return this;
    }

    public Builder seedFetcher(SeedFetcher fetcher) {
      this.seedFetcher = Objects.requireNonNull(fetcher);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    public Builder random(RandomSource random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    public Builder settings(Settings settings) {
      this.settings = Objects.requireNonNull(settings);
      return this;
    }

    public Learner build() {
      return new Learner(this);
    }
  }
}
