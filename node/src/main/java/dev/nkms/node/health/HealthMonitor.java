package dev.nkms.node.health;

import dev.nkms.crypto.RandomSource;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.network.transport.NodeRejected;
import dev.nkms.network.transport.NodeUnreachable;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.http.ErrorCode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health checks of other nodes, on a schedule and on demand: the whitepaper's "generalized ping"
 * (Sec. VI). Each round of a node runs the three {@link HealthCheck}s and yields a {@link
 * HealthRecord}.
 *
 * <p>The checker acts as an ordinary client: every policy it grants has fresh random Alice and Bob
 * keys, and it sends nothing that names the checking node (it does not even know that node's keys),
 * so a node cannot answer checks better than real requests. The first check of a node places a
 * 1-of-1 <em>challenge policy</em> there (valid for {@link #POLICY_VALIDITY}); later checks
 * re-encrypt its old capsule, which a node that lost or discarded the kfrag cannot do. It is
 * replaced by a new one once half its validity has passed, or when the node no longer knows it
 * (which fails that round's check). Challenge policies live in memory only, at most one per tracked
 * node.
 *
 * <p>A node is tracked from its first check until it is {@linkplain #forget forgotten}; a scheduled
 * round forgets the nodes its supplier no longer lists. One node is checked by one thread at a
 * time. Scheduled rounds check at most {@code parallelism} nodes at once, in random order.
 */
public final class HealthMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
  public static final Duration POLICY_VALIDITY = Duration.ofDays(30);
  public static final int DEFAULT_PARALLELISM = 4;

  private final Supplier<List<NodeMetadata>> peers;
  private final NodeApiFactory nodes;
  private final Clock clock;
  private final RandomSource random;
  private final ExecutorService workers;
  private final Map<NodeAddress, Tracked> tracked = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;
  private volatile boolean closed;

  public HealthMonitor(
      Supplier<List<NodeMetadata>> peers, NodeApiFactory nodes, Clock clock, RandomSource random) {
    this(peers, nodes, clock, random, DEFAULT_PARALLELISM);
  }

  public HealthMonitor(
      Supplier<List<NodeMetadata>> peers,
      NodeApiFactory nodes,
      Clock clock,
      RandomSource random,
      int parallelism) {
    this.peers = Objects.requireNonNull(peers);
    this.nodes = Objects.requireNonNull(nodes);
    this.clock = Objects.requireNonNull(clock);
    Objects.requireNonNull(random);
    // Checks draw randomness on several threads; serializing the draws lets any RandomSource be
    // injected.
    Object drawLock = new Object();
    this.random =
        out -> {
          synchronized (drawLock) {
            random.nextBytes(out);
          }
        };
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    this.workers = Executors.newFixedThreadPool(parallelism, daemon("nkms-health-check-"));
  }

  /**
   * Checks {@code peer} now, on the calling thread (waiting for a check of it already under way).
   */
  public HealthRecord checkNow(NodeMetadata peer) {
    if (closed) {
      throw new IllegalStateException("the health monitor is closed");
    }
    Tracked t = tracked.computeIfAbsent(peer.address(), a -> new Tracked());
    synchronized (t) {
      Map<HealthCheck, CheckResult> results = runChecks(peer, t);
      HealthRecord previous = t.record;
      t.record = HealthRecord.after(previous, peer.address(), clock.instant(), results);
      if (previous == null || previous.verdict() != t.record.verdict()) {
        LOG.info("node {} is {}: {}", peer.address(), t.record.verdict(), t.record.results());
      }
      return t.record;
    }
  }

  /**
   * One scheduled round, on the calling thread's behalf: forgets the tracked nodes the supplier no
   * longer lists, then checks every listed node, at most {@code parallelism} at once, and returns
   * this round's records.
   */
  public Map<NodeAddress, HealthRecord> checkAllNow() throws InterruptedException {
    Map<NodeAddress, NodeMetadata> listed = new LinkedHashMap<>();
    for (NodeMetadata m : List.copyOf(peers.get())) {
      listed.merge(m.address(), m, (a, b) -> b.timestamp().isAfter(a.timestamp()) ? b : a);
    }
    tracked.keySet().removeIf(a -> !listed.containsKey(a));
    // Random order, so no node is always checked first or right after the same neighbour.
    List<NodeMetadata> order = new ArrayList<>(listed.values());
    Map<NodeMetadata, Long> keys = new LinkedHashMap<>();
    order.forEach(m -> keys.put(m, ByteBuffer.wrap(random.nextBytes(8)).getLong()));
    order.sort(Comparator.comparing(keys::get));
    List<Future<HealthRecord>> futures = new ArrayList<>();
    try {
      for (NodeMetadata m : order) {
        futures.add(workers.submit(() -> checkNow(m)));
      }
    } catch (RejectedExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      throw new IllegalStateException("the health monitor is closed", e);
    }
    Map<NodeAddress, HealthRecord> round = new TreeMap<>();
    try {
      for (Future<HealthRecord> f : futures) {
        try {
          HealthRecord r = f.get();
          round.put(r.peer(), r);
        } catch (ExecutionException e) {
          LOG.warn("a health check failed inside the checker: {}", e.getCause().toString());
        }
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      throw e;
    }
    return round;
  }

  /** The latest record of every tracked node that has been checked. */
  public Map<NodeAddress, HealthRecord> records() {
    Map<NodeAddress, HealthRecord> out = new TreeMap<>();
    tracked.forEach(
        (a, t) -> {
          HealthRecord r = t.record;
          if (r != null) {
            out.put(a, r);
          }
        });
    return Map.copyOf(out);
  }

  public Optional<HealthRecord> record(NodeAddress peer) {
    Tracked t = tracked.get(peer);
    return t == null ? Optional.empty() : Optional.ofNullable(t.record);
  }

  /** The nodes whose latest round had a failed check. */
  public Set<NodeAddress> unhealthy() {
    Set<NodeAddress> out = new TreeSet<>();
    records()
        .forEach(
            (a, r) -> {
              if (r.verdict() == HealthRecord.Verdict.UNHEALTHY) {
                out.add(a);
              }
            });
    return Set.copyOf(out);
  }

  /** Drops the node's record and challenge policy (the node keeps the policy until it expires). */
  public void forget(NodeAddress peer) {
    tracked.remove(peer);
  }

  /**
   * Runs {@link #checkAllNow} now and then {@code interval} after each round ends, until {@link
   * #close}.
   */
  public synchronized void start(Duration interval) {
    if (interval == null || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the interval must be positive, got " + interval);
    }
    if (scheduler != null || closed) {
      throw new IllegalStateException("already started or closed");
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("nkms-health-schedule-"));
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            checkAllNow();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            // A throwing task would end the schedule: one bad round must not stop health checks.
            LOG.warn("health-check round failed: {}", e.toString());
          }
        },
        0,
        interval.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  /** Stops the schedule and interrupts checks under way (their nodes get INCONCLUSIVE results). */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------------------------------------ the checks

  private Map<HealthCheck, CheckResult> runChecks(NodeMetadata peer, Tracked t) {
    Map<HealthCheck, CheckResult> results = new EnumMap<>(HealthCheck.class);
    NodeApi api = nodes.connect(peer);
    try {
      NodeMetadata served = api.metadata();
      results.put(
          HealthCheck.REACHABLE,
          served.equals(peer)
              ? CheckResult.passed(
                  "answers over the pinned connection with the same signed metadata")
              : CheckResult.failed(
                  "serves other metadata (signed at "
                      + served.timestamp()
                      + ") than the one checked"
                      + " (signed at "
                      + peer.timestamp()
                      + ")"));
    } catch (NodeException e) {
      results.put(HealthCheck.REACHABLE, failure("fetch metadata", e));
      if (e instanceof NodeUnreachable) {
        // The other checks would only time out the same way.
        CheckResult skipped = CheckResult.inconclusive("not attempted: the node is unreachable");
        results.put(HealthCheck.CHALLENGE_POLICY, skipped);
        results.put(HealthCheck.POLICY_LIFECYCLE, skipped);
        return results;
      }
    }
    results.put(HealthCheck.CHALLENGE_POLICY, challenge(api, peer, t));
    results.put(HealthCheck.POLICY_LIFECYCLE, lifecycle(api, peer));
    return results;
  }

  private CheckResult challenge(NodeApi api, NodeMetadata peer, Tracked t) {
    Instant now = clock.instant();
    Challenge old = t.challenge;
    if (old == null || !now.isBefore(old.policy.expiry())) {
      return newChallenge(api, peer, t, now, "");
    }
    try {
      old.policy.reencrypt(api, old.probe, now, random);
    } catch (NodeRejected e) {
      if (!e.is(ErrorCode.UNKNOWN_POLICY)) {
        return failure("re-encrypt the challenge", e);
      }
      t.challenge = null;
      CheckResult fresh = newChallenge(api, peer, t, now, "");
      return CheckResult.failed(
          "the node no longer knows the challenge policy it accepted at "
              + old.createdAt()
              + " (lost its state?); "
              + (fresh.isPassed() ? "a new one replaces it" : "no new one: " + fresh.reason()));
    } catch (NodeException | ProbeFailed e) {
      return failure("re-encrypt the challenge", e);
    }
    String passed = "the challenge policy of " + old.createdAt() + " still re-encrypts correctly";
    if (now.isBefore(old.createdAt().plus(POLICY_VALIDITY.dividedBy(2)))) {
      return CheckResult.passed(passed);
    }
    return newChallenge(api, peer, t, now, passed + "; ");
  }

  /**
   * Places a challenge policy and re-encrypts under it once. It is kept as soon as the node
   * accepted it.
   */
  private CheckResult newChallenge(
      NodeApi api, NodeMetadata peer, Tracked t, Instant now, String before) {
    ProbePolicy policy = ProbePolicy.create(peer, now, POLICY_VALIDITY, random);
    Challenge c = new Challenge(policy, policy.seal(random));
    try {
      api.deliver(policy.delivery());
    } catch (NodeException e) {
      return failure(before + "create a challenge policy", e);
    }
    t.challenge = c;
    try {
      policy.reencrypt(api, c.probe, now, random);
    } catch (NodeException | ProbeFailed e) {
      return failure(before + "re-encrypt under the new challenge policy", e);
    }
    return CheckResult.passed(before + "created a challenge policy; it re-encrypts correctly");
  }

  private CheckResult lifecycle(NodeApi api, NodeMetadata peer) {
    Instant now = clock.instant();
    ProbePolicy policy = ProbePolicy.create(peer, now, POLICY_VALIDITY, random);
    ProbePolicy.Probe probe = policy.seal(random);
    String step = "grant";
    try {
      api.deliver(policy.delivery());
      step = "re-encrypt";
      policy.reencrypt(api, probe, now, random);
      step = "revoke";
      policy.checkReceipt(api.revoke(policy.revocation(now, random)));
      step = "re-encrypt after revoking";
      try {
        api.reencrypt(policy.request(probe.capsule(), now, random));
        return CheckResult.failed(step + ": the node still re-encrypts under the revoked policy");
      } catch (NodeRejected e) {
        if (!e.is(ErrorCode.REVOKED)) {
          return CheckResult.failed(
              step
                  + ": refused with '"
                  + e.code().wire()
                  + "', not '"
                  + ErrorCode.REVOKED.wire()
                  + "'");
        }
      }
      return CheckResult.passed(
          "granted, re-encrypted correctly, revoked with a valid receipt, then refused");
    } catch (NodeException | ProbeFailed e) {
      return failure(step, e);
    }
  }

  /** A failed step; but if the checker is being stopped, the node is not to blame. */
  private static CheckResult failure(String step, Exception e) {
    if (Thread.currentThread().isInterrupted()) {
      return CheckResult.inconclusive(step + ": interrupted (the checker is stopping)");
    }
    if (e instanceof NodeRejected r && r.is(ErrorCode.PAYMENT_REQUIRED)) {
      // On a network with on-chain payments an unpaid challenge policy is rightly refused; the
      // re-encryption path
      // is then not checked (a check per peer and interval would cost a policy payment each).
      return CheckResult.inconclusive(
          step + ": the node wants the policy paid for on chain (as it should)");
    }
    return CheckResult.failed(step + ": " + e.getMessage());
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** A policy placed at one node to come back to, with the capsule to ask for. */
  private record Challenge(ProbePolicy policy, ProbePolicy.Probe probe) {
    Instant createdAt() {
      return policy.createdAt();
    }
  }

  /** Per tracked node; a check holds its monitor. */
  private static final class Tracked {
    volatile HealthRecord record;
    Challenge challenge;
  }
}
