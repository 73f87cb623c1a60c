package dev.nkms.network.learning;

import dev.nkms.crypto.RandomInts;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.FleetState;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PeerAddress;
import dev.nkms.registry.RegistryChange;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StakeRegistry;
import dev.nkms.registry.StaticNodeList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node discovery by gossip (the learning loop), for nodes and clients alike.
 *
 * <p>Each round picks a teacher from the known nodes (a shuffled queue, refilled when empty), sends our fleet
 * checksum, registry serial and — for a node — our own metadata, and takes in what the teacher answers: "same", or
 * its signed list of nodes, a newer registry document, and its health verdicts. A node is taken in only if its
 * metadata is self-signed, of our domain, not older than what we hold, not from the future, and staked at least
 * {@code s_min} in the registry; before first use its live server must present the pinned certificate and the same
 * metadata ({@link #live}). Known nodes are persisted; a node that keeps failing is forgotten; rounds back off while
 * nothing changes; the number of known nodes is bounded whatever peers send (the registry bounds it, and
 * {@link Settings#maxKnown()} on top).
 *
 * <p>Nothing blocks forever: {@link #awaitNodes} waits with a deadline and says how many nodes it found.
 */
public final class Learner implements NodeDirectory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Learner.class);
  static final int REPORTS = 16;

  /** Why a node's metadata was not taken in; counted for the status page. */
  public enum Refusal {
    OTHER_DOMAIN, NOT_STAKED, NOT_NEWER, FROM_THE_FUTURE, FULL
  }

  /** What one round did. */
  public enum Outcome {
    NO_TEACHER, UNREACHABLE, SAME, LEARNED, NOTHING_NEW
  }

  public record Round(Optional<NodeAddress> teacher, Outcome outcome, int learned, String detail) {}

  /** Timing and bounds of the loop. */
  public record Settings(Duration interval, Duration maxInterval, int failuresToForget, Duration forgetAfter,
      int maxKnown, Duration liveCheckValidity, Duration maxFutureSkew, Duration seedTimeout) {
    public Settings {
      for (Duration d : List.of(interval, maxInterval, forgetAfter, liveCheckValidity, maxFutureSkew, seedTimeout)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("learner durations must be positive");
        }
      }
      if (maxInterval.compareTo(interval) < 0 || failuresToForget < 1 || maxKnown < 1) {
        throw new IllegalArgumentException("need interval ≤ max interval, failures to forget ≥ 1, max known ≥ 1");
      }
    }

    /** A round every {@code interval}, backing off to 16 × that while nothing changes. */
    public static Settings every(Duration interval) {
      return new Settings(interval, interval.multipliedBy(16), 3, max(interval.multipliedBy(60), Duration.ofSeconds(30)),
          100_000, Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    public Settings withForgetting(int failures, Duration after) {
      return new Settings(interval, maxInterval, failures, after, maxKnown, liveCheckValidity, maxFutureSkew,
          seedTimeout);
    }

    public Settings withMaxKnown(int max) {
      return new Settings(interval, maxInterval, failuresToForget, forgetAfter, max, liveCheckValidity,
          maxFutureSkew, seedTimeout);
    }

    private static Duration max(Duration a, Duration b) {
      return a.compareTo(b) >= 0 ? a : b;
    }
  }

  /** A known node and what we have seen of it. */
  public record KnownNode(NodeMetadata metadata, Instant firstSeen, Optional<Instant> verifiedAt,
      Instant lastSuccess, int failures) {
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

  /** Fetches a seed's metadata knowing only host and port (trust on first use, then checked like any other). */
  @FunctionalInterface
  public interface SeedFetcher {
    NodeMetadata fetch(PeerAddress peer, Duration timeout) throws NodeException;
  }

  private final String domain;
  private final StakeRegistry registry;
  private final RegistrySync sync;
  private final Optional<Teaching> teaching;
  private final List<PeerAddress> seeds;
  private final Optional<Path> store;
  private final NodeApiFactory nodes;
  private final SeedFetcher seedFetcher;
  private final Clock clock;
  private final RandomSource random;
  private final Settings settings;

  private final Object lock = new Object();
  private final Map<NodeAddress, KnownNode> known = new TreeMap<>();
  private final Deque<NodeAddress> teachers = new ArrayDeque<>();
  /** The latest health reports of the last few teachers (bounded: at most {@link #REPORTS} teachers). */
  private final Map<NodeAddress, Set<NodeAddress>> reports = new java.util.LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<NodeAddress, Set<NodeAddress>> eldest) {
      return size() > REPORTS;
    }
  };
  private final EnumMap<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
  private final Consumer<RegistryChange> registryListener = this::onRegistryChange;
  private volatile FleetState fleetState;
  /**
   * A node that announced itself with a newer registry than ours: it may be unknown to us exactly because our
   * registry is older, so the next round asks it (like a seed). One at a time, so strangers cannot queue up work.
   */
  private volatile NodeMetadata newerRegistryHint;
  private volatile Round lastRound = new Round(Optional.empty(), Outcome.NO_TEACHER, 0, "no round yet");
  private boolean dirty;
  private int idleRounds;
  private int waiters;
  private long rounds;
  private volatile Thread loop;
  private boolean closed;

  private Learner(Builder b) {
    this.domain = b.registry.domain();
    this.registry = b.registry;
    this.sync = b.sync;
    this.teaching = b.teaching;
    this.seeds = List.copyOf(b.seeds);
    this.store = b.store;
    this.nodes = b.nodes;
    this.seedFetcher = b.seedFetcher;
    this.clock = b.clock;
    this.random = b.random;
    this.settings = b.settings;
    registry.addListener(registryListener);
    store.ifPresent(this::restore);
    synchronized (lock) {
      recomputeFleetState();
    }
  }

  public static Builder builder(StakeRegistry registry, NodeApiFactory nodes) {
    return new Builder(registry, nodes);
  }

  // ------------------------------------------------------------------------------------------------ the loop

  /** Runs rounds on a daemon thread until {@link #close()}. */
  public void start() {
    synchronized (lock) {
      if (loop != null || closed) {
        throw new IllegalStateException("already started or closed");
      }
      loop = new Thread(this::run, "nkms-learner");
      loop.setDaemon(true);
      loop.start();
    }
  }

  private void run() {
    while (true) {
      try {
        learnOnce();
      } catch (RuntimeException e) {
        // One bad round (a peer's surprise, a full disk) must never stop learning (nucypher #2394).
        LOG.warn("learning round failed: {}", e.toString());
      }
      synchronized (lock) {
        long start = System.nanoTime();
        while (!closed) {
          // While someone waits for nodes, no back-off; a change or a new waiter re-evaluates the pause.
          Duration pause = waiters > 0 ? settings.interval() : nextDelay();
          long left = pause.toNanos() - (System.nanoTime() - start);
          if (left <= 0) {
            break;
          }
          try {
            lock.wait(Math.max(1, left / 1_000_000));
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
      }
    }
  }

  /** The pause before the next round: the base interval, doubled per idle round, capped. */
  public Duration nextDelay() {
    synchronized (lock) {
      Duration d = settings.interval();
      for (int i = 0; i < idleRounds && d.compareTo(settings.maxInterval()) < 0; i++) {
        d = d.multipliedBy(2);
      }
      return d.compareTo(settings.maxInterval()) > 0 ? settings.maxInterval() : d;
    }
  }

  /** One learning round, on the calling thread. */
  public Round learnOnce() {
    Round r = round();
    commit();
    synchronized (lock) {
      rounds++;
      lastRound = r;
      if (r.outcome() == Outcome.LEARNED) {
        idleRounds = 0;
      } else {
        idleRounds++;
      }
    }
    return r;
  }

  private Round round() {
    sync.refresh();
    if (knownCount() == 0 && !seeds.isEmpty()) {
      return bootstrapFromSeeds(); // this round's teachers are the seeds
    }
    NodeMetadata hint = newerRegistryHint;
    if (hint != null) {
      newerRegistryHint = null;
      Round r = learnFrom(hint);
      if (r.outcome() != Outcome.UNREACHABLE) {
        return r;
      }
    }
    Optional<NodeMetadata> teacher = nextTeacher();
    if (teacher.isEmpty()) {
      return new Round(Optional.empty(), Outcome.NO_TEACHER, 0, "no node known yet and no seed answered");
    }
    return learnFrom(teacher.get());
  }

  private Round bootstrapFromSeeds() {
    int learned = 0;
    Optional<NodeAddress> last = Optional.empty();
    List<String> failures = new ArrayList<>();
    for (PeerAddress seed : seeds) {
      NodeMetadata m;
      try {
        m = seedFetcher.fetch(seed, settings.seedTimeout());
      } catch (NodeException e) {
        failures.add("seed " + seed + ": " + e.getMessage());
        continue;
      }
      last = Optional.of(m.address());
      if (consider(m, true).isEmpty()) {
        learned++;
      }
      // A seed teaches even before the registry lists it: its answer is checked node by node.
      Round r = learnFrom(m);
      learned += r.learned();
      if (r.outcome() == Outcome.UNREACHABLE) {
        failures.add("seed " + seed + ": " + r.detail());
      }
    }
    if (learned > 0) {
      return new Round(last, Outcome.LEARNED, learned, "bootstrapped from seeds");
    }
    String why = failures.isEmpty() ? "the seeds taught nothing new" : String.join("; ", failures);
    LOG.info("bootstrap: {}", why);
    return new Round(last, last.isEmpty() ? Outcome.NO_TEACHER : Outcome.NOTHING_NEW, 0, why);
  }

  private Optional<NodeMetadata> nextTeacher() {
    synchronized (lock) {
      while (true) {
        if (teachers.isEmpty()) {
          teachers.addAll(RandomInts.shuffled(new ArrayList<>(known.keySet()), random));
          if (teachers.isEmpty()) {
            return Optional.empty();
          }
        }
        KnownNode k = known.get(teachers.pop());
        if (k != null) {
          return Optional.of(k.metadata());
        }
      }
    }
  }

  private Round learnFrom(NodeMetadata teacher) {
    Optional<NodeAddress> who = Optional.of(teacher.address());
    if (isKnown(teacher.address()) && live(teacher).isEmpty()) {
      return new Round(who, Outcome.UNREACHABLE, 0, "the teacher failed its live check");
    }
    MetadataRequest request = new MetadataRequest(fleetState, sync.serial(), self());
    MetadataResponse response;
    try {
      response = nodes.connect(teacher).learn(request);
    } catch (NodeException e) {
      failed(teacher.address());
      return new Round(who, Outcome.UNREACHABLE, 0, e.getMessage());
    }
    succeeded(teacher.address(), false);
    boolean registryChanged = response.registry().map(sync::offer).orElse(false);
    int learned = 0;
    for (NodeMetadata m : response.nodes()) {
      if (consider(m, false).isEmpty()) {
        learned++;
      }
    }
    synchronized (lock) {
      Set<NodeAddress> flagged = new java.util.HashSet<>(response.unhealthy());
      flagged.retainAll(known.keySet()); // a report about strangers costs us nothing
      reports.remove(teacher.address());
      reports.put(teacher.address(), Set.copyOf(flagged));
    }
    if (learned > 0 || registryChanged) {
      return new Round(who, Outcome.LEARNED, learned, registryChanged ? "adopted a newer registry" : "");
    }
    return new Round(who, response.nodes().isEmpty() ? Outcome.SAME : Outcome.NOTHING_NEW, 0, "");
  }

  // ------------------------------------------------------------------------------------------------ teacher side

  /**
   * Answers a learner (the node's {@code POST /v1/node-metadata}): takes in the announced metadata like any learned
   * one, then answers "same" or with every node known (and itself).
   *
   * @throws IllegalStateException if this learner is a client's (it has nothing to sign with)
   */
  public MetadataResponse answer(MetadataRequest request) {
    Teaching t = teaching.orElseThrow(() -> new IllegalStateException("a client's learner does not teach"));
    request.announce().ifPresent(m -> {
      if (consider(m, false).isPresent() && request.registrySerial() > sync.serial() && m.domain().equals(domain)) {
        newerRegistryHint = m;
      }
    });
    commit();
    FleetState state = fleetState;
    List<NodeMetadata> list = List.of();
    if (!request.fleetState().sameAs(state)) {
      List<NodeMetadata> all = new ArrayList<>();
      self().ifPresent(all::add);
      synchronized (lock) {
        for (KnownNode k : known.values()) {
          if (all.size() >= MetadataResponse.MAX_NODES) {
            break;
          }
          all.add(k.metadata());
        }
      }
      list = all;
    }
    Optional<byte[]> doc = sync.serial() > request.registrySerial() ? sync.document() : Optional.empty();
    Set<NodeAddress> unhealthy = t.unhealthy().get();
    commit();
    return MetadataResponse.sign(t.signer(), state, clock.instant(), list, doc,
        unhealthy.size() > MetadataResponse.MAX_NODES ? Set.of() : unhealthy, random);
  }

  // ------------------------------------------------------------------------------------------------ directory

  @Override
  public Optional<NodeMetadata> find(NodeAddress address) {
    synchronized (lock) {
      return Optional.ofNullable(known.get(address)).map(KnownNode::metadata);
    }
  }

  @Override
  public List<EligibleNode> eligible(Instant through) {
    Set<NodeAddress> own = teaching.map(t -> t.unhealthy().get()).orElse(Set.of());
    List<EligibleNode> out = new ArrayList<>();
    synchronized (lock) {
      for (Stake s : registry.eligible(through)) {
        KnownNode k = known.get(s.node());
        if (k != null && !own.contains(s.node()) && !reportedUnhealthy(s.node())) {
          out.add(new EligibleNode(k.metadata(), s));
        }
      }
    }
    return out;
  }

  /** Unhealthy in the view of more than half of the teachers whose latest reports we hold. */
  private boolean reportedUnhealthy(NodeAddress node) {
    if (reports.isEmpty()) {
      return false;
    }
    long against = reports.values().stream().filter(s -> s.contains(node)).count();
    return against * 2 > reports.size();
  }

  /** The addresses more than half of our teachers report unhealthy (for status pages). */
  public Set<NodeAddress> reportedUnhealthy() {
    synchronized (lock) {
      Set<NodeAddress> out = new java.util.TreeSet<>();
      for (NodeAddress a : known.keySet()) {
        if (reportedUnhealthy(a)) {
          out.add(a);
        }
      }
      return out;
    }
  }

  @Override
  public Optional<NodeMetadata> live(NodeMetadata node) {
    KnownNode k;
    synchronized (lock) {
      k = known.get(node.address());
    }
    Instant now = clock.instant();
    if (k != null && k.verifiedAt().isPresent()
        && Duration.between(k.verifiedAt().get(), now).compareTo(settings.liveCheckValidity()) < 0) {
      return Optional.of(k.metadata());
    }
    NodeMetadata asKnown = k != null ? k.metadata() : node;
    NodeMetadata served;
    try {
      served = nodes.connect(asKnown).metadata();
    } catch (NodeException e) {
      failed(node.address());
      return Optional.empty();
    }
    if (served.equals(asKnown)) {
      succeeded(node.address(), true);
      return Optional.of(served);
    }
    // The node serves other metadata under the pinned certificate: newer wins if it passes every check.
    if (served.timestamp().isAfter(asKnown.timestamp()) && consider(served, false).isEmpty()) {
      commit();
      return live(served);
    }
    failed(node.address());
    return Optional.empty();
  }

  /**
   * Waits until at least {@code count} nodes are eligible for a policy running until {@code through}, learning
   * eagerly meanwhile.
   *
   * @throws NotEnoughNodesKnown when the timeout passes first; it says how many were found
   */
  public List<EligibleNode> awaitNodes(int count, Instant through, Duration timeout)
      throws NotEnoughNodesKnown, InterruptedException {
    List<EligibleNode> found = awaitUntil(() -> {
      List<EligibleNode> now = eligible(through);
      return now.size() >= count ? now : null;
    }, timeout);
    if (found == null) {
      throw new NotEnoughNodesKnown(count, eligible(through).size(), knownCount(), timeout);
    }
    return found;
  }

  /**
   * How many nodes the registry (as adopted so far) lists as eligible until {@code through}, known here or not: a
   * caller asking for more can say so at once instead of waiting (the registry may still grow by gossip).
   */
  public int registeredEligible(Instant through) {
    return registry.eligible(through).size();
  }

  /**
   * Waits until every node the registry lists as eligible until {@code through} is known and eligible here, or the
   * timeout passes; returns those known then (all of them, unless it timed out). For reaching every node — e.g. to
   * revoke a grant whose kfrag holders are unknown.
   */
  public List<EligibleNode> awaitAllEligible(Instant through, Duration timeout) throws InterruptedException {
    int registered = registry.eligible(through).size();
    List<EligibleNode> found = awaitUntil(() -> {
      List<EligibleNode> now = eligible(through);
      return now.size() >= registered ? now : null;
    }, timeout);
    return found != null ? found : eligible(through);
  }

  /**
   * Waits until at least {@code atLeast} of {@code wanted} are known (Bob: a threshold of his map's nodes), learning
   * eagerly meanwhile; returns how many are known when it stops, which is fewer than asked only at the timeout.
   */
  public int awaitKnown(java.util.Collection<NodeAddress> wanted, int atLeast, Duration timeout)
      throws InterruptedException {
    java.util.function.IntSupplier count = () -> {
      synchronized (lock) {
        return (int) wanted.stream().filter(known::containsKey).count();
      }
    };
    Integer found = awaitUntil(() -> {
      int n = count.getAsInt();
      return n >= atLeast || n == wanted.size() ? n : null;
    }, timeout);
    return found != null ? found : count.getAsInt();
  }

  /**
   * Learns eagerly (on this thread if no loop runs, else by waking the loop) until {@code done} gives a result or
   * the timeout passes (then null).
   */
  private <T> T awaitUntil(java.util.function.Supplier<T> done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      waiters++;
      lock.notifyAll();
    }
    try {
      while (true) {
        T result = done.get();
        long left = deadline - System.nanoTime();
        if (result != null || left <= 0) {
          return result;
        }
        if (loop == null) {
          learnOnce();
        } else {
          synchronized (lock) {
            lock.wait(Math.max(1, Math.min(left / 1_000_000, settings.interval().toMillis())));
          }
        }
      }
    } finally {
      synchronized (lock) {
        waiters--;
      }
    }
  }

  // ------------------------------------------------------------------------------------------------ state

  /**
   * Takes in one node's metadata. Empty if it was added or replaced an older version; otherwise why not.
   *
   * @param verified whether it was just read from the live node (over a pinned connection)
   */
  Optional<Refusal> consider(NodeMetadata m, boolean verified) {
    Instant now = clock.instant();
    if (self().map(me -> me.address().equals(m.address())).orElse(false)) {
      return Optional.of(Refusal.NOT_NEWER); // ourselves: we know better
    }
    Refusal why = null;
    if (!m.domain().equals(domain)) {
      why = Refusal.OTHER_DOMAIN;
    } else if (m.timestamp().isAfter(now.plus(settings.maxFutureSkew()))) {
      why = Refusal.FROM_THE_FUTURE; // or it could never be replaced by the node's real next metadata
    } else {
      Optional<Stake> stake = registry.stake(m.address());
      if (stake.isEmpty() || !stake.get().eligible(registry.minimumStake(), now)) {
        why = Refusal.NOT_STAKED;
      }
    }
    synchronized (lock) {
      if (why == null) {
        KnownNode old = known.get(m.address());
        if (old != null && !m.timestamp().isAfter(old.metadata().timestamp())) {
          if (verified && old.metadata().equals(m)) {
            known.put(m.address(), old.succeeded(now, true));
          }
          why = Refusal.NOT_NEWER; // the same or a replay of an older version
        } else if (old == null && known.size() >= settings.maxKnown()) {
          why = Refusal.FULL;
        } else {
          Optional<Instant> v = verified ? Optional.of(now) : Optional.empty();
          known.put(m.address(), old == null ? new KnownNode(m, now, v, now, 0) : old.withMetadata(m, v));
          changed();
          return Optional.empty();
        }
      }
      refusals.merge(why, 1L, Long::sum);
      return Optional.of(why);
    }
  }

  private void succeeded(NodeAddress a, boolean verified) {
    synchronized (lock) {
      KnownNode k = known.get(a);
      if (k != null) {
        known.put(a, k.succeeded(clock.instant(), verified));
      }
    }
  }

  private void failed(NodeAddress a) {
    synchronized (lock) {
      KnownNode k = known.get(a);
      if (k == null) {
        return;
      }
      KnownNode f = k.failed();
      if (f.failures() >= settings.failuresToForget()
          && Duration.between(f.lastSuccess(), clock.instant()).compareTo(settings.forgetAfter()) >= 0) {
        known.remove(a);
        reports.remove(a);
        LOG.info("forgot {} after {} failures and no answer since {}", a, f.failures(), f.lastSuccess());
        changed();
      } else {
        known.put(a, f);
      }
    }
    commit();
  }

  private void onRegistryChange(RegistryChange change) {
    synchronized (lock) {
      Instant now = clock.instant();
      boolean any = known.keySet().removeIf(a -> registry.stake(a)
          .map(s -> !s.eligible(registry.minimumStake(), now)).orElse(true));
      if (any) {
        changed();
      }
    }
    commit();
  }

  /** Under the lock: something changed; {@link #commit()} recomputes the fleet state and persists, once. */
  private void changed() {
    dirty = true;
  }

  /** After a batch of changes: one fleet-state hash and one file write, however many nodes changed. */
  private void commit() {
    synchronized (lock) {
      if (!dirty) {
        return;
      }
      dirty = false;
      recomputeFleetState();
      store.ifPresent(this::persist);
      lock.notifyAll();
    }
  }

  private void recomputeFleetState() {
    List<NodeMetadata> all = new ArrayList<>();
    self().ifPresent(all::add);
    for (KnownNode k : known.values()) {
      all.add(k.metadata());
    }
    fleetState = FleetState.of(all);
  }

  /** Our own metadata changed (a node restarted on a new port): the fleet state covers it. */
  public void selfChanged() {
    synchronized (lock) {
      changed();
    }
    commit();
  }

  private void persist(Path file) {
    try {
      StaticNodeList.of(known.values().stream().map(KnownNode::metadata).toList()).save(file);
    } catch (IOException e) {
      LOG.warn("could not save known nodes to {}: {}", file, e.toString());
    }
  }

  private void restore(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    try {
      int taken = 0;
      for (NodeMetadata m : StaticNodeList.load(file).nodes()) {
        if (consider(m, false).isEmpty()) {
          taken++;
        }
      }
      commit();
      LOG.info("restored {} known node(s) from {}", taken, file);
    } catch (IOException | MalformedInputException e) {
      LOG.warn("ignoring the known-nodes file {}: {}", file, e.getMessage());
    }
  }

  /** A node's own metadata; empty for a client, and for a node in the moment before it has signed any. */
  private Optional<NodeMetadata> self() {
    return teaching.map(t -> t.self().get());
  }

  private boolean isKnown(NodeAddress a) {
    synchronized (lock) {
      return known.containsKey(a);
    }
  }

  // ------------------------------------------------------------------------------------------------ views

  public int knownCount() {
    synchronized (lock) {
      return known.size();
    }
  }

  public List<KnownNode> known() {
    synchronized (lock) {
      return List.copyOf(known.values());
    }
  }

  public FleetState fleetState() {
    return fleetState;
  }

  public Round lastRound() {
    return lastRound;
  }

  public long rounds() {
    synchronized (lock) {
      return rounds;
    }
  }

  public Map<Refusal, Long> refusals() {
    synchronized (lock) {
      return Map.copyOf(refusals);
    }
  }

  public String domain() {
    return domain;
  }

  @Override
  public void close() {
    Thread t;
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
      t = loop;
    }
    registry.removeListener(registryListener);
    if (t != null) {
      t.interrupt();
    }
  }

  /** Assembles a learner; the registry and transport are required, everything else has a default. */
  public static final class Builder {
    private final StakeRegistry registry;
    private final NodeApiFactory nodes;
    private RegistrySync sync = RegistrySync.none();
    private Optional<Teaching> teaching = Optional.empty();
    private List<PeerAddress> seeds = List.of();
    private Optional<Path> store = Optional.empty();
    private SeedFetcher seedFetcher = (peer, timeout) -> HttpsNodeClient.fetchMetadataTrustOnFirstUse(peer.host(),
        peer.port(), timeout);
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
