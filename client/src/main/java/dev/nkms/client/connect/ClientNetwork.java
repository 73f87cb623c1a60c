package dev.nkms.client.connect;

import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.membership.Membership;
import dev.nkms.network.membership.MembershipProvider;
import dev.nkms.network.membership.MembershipProvider.MembershipUnavailable;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.PeerAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How a client (Alice, Bob) finds the network: a {@link NetworkDirectory} holding the federation's
 * trust anchor, the signed registry and a peers file — or a chain deployment, read by whichever
 * {@link MembershipProvider} is on the class path. The client learns the nodes from the peers with
 * the same loop nodes use, and keeps what it learned in {@link NetworkDirectory#CLIENT_KNOWN_NODES}
 * for next time.
 *
 * <p>{@link #open} fails at once when not one of the nodes the client could learn from — the peers
 * and the nodes it learned before — accepts a connection: waiting for nodes only makes sense when
 * some of them answer.
 */
public final class ClientNetwork {
  /** How long a client waits for enough nodes to be learned. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  /** How long one node may take to accept a TCP connection before it counts as not answering. */
  static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);

  private ClientNetwork() {}

  /**
   * The learner for the network in {@code dir}, not started.
   *
   * @throws NkmsException {@link Kind#UNREACHABLE} when none of the network's nodes (or its chain)
   *     answers, {@link Kind#INVALID_INPUT} when {@code dir} holds no network or its files are
   *     damaged
   */
  public static Learner open(Path dir) {
    NetworkDirectory network = NetworkDirectory.at(dir);
    return open(
        membership(network), network.peers(), network.clientKnownNodes(), "the network in " + dir);
  }

  /**
   * The learner for a federated network given by its files and seed peers (what an operator hands
   * out), keeping what it learns in {@code knownNodes}.
   *
   * @throws NkmsException as {@link #open(Path)}
   */
  public static Learner openFederated(
      Path federation, Path registry, List<PeerAddress> peers, Path knownNodes) {
    for (Path file : List.of(federation, registry)) {
      if (!Files.exists(file)) {
        throw new NkmsException(Kind.INVALID_INPUT, "no such file: " + file);
      }
    }
    Membership membership;
    try {
      membership = Membership.federated(federation, registry);
    } catch (IOException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT, "cannot read " + registry + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new NkmsException(Kind.INVALID_INPUT, registry + ": " + e.getMessage());
    }
    return open(membership, peers, knownNodes, "the network of " + federation);
  }

  /**
   * The learner for a network whose registry a {@link MembershipProvider} reads from {@code file}
   * (a chain deployment), with seed peers.
   *
   * @throws NkmsException as {@link #open(Path)}, and invalid input when no provider on the class
   *     path reads it
   */
  public static Learner openWith(Path file, List<PeerAddress> peers, Path knownNodes) {
    Iterator<MembershipProvider> providers =
        ServiceLoader.load(MembershipProvider.class).iterator();
    if (!providers.hasNext()) {
      throw new NkmsException(
          Kind.INVALID_INPUT,
          "nothing on the class path reads "
              + file
              + " (a chain deployment needs the nkms-app dependency)");
    }
    return open(open(providers.next(), file), peers, knownNodes, "the network of " + file);
  }

  private static Learner open(
      Membership membership, List<PeerAddress> seeds, Path knownNodes, String what) {
    Learner learner = learner(membership, seeds, knownNodes);
    List<PeerAddress> peers = new ArrayList<>(seeds);
    learner
        .known()
        .forEach(k -> peers.add(new PeerAddress(k.metadata().host(), k.metadata().port())));
    if (!anyAnswers(peers, PROBE_TIMEOUT)) {
      learner.close();
      throw new NkmsException(
          Kind.UNREACHABLE,
          "no node of "
              + what
              + " answers; start it with"
              + " `./nkms network up` (or pass --network DIR)",
          peers.stream()
              .map(p -> "not answering: " + p.host() + ":" + p.port())
              .distinct()
              .toList());
    }
    return learner;
  }

  private static Membership membership(NetworkDirectory network) {
    Path dir = network.dir();
    for (MembershipProvider provider : ServiceLoader.load(MembershipProvider.class)) {
      Path file = dir.resolve(provider.fileName());
      if (Files.exists(file)) {
        return open(provider, file);
      }
    }
    if (Files.exists(network.deployment())) {
      throw new NkmsException(
          Kind.INVALID_INPUT,
          "the network in "
              + dir
              + " is on a chain, and no chain support"
              + " is on the class path; add the nkms-app dependency");
    }
    boolean federation = Files.exists(network.federation());
    boolean registry = Files.exists(network.registry());
    if (!federation && !registry) {
      // Invalid input like any missing file (usually a mistyped --network); `network status` says
      // unreachable.
      throw new NkmsException(
          Kind.INVALID_INPUT,
          "no network in "
              + dir
              + "; start one with"
              + " `./nkms network up --nodes 5` (or pass --network DIR)");
    }
    if (!federation || !registry) {
      throw new NkmsException(
          Kind.INVALID_INPUT,
          "the network directory "
              + dir
              + " is incomplete: it needs '"
              + NetworkDirectory.FEDERATION
              + "' and '"
              + NetworkDirectory.REGISTRY
              + "'");
    }
    try {
      return Membership.federated(network.federation(), network.registry());
    } catch (IOException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT, "cannot read the network in " + dir + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new NkmsException(Kind.INVALID_INPUT, dir + ": " + e.getMessage());
    }
  }

  private static Membership open(MembershipProvider provider, Path file) {
    try {
      return provider.open(file);
    } catch (IllegalArgumentException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT,
          file + " is not a " + provider.fileName() + " file",
          List.of(e.getMessage()));
    } catch (IOException e) {
      throw new NkmsException(Kind.INVALID_INPUT, "cannot read " + file + ": " + e.getMessage());
    } catch (MembershipUnavailable e) {
      throw new NkmsException(
          Kind.UNREACHABLE,
          e.getMessage(),
          e.getCause() == null ? List.of() : List.of(String.valueOf(e.getCause().getMessage())));
    }
  }

  private static Learner learner(Membership membership, List<PeerAddress> seeds, Path knownNodes) {
    return Learner.builder(membership.registry(), HttpsNodeClient.factory())
        .sync(membership.sync())
        .seeds(List.copyOf(seeds))
        .store(knownNodes)
        .settings(Learner.Settings.every(Duration.ofMillis(200)))
        .build();
  }

  /**
   * Whether any of {@code peers} accepts a TCP connection within {@code timeout} (all are tried at
   * once).
   */
  static boolean anyAnswers(List<PeerAddress> peers, Duration timeout) {
    Set<PeerAddress> distinct = new LinkedHashSet<>(peers);
    if (distinct.isEmpty()) {
      return false;
    }
    List<Callable<Boolean>> probes = new ArrayList<>();
    for (PeerAddress p : distinct) {
      probes.add(
          () -> {
            try (Socket s = new Socket()) {
              s.connect(new InetSocketAddress(p.host(), p.port()), (int) timeout.toMillis());
              return true;
            }
          });
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(distinct.size(), 16),
            r -> {
              Thread t = new Thread(r, "nkms-probe");
              t.setDaemon(true);
              return t;
            });
    try {
      return pool.invokeAny(
          probes); // the first that connects; ExecutionException when every one failed
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      pool.shutdownNow();
    }
  }
}
