package dev.nkms.network.learning;

import dev.nkms.crypto.RandomInts;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.Learner.Outcome;
import dev.nkms.network.learning.Learner.Round;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PeerAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rounds: each picks a teacher (a newer-registry hint first, else a shuffled queue of known
 * nodes, refilled when empty; the seeds while nothing is known), sends our fleet checksum, registry
 * serial and own metadata, and takes in the answer node by node. Rounds run on a daemon thread,
 * backing off while nothing changes, and without back-off while someone {@link #awaitUntil waits}.
 *
 * <p>Locking: the teacher queue, the counters, the waiter count, the thread and the closed flag are
 * guarded by {@code lock}, the learner's one shared monitor, on which {@link KnownNodes#commit()}
 * signals changes. No network call is made while holding it.
 */
final class LearningLoop {
  private static final Logger LOG = LoggerFactory.getLogger(LearningLoop.class);

  private final Object lock;
  private final KnownNodes known;
  private final PeerReports reports;
  private final LiveCheck live;
  private final RegistrySync sync;
  private final List<PeerAddress> seeds;
  private final Learner.SeedFetcher seedFetcher;
  private final NodeApiFactory nodes;
  private final RandomSource random;
  private final Learner.Settings settings;

  private final Deque<NodeAddress> teachers = new ArrayDeque<>();

  /**
   * A node that announced itself with a newer registry than ours: it may be unknown to us exactly
   * because our registry is older, so the next round asks it (like a seed). One at a time, so
   * strangers cannot queue up work.
   */
  private volatile NodeMetadata newerRegistryHint;

  private volatile Round lastRound =
      new Round(Optional.empty(), Outcome.NO_TEACHER, 0, "no round yet");
  private int idleRounds;
  private int waiters;
  private long rounds;
  private volatile Thread thread;
  private boolean closed;

  LearningLoop(
      Object lock,
      KnownNodes known,
      PeerReports reports,
      LiveCheck live,
      RegistrySync sync,
      List<PeerAddress> seeds,
      Learner.SeedFetcher seedFetcher,
      NodeApiFactory nodes,
      RandomSource random,
      Learner.Settings settings) {
    this.lock = lock;
    this.known = known;
    this.reports = reports;
    this.live = live;
    this.sync = sync;
    this.seeds = List.copyOf(seeds);
    this.seedFetcher = seedFetcher;
    this.nodes = nodes;
    this.random = random;
    this.settings = settings;
  }

  /** Runs rounds on a daemon thread until {@link #close()}. */
  void start() {
    synchronized (lock) {
      if (thread != null || closed) {
        throw new IllegalStateException("already started or closed");
      }
      thread = new Thread(this::run, "nkms-learner");
      thread.setDaemon(true);
      thread.start();
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
          // While someone waits for nodes, no back-off; a change or a new waiter re-evaluates the
          // pause.
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
  Duration nextDelay() {
    synchronized (lock) {
      Duration d = settings.interval();
      for (int i = 0; i < idleRounds && d.compareTo(settings.maxInterval()) < 0; i++) {
        d = d.multipliedBy(2);
      }
      return d.compareTo(settings.maxInterval()) > 0 ? settings.maxInterval() : d;
    }
  }

  /** One learning round, on the calling thread. */
  Round learnOnce() {
    Round r = round();
    known.commit();
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
    if (known.count() == 0 && !seeds.isEmpty()) {
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
      return new Round(
          Optional.empty(), Outcome.NO_TEACHER, 0, "no node known yet and no seed answered");
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
      if (known.consider(m, true).isEmpty()) {
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
          teachers.addAll(RandomInts.shuffled(new ArrayList<>(known.addresses()), random));
          if (teachers.isEmpty()) {
            return Optional.empty();
          }
        }
        Optional<Learner.KnownNode> k = known.get(teachers.pop());
        if (k.isPresent()) {
          return Optional.of(k.get().metadata());
        }
      }
    }
  }

  private Round learnFrom(NodeMetadata teacher) {
    Optional<NodeAddress> who = Optional.of(teacher.address());
    if (known.contains(teacher.address()) && live.check(teacher).isEmpty()) {
      return new Round(who, Outcome.UNREACHABLE, 0, "the teacher failed its live check");
    }
    MetadataRequest request = new MetadataRequest(known.fleetState(), sync.serial(), known.self());
    MetadataResponse response;
    try {
      response = nodes.connect(teacher).learn(request);
    } catch (NodeException e) {
      known.failed(teacher.address());
      return new Round(who, Outcome.UNREACHABLE, 0, e.getMessage());
    }
    known.succeeded(teacher.address(), false);
    boolean registryChanged = response.registry().map(sync::offer).orElse(false);
    int learned = 0;
    for (NodeMetadata m : response.nodes()) {
      if (known.consider(m, false).isEmpty()) {
        learned++;
      }
    }
    reports.record(teacher.address(), known.knownAmong(response.unhealthy()));
    if (learned > 0 || registryChanged) {
      return new Round(
          who, Outcome.LEARNED, learned, registryChanged ? "adopted a newer registry" : "");
    }
    return new Round(who, response.nodes().isEmpty() ? Outcome.SAME : Outcome.NOTHING_NEW, 0, "");
  }

  /** A learner we could not take in announced a newer registry: the next round asks it first. */
  void hintNewerRegistry(NodeMetadata announced) {
    newerRegistryHint = announced;
  }

  /**
   * Learns eagerly (on this thread if no loop runs, else by waking the loop) until {@code done}
   * gives a result or the timeout passes (then null).
   */
  <T> T awaitUntil(Supplier<T> done, Duration timeout) throws InterruptedException {
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
        if (thread == null) {
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

  Round lastRound() {
    return lastRound;
  }

  long rounds() {
    synchronized (lock) {
      return rounds;
    }
  }

  /** Stops the thread, if started, after its current round. */
  void close() {
    Thread t;
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
      t = thread;
    }
    if (t != null) {
      t.interrupt();
    }
  }
}
