package dev.nkms.network.learning;

import dev.nkms.crypto.MalformedInputException;
import dev.nkms.network.learning.Learner.KnownNode;
import dev.nkms.network.learning.Learner.Refusal;
import dev.nkms.protocol.FleetState;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table of known nodes: takes a node's metadata in or says why not ({@link Refusal}), counts
 * answers and failures and forgets a node that keeps failing, drops nodes the registry stops
 * staking, keeps the fleet state (ourselves included), and persists the table to a file, restored
 * at construction.
 *
 * <p>Locking: every field below is guarded by {@code lock}, the learner's one shared monitor (see
 * {@link Learner}). Changes are batched: a change marks the table dirty and {@link #commit()} then
 * recomputes the fleet state, writes the file once and wakes whoever waits on the monitor.
 */
final class KnownNodes {
  private static final Logger LOG = LoggerFactory.getLogger(KnownNodes.class);

  private final Object lock;
  private final String domain;
  private final StakeRegistry registry;
  private final Supplier<Optional<NodeMetadata>> self;
  private final Optional<Path> store;
  private final Clock clock;
  private final Learner.Settings settings;
  private final Consumer<NodeAddress> onForgotten;
  private final Consumer<RegistryChange> registryListener = this::onRegistryChange;

  private final Map<NodeAddress, KnownNode> known = new TreeMap<>();
  private final EnumMap<Refusal, Long> refusals = new EnumMap<>(Refusal.class);
  private boolean dirty;
  private volatile FleetState fleetState;

  /**
   * @param self our own metadata (a node's; always empty for a client)
   * @param onForgotten told, under the lock, of each node forgotten for failing
   */
  KnownNodes(
      Object lock,
      StakeRegistry registry,
      Supplier<Optional<NodeMetadata>> self,
      Optional<Path> store,
      Clock clock,
      Learner.Settings settings,
      Consumer<NodeAddress> onForgotten) {
    this.lock = lock;
    this.domain = registry.domain();
    this.registry = registry;
    this.self = self;
    this.store = store;
    this.clock = clock;
    this.settings = settings;
    this.onForgotten = onForgotten;
    registry.addListener(registryListener);
    store.ifPresent(this::restore);
    synchronized (lock) {
      recomputeFleetState();
    }
  }

  /**
   * Takes in one node's metadata. Empty if it was added or replaced an older version; otherwise why
   * not.
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
      why =
          Refusal.FROM_THE_FUTURE; // or it could never be replaced by the node's real next metadata
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
          known.put(
              m.address(), old == null ? new KnownNode(m, now, v, now, 0) : old.withMetadata(m, v));
          dirty = true;
          return Optional.empty();
        }
      }
      refusals.merge(why, 1L, Long::sum);
      return Optional.of(why);
    }
  }

  /**
   * The node answered; {@code verified} if it served its pinned certificate and the metadata we
   * hold.
   */
  void succeeded(NodeAddress a, boolean verified) {
    synchronized (lock) {
      KnownNode k = known.get(a);
      if (k != null) {
        known.put(a, k.succeeded(clock.instant(), verified));
      }
    }
  }

  /**
   * The node did not answer, or answered wrongly: forgotten after enough failures and long enough
   * silence.
   */
  void failed(NodeAddress a) {
    synchronized (lock) {
      KnownNode k = known.get(a);
      if (k == null) {
        return;
      }
      KnownNode f = k.failed();
      if (f.failures() >= settings.failuresToForget()
          && Duration.between(f.lastSuccess(), clock.instant()).compareTo(settings.forgetAfter())
              >= 0) {
        known.remove(a);
        onForgotten.accept(a);
        LOG.info(
            "forgot {} after {} failures and no answer since {}", a, f.failures(), f.lastSuccess());
        dirty = true;
      } else {
        known.put(a, f);
      }
    }
    commit();
  }

  private void onRegistryChange(RegistryChange change) {
    synchronized (lock) {
      Instant now = clock.instant();
      boolean any =
          known
              .keySet()
              .removeIf(
                  a ->
                      registry
                          .stake(a)
                          .map(s -> !s.eligible(registry.minimumStake(), now))
                          .orElse(true));
      if (any) {
        dirty = true;
      }
    }
    commit();
  }

  /** Our own metadata changed (a node restarted on a new port): the fleet state covers it. */
  void selfChanged() {
    synchronized (lock) {
      dirty = true;
    }
    commit();
  }

  /**
   * After a batch of changes: one fleet-state hash and one file write, however many nodes changed.
   */
  void commit() {
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

  /** Stops following the registry. */
  void close() {
    registry.removeListener(registryListener);
  }

  // ------------------------------------------------------------------------------------------------ views

  /**
   * Our own metadata; empty for a client, and for a node in the moment before it has signed any.
   */
  Optional<NodeMetadata> self() {
    return self.get();
  }

  String domain() {
    return domain;
  }

  boolean contains(NodeAddress a) {
    synchronized (lock) {
      return known.containsKey(a);
    }
  }

  Optional<KnownNode> get(NodeAddress a) {
    synchronized (lock) {
      return Optional.ofNullable(known.get(a));
    }
  }

  int count() {
    synchronized (lock) {
      return known.size();
    }
  }

  /** How many of {@code wanted} are known. */
  int countOf(Collection<NodeAddress> wanted) {
    synchronized (lock) {
      return (int) wanted.stream().filter(known::containsKey).count();
    }
  }

  /** The known nodes, in address order. */
  List<KnownNode> all() {
    synchronized (lock) {
      return List.copyOf(known.values());
    }
  }

  /** The metadata of at most {@code max} known nodes, in address order. */
  List<NodeMetadata> metadata(int max) {
    synchronized (lock) {
      return known.values().stream().limit(Math.max(0, max)).map(KnownNode::metadata).toList();
    }
  }

  List<NodeAddress> addresses() {
    synchronized (lock) {
      return List.copyOf(known.keySet());
    }
  }

  /** Those of {@code addresses} that are known: what a report about strangers shrinks to. */
  Set<NodeAddress> knownAmong(Collection<NodeAddress> addresses) {
    Set<NodeAddress> out = new HashSet<>(addresses);
    synchronized (lock) {
      out.retainAll(known.keySet());
    }
    return out;
  }

  FleetState fleetState() {
    return fleetState;
  }

  Map<Refusal, Long> refusals() {
    synchronized (lock) {
      return Map.copyOf(refusals);
    }
  }
}
