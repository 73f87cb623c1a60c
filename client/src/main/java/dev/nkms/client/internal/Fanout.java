package dev.nkms.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs calls to many nodes at once, each with its own deadline, and hands back their outcomes in
 * the order they finish. A call that overruns its deadline is reported as timed out and
 * interrupted; its thread is abandoned, never waited for. Calls still running when the fan-out is
 * closed (a hedge that was not needed) are left to finish on their own — each is bounded by its
 * transport timeout — because interrupting an HTTP exchange throws away its pooled TLS connection
 * and the next request to that node would pay a new handshake. The coordinating thread (the one
 * calling {@link #next}) is the only one that sees outcomes, so callers keep their bookkeeping
 * single-threaded.
 *
 * <p>Deadlines are measured with {@link System#nanoTime()}: they bound how long the caller waits
 * for the network, which is not policy time (policy time always comes from an injected {@link
 * java.time.Clock}).
 *
 * <p>Not API: shared by Alice and Bob.
 */
public final class Fanout<K, R> implements AutoCloseable {
  /**
   * One pool for every fan-out: threads are reused across grants and retrievals instead of made per
   * call.
   */
  private static final ExecutorService EXECUTOR =
      Executors.newCachedThreadPool(daemonThreads("nkms-fanout"));

  private final Duration perCallTimeout;
  private final LinkedBlockingQueue<Done<R>> done = new LinkedBlockingQueue<>();
  private final Map<Long, Pending<K>> pending = new HashMap<>();
  private long nextToken;

  public Fanout(String purpose, Duration perCallTimeout) {
    if (perCallTimeout.isNegative() || perCallTimeout.isZero()) {
      throw new IllegalArgumentException(
          "per-node timeout must be positive, got " + perCallTimeout);
    }
    this.perCallTimeout = perCallTimeout;
  }

  /** Starts {@code call} now; its deadline is now + the per-call timeout. */
  public void launch(K key, Callable<R> call) {
    Objects.requireNonNull(key);
    long token = nextToken++;
    long deadline = System.nanoTime() + perCallTimeout.toNanos();
    Future<?> future =
        EXECUTOR.submit(
            () -> {
              try {
                done.add(new Done<>(token, call.call(), null));
              } catch (Throwable t) {
                done.add(new Done<>(token, null, t));
              }
            });
    pending.put(token, new Pending<>(key, deadline, future));
  }

  public int inFlight() {
    return pending.size();
  }

  /**
   * Waits for the next call to finish or to run out of time. Empty when nothing is in flight. Never
   * waits longer than the earliest pending deadline.
   */
  public Optional<Outcome<K, R>> next() throws InterruptedException {
    while (!pending.isEmpty()) {
      long now = System.nanoTime();
      long earliest = Long.MAX_VALUE;
      for (Pending<K> p : pending.values()) {
        earliest = Math.min(earliest, p.deadline - now);
      }
      Done<R> d = earliest > 0 ? done.poll(earliest, TimeUnit.NANOSECONDS) : done.poll();
      if (d != null) {
        Pending<K> p = pending.remove(d.token);
        if (p == null) {
          continue; // it had already been reported as timed out
        }
        return Optional.of(new Outcome<>(p.key, d.value, d.failure, false));
      }
      long after = System.nanoTime();
      for (Map.Entry<Long, Pending<K>> e : new ArrayList<>(pending.entrySet())) {
        if (e.getValue().deadline - after <= 0) {
          pending.remove(e.getKey());
          e.getValue().future.cancel(true);
          return Optional.of(new Outcome<>(e.getValue().key, null, null, true));
        }
      }
    }
    return Optional.empty();
  }

  /** Keys of the calls still in flight. */
  public List<K> inFlightKeys() {
    List<K> keys = new ArrayList<>();
    pending.values().forEach(p -> keys.add(p.key));
    return keys;
  }

  /**
   * Forgets every call still in flight; they finish (or time out in their transport) without being
   * waited for.
   */
  @Override
  public void close() {
    pending.clear();
  }

  /** How one call ended: a value, a failure, or no answer before its deadline. */
  public static final class Outcome<K, R> {
    private final K key;
    private final R value;
    private final Throwable failure;
    private final boolean timedOut;

    Outcome(K key, R value, Throwable failure, boolean timedOut) {
      this.key = key;
      this.value = value;
      this.failure = failure;
      this.timedOut = timedOut;
    }

    public K key() {
      return key;
    }

    public boolean succeeded() {
      return !timedOut && failure == null;
    }

    public boolean timedOut() {
      return timedOut;
    }

    public R value() {
      if (!succeeded()) {
        throw new IllegalStateException("the call did not succeed");
      }
      return value;
    }

    /** The exception the call threw; null if it succeeded or timed out. */
    public Throwable failure() {
      return failure;
    }
  }

  private static final class Pending<K> {
    final K key;
    final long deadline;
    final Future<?> future;

    Pending(K key, long deadline, Future<?> future) {
      this.key = key;
      this.deadline = deadline;
      this.future = future;
    }
  }

  private static final class Done<R> {
    final long token;
    final R value;
    final Throwable failure;

    Done(long token, R value, Throwable failure) {
      this.token = token;
      this.value = value;
      this.failure = failure;
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
