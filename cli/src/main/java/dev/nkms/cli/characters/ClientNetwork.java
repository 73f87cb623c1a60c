package dev.nkms.cli.characters;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import dev.nkms.cli.network.LocalNetwork;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.network.membership.Membership;
import dev.nkms.protocol.PeerAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How a command-line client (Alice, Bob) finds the network: a network directory holding the federation's trust
 * anchor, the signed registry and a peers file (what `nkms network up` writes, or what an operator hands out). The
 * client learns the nodes from the peers with the same loop nodes use, and keeps what it learned in
 * {@code client-known-nodes} for next time.
 *
 * <p>{@link #open} fails at once (exit 3) when not one of the nodes the client could learn from — the peers and the
 * nodes it learned before — accepts a connection: waiting for nodes only makes sense when some of them answer.
 */
public final class ClientNetwork {
  static final String DEFAULT_DIR = ".nkms/network";
  static final Duration WAIT = Duration.ofSeconds(30);
  /** How long one node may take to accept a TCP connection before it counts as not answering. */
  static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);
  private static final String KNOWN = "client-known-nodes";

  private ClientNetwork() {}

  /**
   * The learner for the network in {@code dir}, not started.
   *
   * @throws UserError exit 3 when none of the network's nodes answers, 2 when {@code dir} holds no network or its
   *     files are damaged
   */
  public static Learner open(Path dir) {
    Learner learner = openUnchecked(dir);
    List<PeerAddress> peers = new ArrayList<>(seeds(dir));
    learner.known().forEach(k -> peers.add(new PeerAddress(k.metadata().host(), k.metadata().port())));
    if (!anyAnswers(peers, PROBE_TIMEOUT)) {
      learner.close();
      throw new UserError(ExitCode.UNREACHABLE, "no node of the network in " + dir + " answers; start it with"
          + " `./nkms network up` (or pass --network DIR)",
          peers.stream().map(p -> "not answering: " + p.host() + ":" + p.port()).distinct().toList());
    }
    return learner;
  }

  private static Learner openUnchecked(Path dir) {
    Path deployment = dir.resolve(LocalNetwork.DEPLOYMENT);
    if (Files.exists(deployment)) {
      return learner(dir, onChain(deployment));
    }
    Path federation = dir.resolve(LocalNetwork.FEDERATION);
    Path registry = dir.resolve(LocalNetwork.REGISTRY);
    if (!Files.exists(federation) && !Files.exists(registry)) {
      // Exit 2 like any missing input (usually a mistyped --network); `network status` says 3 (nothing is running).
      throw new UserError(ExitCode.USAGE, "no network in " + dir + "; start one with"
          + " `./nkms network up --nodes 5` (or pass --network DIR)");
    }
    if (!Files.exists(federation) || !Files.exists(registry)) {
      throw new UserError(ExitCode.USAGE, "the network directory " + dir + " is incomplete: it needs '"
          + LocalNetwork.FEDERATION + "' and '" + LocalNetwork.REGISTRY + "'");
    }
    try {
      return learner(dir, Membership.federated(federation, registry));
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "cannot read the network in " + dir + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, dir + ": " + e.getMessage());
    }
  }

  private static Membership onChain(Path deploymentFile) {
    dev.nkms.chain.Deployment d;
    try {
      d = dev.nkms.chain.Deployment.load(deploymentFile);
    } catch (dev.nkms.chain.ChainException e) {
      throw new UserError(ExitCode.USAGE, deploymentFile + " is not a deployment file", List.of(e.getMessage()));
    }
    try {
      return dev.nkms.cli.chain.ChainMembership.of(dev.nkms.chain.Chain.connect(d.url()), d);
    } catch (dev.nkms.chain.ChainException e) {
      throw new UserError(ExitCode.UNREACHABLE, "the chain at " + d.url() + " does not answer; start it with"
          + " `./nkms chain dev`", List.of(e.getMessage()));
    }
  }

  private static List<PeerAddress> seeds(Path dir) {
    List<PeerAddress> peers = new ArrayList<>();
    try {
      Path peersFile = dir.resolve(LocalNetwork.PEERS);
      if (Files.exists(peersFile)) {
        for (String line : Files.readAllLines(peersFile, StandardCharsets.UTF_8)) {
          if (!line.isBlank() && !line.strip().startsWith("#")) {
            peers.add(PeerAddress.parse(line));
          }
        }
      }
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "cannot read the network in " + dir + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, dir.resolve(LocalNetwork.PEERS) + ": " + e.getMessage());
    }
    return peers;
  }

  private static Learner learner(Path dir, Membership membership) {
    return Learner.builder(membership.registry(), HttpsNodeClient.factory()).sync(membership.sync())
        .seeds(seeds(dir)).store(dir.resolve(KNOWN)).settings(Learner.Settings.every(Duration.ofMillis(200))).build();
  }

  /** Whether any of {@code peers} accepts a TCP connection within {@code timeout} (all are tried at once). */
  static boolean anyAnswers(List<PeerAddress> peers, Duration timeout) {
    Set<PeerAddress> distinct = new LinkedHashSet<>(peers);
    if (distinct.isEmpty()) {
      return false;
    }
    List<Callable<Boolean>> probes = new ArrayList<>();
    for (PeerAddress p : distinct) {
      probes.add(() -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(p.host(), p.port()), (int) timeout.toMillis());
          return true;
        }
      });
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(distinct.size(), 16), r -> {
      Thread t = new Thread(r, "nkms-probe");
      t.setDaemon(true);
      return t;
    });
    try {
      return pool.invokeAny(probes); // the first that connects; ExecutionException when every one failed
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
