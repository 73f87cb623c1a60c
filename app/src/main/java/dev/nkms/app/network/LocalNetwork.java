package dev.nkms.app.network;

import static dev.nkms.client.connect.NetworkDirectory.PEERS;

import dev.nkms.chain.Deployment;
import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.registry.FederatedRegistry;
import dev.nkms.registry.StaticNodeList;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * N node processes on loopback forming a federated network (Sec. VIII.J): the federation's key
 * signs a registry with every node's stake, and the nodes discover one another by gossip from one
 * seed (node-1). The network lives in a directory: node-i/ data dirs, a passphrase file (0600), the
 * federation's key (0600 keystore), trust anchor and registry, pids, logs, the peers file clients
 * learn from, and nodes.list (every node started, for tests and tools).
 *
 * <p>This class composes the steps; each job has its own class: {@link NodeDirs} (identities,
 * ports, configs), {@link LocalFederation} (federation key, stakes, registry file), {@link
 * LocalChainStaking} (a network on chain) and {@link NodeProcesses} (start, wait until serving,
 * pids, stop).
 */
public final class LocalNetwork {
  /** How many times {@link #up} starts a node whose port another program took first. */
  static final int BIND_ATTEMPTS = 3;

  public static final String NODE_LIST = "nodes.list";

  /** The network's name in a local network's registry and node metadata. */
  public static final String DOMAIN = "local";

  public static final BigInteger MINIMUM_STAKE = BigInteger.valueOf(10_000);
  private static final String PASSPHRASE = "passphrase";

  private final Path dir;
  private final NodeDirs nodeDirs;
  private final LocalFederation federation;
  private final LocalChainStaking chain;
  private final NodeProcesses processes;

  /** A network to inspect or stop; it cannot start nodes. */
  public LocalNetwork(Path dir) {
    this(dir, Optional.empty());
  }

  /**
   * A network that starts each node as a process of {@code nodeMain}, a main class that takes the
   * command line's {@code node run --data-dir DIR --passphrase-file FILE [--chain FILE …]} — so a
   * local node is exactly what an operator runs, and this module need not know the command line.
   */
  public LocalNetwork(Path dir, String nodeMain) {
    this(dir, Optional.of(nodeMain));
  }

  private LocalNetwork(Path dir, Optional<String> nodeMain) {
    this.dir = dir.toAbsolutePath().normalize();
    this.nodeDirs = new NodeDirs(this.dir);
    this.federation = new LocalFederation(this.dir, nodeDirs);
    this.chain = new LocalChainStaking(this.dir);
    this.processes = new NodeProcesses(this.dir, nodeMain, nodeDirs);
  }

  public Path dir() {
    return dir;
  }

  public Path nodeList() {
    return dir.resolve(NODE_LIST);
  }

  public Path nodeDir(int i) {
    return nodeDirs.of(i);
  }

  /**
   * Creates missing nodes, signs the registry (every node staked, the federation's key in a 0600
   * keystore), starts every node process with node-1 as the seed the others learn the network from,
   * waits until all serve, and writes the node list and the peers file for clients.
   */
  public StaticNodeList up(int count, Duration timeout, Consumer<String> progress)
      throws IOException, InterruptedException, CryptoException {
    return up(count, Optional.empty(), timeout, progress);
  }

  /**
   * Like {@link #up(int, Duration, Consumer)}, but on chain when {@code deploymentFile} is given:
   * the staking contract is the registry (node-i's operator, dev account i, stakes 10,000 × i
   * tokens for it, locked for a year), kfrags must be paid for, and the nodes vote in health rounds
   * and withdraw their fees.
   */
  public StaticNodeList up(
      int count, Optional<Path> deploymentFile, Duration timeout, Consumer<String> progress)
      throws IOException, InterruptedException, CryptoException {
    if (!running().isEmpty()) {
      throw new NkmsException(
          Kind.FAILED,
          "a network is already running in "
              + dir
              + "; stop it first with `./nkms network down"
              + (dir.endsWith(".nkms/network") ? "" : " --dir " + dir)
              + "`");
    }
    Files.createDirectories(dir);
    if (deploymentFile.isPresent()) {
      chain.use(deploymentFile.get());
    }
    Path passphraseFile = passphrase();
    char[] passphrase =
        Files.readString(passphraseFile, StandardCharsets.UTF_8).strip().toCharArray();
    List<NodeAddress> addresses = new ArrayList<>();
    try {
      for (int i = 1; i <= count; i++) {
        addresses.add(nodeDirs.createOrLoad(i, passphrase, progress));
      }
      if (onChain()) {
        for (int i = 1; i <= count; i++) {
          chain.stake(i, nodeDirs.identity(i, passphrase), progress);
        }
      } else {
        federation.signFor(addresses, passphrase);
      }
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    Map<Integer, Long> pids = new TreeMap<>();
    List<Process> started = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      writeConfig(i);
      nodeDirs.clearMetadata(i);
      Process p = start(i, passphraseFile, Map.of());
      started.add(p);
      pids.put(i, p.pid());
      processes.writePids(
          pids); // after each start, so `down` finds every process even if a later start fails
    }
    List<NodeMetadata> nodes = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    for (int i = 1; i <= count; i++) {
      for (int attempt = 1; ; attempt++) {
        try {
          nodes.add(processes.awaitMetadata(i, started.get(i - 1), deadline));
          break;
        } catch (NkmsException e) {
          // The free port drawn when the node was made was taken by another program before the
          // node bound it (a race no port choice can close): give it a new one and start it again.
          if (attempt == BIND_ATTEMPTS || !processes.lostItsPort(i, started.get(i - 1))) {
            throw e;
          }
          int port = movePort(i);
          progress.accept("node-" + i + "'s port was taken meanwhile; starting it on " + port);
          nodeDirs.clearMetadata(i);
          Process again = start(i, passphraseFile, Map.of());
          started.set(i - 1, again);
          pids.put(i, again.pid());
          processes.writePids(pids);
        }
      }
      progress.accept(
          "node-"
              + i
              + " "
              + nodes.get(i - 1).address()
              + " serving on port "
              + nodes.get(i - 1).port()
              + (onChain()
                  ? ""
                  : ", stake " + LocalFederation.stakeOf(i, nodes.get(i - 1).address()).amount()));
    }
    StaticNodeList list = StaticNodeList.of(nodes);
    list.save(nodeList());
    Files.writeString(
        dir.resolve(PEERS), "127.0.0.1:" + nodeDirs.port(1) + "\n", StandardCharsets.UTF_8);
    return list;
  }

  /**
   * A new node joins the running network: the federation stakes it (a new registry serial, given to
   * the new node only — the others learn it by gossip), and it starts with node-1 as its only peer.
   * Returns its index.
   */
  public int join(Duration timeout, Consumer<String> progress)
      throws IOException, InterruptedException, CryptoException {
    int i = processes.pids().keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    while (nodeDirs.hasIdentity(i) && i < 1000) {
      i++;
    }
    Path passphraseFile = passphrase();
    char[] passphrase =
        Files.readString(passphraseFile, StandardCharsets.UTF_8).strip().toCharArray();
    try {
      NodeAddress address = nodeDirs.createOrLoad(i, passphrase, progress);
      if (onChain()) {
        chain.stake(i, nodeDirs.identity(i, passphrase), progress);
      } else {
        federation.admit(i, address, passphrase);
      }
    } finally {
      Arrays.fill(passphrase, '\0');
    }
    writeConfig(i);
    nodeDirs.clearMetadata(i);
    Process p = start(i, passphraseFile, Map.of());
    processes.recordPid(i, p.pid());
    NodeMetadata m = processes.awaitMetadata(i, p, Instant.now().plus(timeout));
    addToNodeList(m);
    progress.accept("node-" + i + " " + m.address() + " joined on port " + m.port());
    return i;
  }

  /**
   * Starts (or restarts) the node in node-i, e.g. after it was killed, with extra environment
   * variables (for example {@code NKMS_DEV_FAULT}); returns its metadata and updates the node list.
   */
  public NodeMetadata restart(int i, Duration timeout, Map<String, String> env)
      throws IOException, InterruptedException, CryptoException {
    nodeDirs.clearMetadata(i);
    Process p = start(i, passphrase(), env);
    processes.recordPid(i, p.pid());
    NodeMetadata m = processes.awaitMetadata(i, p, Instant.now().plus(timeout));
    addToNodeList(m);
    return m;
  }

  /**
   * Records a node's newest metadata in the node list (a newer version of a listed node replaces
   * it).
   */
  private void addToNodeList(NodeMetadata m) throws IOException, MalformedInputException {
    List<NodeMetadata> all = new ArrayList<>(StaticNodeList.load(nodeList()).nodes());
    all.add(m);
    StaticNodeList.of(all).save(nodeList());
  }

  /**
   * The federated registry as the federation last signed it (the network directory's master copy).
   */
  public FederatedRegistry registry() throws IOException {
    return federation.registry();
  }

  /**
   * The nodes of this network as a fixed directory (what the local node list says, with the
   * registry's stakes).
   */
  public NodeDirectory directory() throws IOException {
    if (onChain()) {
      Deployment d = deployment();
      return NodeDirectory.fixed(nodes().nodes(), chain.registry(d));
    }
    return NodeDirectory.fixed(nodes().nodes(), registry());
  }

  public boolean onChain() {
    return chain.onChain();
  }

  /** The contracts this network runs on (only for a network started on chain). */
  public Deployment deployment() {
    return chain.deployment();
  }

  /** The metadata node-i wrote when it last started. */
  public NodeMetadata metadataOf(int i) throws IOException {
    return nodeDirs.metadata(i);
  }

  /**
   * Gives node-i a new free port (takes effect at its next start): what moving a node to a new
   * address does.
   */
  public int movePort(int i) throws IOException {
    int port = nodeDirs.movePort(i);
    writeConfig(i);
    return port;
  }

  /** SIGKILL for node-i's process (no shutdown hook runs): what a crash or {@code kill -9} does. */
  public boolean kill(int i) throws IOException {
    return processes.kill(i);
  }

  /**
   * Stops every node process (SIGTERM, then SIGKILL after a grace period). Returns how many were
   * running.
   */
  public int down(Duration grace) throws IOException {
    return processes.down(grace);
  }

  /** Pids from the pid file that are still alive and are nkms node processes. */
  public List<Long> running() throws IOException {
    return processes.running();
  }

  public StaticNodeList nodes() throws IOException {
    if (!Files.exists(nodeList())) {
      throw new NkmsException(
          Kind.UNREACHABLE,
          "no network in "
              + dir
              + " (no "
              + NODE_LIST
              + "); start one with `./nkms network up --nodes 5`");
    }
    try {
      return StaticNodeList.load(nodeList());
    } catch (MalformedInputException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage());
    }
  }

  private void writeConfig(int i) throws IOException {
    nodeDirs.writeConfig(i, onChain() ? deployment().domain() : DOMAIN, !onChain());
  }

  private Process start(int i, Path passphraseFile, Map<String, String> env) throws IOException {
    return processes.start(i, passphraseFile, onChain() ? chain.nodeArguments() : List.of(), env);
  }

  /** The network's passphrase file (0600), made with a random passphrase on first use. */
  private Path passphrase() throws IOException {
    Path file = dir.resolve(PASSPHRASE);
    if (!Files.exists(file)) {
      byte[] b = new byte[24];
      new SecureRandom().nextBytes(b);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, Base64.getEncoder().encodeToString(b) + "\n", StandardCharsets.UTF_8);
    }
    return file;
  }
}
