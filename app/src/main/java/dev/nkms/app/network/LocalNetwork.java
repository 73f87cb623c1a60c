package dev.nkms.app.network;

import static dev.nkms.client.connect.NetworkDirectory.DEPLOYMENT;
import static dev.nkms.client.connect.NetworkDirectory.FEDERATION;
import static dev.nkms.client.connect.NetworkDirectory.PEERS;
import static dev.nkms.client.connect.NetworkDirectory.REGISTRY;

import dev.nkms.node.config.NodeDataDir;
import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.keystore.Keystore;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.registry.FederatedNodeList;
import dev.nkms.registry.FederatedRegistry;
import dev.nkms.registry.Federation;
import dev.nkms.registry.OperatorAddress;
import dev.nkms.registry.Stake;
import dev.nkms.registry.StaticNodeList;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * N node processes on loopback forming a federated network (Sec. VIII.J): the federation's key signs a registry with
 * every node's stake, and the nodes discover one another by gossip from one seed (node-1). The network lives in a
 * directory: node-i/ data dirs, a passphrase file (0600), the federation's key (0600 keystore), trust anchor and
 * registry, pids, logs, the peers file clients learn from, and nodes.list (every node started, for tests and tools).
 */
public final class LocalNetwork {
  public static final String NODE_LIST = "nodes.list";
  /** The network's name in a local network's registry and node metadata. */
  public static final String DOMAIN = "local";
  public static final BigInteger MINIMUM_STAKE = BigInteger.valueOf(10_000);
  /** ETH each node of a chain network holds for the gas of its own transactions. */
  private static final BigInteger NODE_GAS = BigInteger.TEN.pow(18);
  private static final String FEDERATION_KEY = "federation.key";
  private static final String PORT = "port";
  private static final String PIDS = "pids";
  private static final String PASSPHRASE = "passphrase";

  private final Path dir;
  private final Optional<String> nodeMain;

  /** A network to inspect or stop; it cannot start nodes. */
  public LocalNetwork(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    this.nodeMain = Optional.empty();
  }

  /**
   * A network that starts each node as a process of {@code nodeMain}, a main class that takes the command line's
   * {@code node run --data-dir DIR --passphrase-file FILE [--chain FILE …]} — so a local node is exactly what an
   * operator runs, and this module need not know the command line.
   */
  public LocalNetwork(Path dir, String nodeMain) {
    this.dir = dir.toAbsolutePath().normalize();
    this.nodeMain = Optional.of(nodeMain);
  }

  public Path dir() {
    return dir;
  }

  public Path nodeList() {
    return dir.resolve(NODE_LIST);
  }

  public Path nodeDir(int i) {
    return dir.resolve("node-" + i);
  }

  /**
   * Creates missing nodes, signs the registry (every node staked, the federation's key in a 0600 keystore), starts
   * every node process with node-1 as the seed the others learn the network from, waits until all serve, and writes
   * the node list and the peers file for clients.
   */
  public StaticNodeList up(int count, Duration timeout, Consumer<String> progress) throws IOException,
      InterruptedException, CryptoException {
    return up(count, Optional.empty(), timeout, progress);
  }

  /**
   * Like {@link #up(int, Duration, Consumer)}, but on chain when {@code deploymentFile} is given: the staking contract
   * is the registry (node-i's operator, dev account i, stakes 10,000 × i tokens for it, locked for a year), kfrags
   * must be paid for, and the nodes vote in health rounds and withdraw their fees.
   */
  public StaticNodeList up(int count, Optional<Path> deploymentFile, Duration timeout, Consumer<String> progress)
      throws IOException, InterruptedException, CryptoException {
    if (!running().isEmpty()) {
      throw new NkmsException(Kind.FAILED, "a network is already running in " + dir
          + "; stop it first with `./nkms network down" + (dir.endsWith(".nkms/network") ? "" : " --dir " + dir) + "`");
    }
    Files.createDirectories(dir);
    if (deploymentFile.isPresent()) {
      Files.copy(deploymentFile.get(), dir.resolve(DEPLOYMENT), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Path passphraseFile = passphrase();
    char[] passphrase = Files.readString(passphraseFile, StandardCharsets.UTF_8).strip().toCharArray();
    List<NodeAddress> addresses = new ArrayList<>();
    try {
      for (int i = 1; i <= count; i++) {
        addresses.add(createOrLoad(i, passphrase, progress));
      }
      if (onChain()) {
        for (int i = 1; i <= count; i++) {
          stakeOnChain(i, passphrase, progress);
        }
      } else {
        List<Stake> stakes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
          stakes.add(stakeOf(i, addresses.get(i - 1)));
        }
        signRegistry(stakes, passphrase);
      }
    } finally {
      java.util.Arrays.fill(passphrase, '\0');
    }
    Map<Integer, Long> pids = new TreeMap<>();
    List<Process> started = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      writeConfig(i);
      Files.deleteIfExists(nodeDir(i).resolve(NodeDataDir.METADATA));
      Process p = startNode(nodeDir(i), passphraseFile, Map.of());
      started.add(p);
      pids.put(i, p.pid());
      writePids(pids); // after each start, so `down` finds every process even if a later start fails
    }
    List<NodeMetadata> nodes = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    for (int i = 1; i <= count; i++) {
      nodes.add(awaitMetadata(i, started.get(i - 1), deadline));
      progress.accept("node-" + i + " " + nodes.get(i - 1).address() + " serving on port " + nodes.get(i - 1).port()
          + (onChain() ? "" : ", stake " + stakeOf(i, nodes.get(i - 1).address()).amount()));
    }
    StaticNodeList list = StaticNodeList.of(nodes);
    list.save(nodeList());
    Files.writeString(dir.resolve(PEERS), "127.0.0.1:" + configuredPort(1) + "\n", StandardCharsets.UTF_8);
    return list;
  }

  /**
   * A new node joins the running network: the federation stakes it (a new registry serial, given to the new node
   * only — the others learn it by gossip), and it starts with node-1 as its only peer. Returns its index.
   */
  public int join(Duration timeout, Consumer<String> progress) throws IOException, InterruptedException,
      CryptoException {
    int i = readPids().keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    while (Files.exists(nodeDir(i).resolve(NodeDataDir.KEYSTORE)) && i < 1000) {
      i++;
    }
    Path passphraseFile = passphrase();
    char[] passphrase = Files.readString(passphraseFile, StandardCharsets.UTF_8).strip().toCharArray();
    try {
      NodeAddress address = createOrLoad(i, passphrase, progress);
      if (onChain()) {
        stakeOnChain(i, passphrase, progress);
      } else {
        List<Stake> stakes = new ArrayList<>(registry().stakes());
        stakes.removeIf(st -> st.node().equals(address));
        stakes.add(stakeOf(i, address));
        signRegistry(stakes, passphrase, i);
      }
    } finally {
      java.util.Arrays.fill(passphrase, '\0');
    }
    writeConfig(i);
    Files.deleteIfExists(nodeDir(i).resolve(NodeDataDir.METADATA));
    Process p = startNode(nodeDir(i), passphraseFile, Map.of());
    Map<Integer, Long> pids = readPids();
    pids.put(i, p.pid());
    writePids(pids);
    NodeMetadata m = awaitMetadata(i, p, Instant.now().plus(timeout));
    addToNodeList(m);
    progress.accept("node-" + i + " " + m.address() + " joined on port " + m.port());
    return i;
  }

  /** Records a node's newest metadata in the node list (a newer version of a listed node replaces it). */
  private void addToNodeList(NodeMetadata m) throws IOException, MalformedInputException {
    List<NodeMetadata> all = new ArrayList<>(StaticNodeList.load(nodeList()).nodes());
    all.add(m);
    StaticNodeList.of(all).save(nodeList());
  }

  /** The federated registry as the federation last signed it (the network directory's master copy). */
  public FederatedRegistry registry() throws IOException {
    try {
      return FederatedRegistry.load(dir.resolve(FEDERATION), dir.resolve(REGISTRY));
    } catch (NoSuchFileException e) {
      throw new NkmsException(Kind.UNREACHABLE, "no network in " + dir + " (no " + e.getFile()
          + "); start one with `./nkms network up --nodes 5`");
    } catch (MalformedInputException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage());
    }
  }

  /** The nodes of this network as a fixed directory (what the local node list says, with the registry's stakes). */
  public NodeDirectory directory() throws IOException {
    if (onChain()) {
      dev.nkms.chain.Deployment d = deployment();
      try {
        return NodeDirectory.fixed(nodes().nodes(), dev.nkms.chain.EthereumStakeRegistry.open(
            dev.nkms.chain.Chain.connect(d.url()), d));
      } catch (dev.nkms.chain.ChainException e) {
        throw new NkmsException(Kind.UNREACHABLE, e.getMessage());
      }
    }
    return NodeDirectory.fixed(nodes().nodes(), registry());
  }

  /** Node i stakes 10,000 × i tokens, locked for a year: unequal stakes, so selection visibly follows them. */
  private static Stake stakeOf(int i, NodeAddress node) {
    return new Stake(OperatorAddress.of(node.toBytes()), node, BigInteger.valueOf(10_000L * i),
        Instant.now().plus(Duration.ofDays(365)).truncatedTo(java.time.temporal.ChronoUnit.DAYS));
  }

  public boolean onChain() {
    return Files.exists(dir.resolve(DEPLOYMENT));
  }

  /** The contracts this network runs on (only for a network started on chain). */
  public dev.nkms.chain.Deployment deployment() {
    try {
      return dev.nkms.chain.Deployment.load(dir.resolve(DEPLOYMENT));
    } catch (dev.nkms.chain.ChainException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage());
    }
  }

  /** Node i's operator (dev account i) stakes 10,000 × i tokens for it, locked for a year, unless it already has. */
  private void stakeOnChain(int i, char[] passphrase, Consumer<String> progress) throws IOException, CryptoException {
    NodeIdentity identity = NodeIdentity.load(nodeDir(i).resolve(NodeDataDir.KEYSTORE), passphrase);
    dev.nkms.chain.Deployment d = deployment();
    try (dev.nkms.chain.Chain chain = dev.nkms.chain.Chain.connect(d.url())) {
      dev.nkms.chain.Staking staking = new dev.nkms.chain.Staking(chain, d,
          dev.nkms.chain.DevChain.account(dev.nkms.app.chain.DevAccounts.operator(i)));
      if (staking.status().amount().signum() == 0) {
        BigInteger amount = dev.nkms.chain.Economics.tokens(10_000L * i);
        staking.deposit(identity.signer(), amount, chain.now().plus(Duration.ofDays(365)));
        progress.accept("node-" + i + " staked " + 10_000L * i + " NKMS on chain (operator "
            + staking.operator() + ")");
      }
      staking.fundNode(NODE_GAS); // the node sends its own votes and fee withdrawals
    } catch (dev.nkms.chain.ChainException e) {
      throw new NkmsException(Kind.UNREACHABLE, "cannot stake node-" + i + ": " + e.getMessage());
    }
  }

  private NodeAddress createOrLoad(int i, char[] passphrase, Consumer<String> progress) throws IOException,
      CryptoException {
    Path nodeDir = nodeDir(i);
    Path keystore = nodeDir.resolve(NodeDataDir.KEYSTORE);
    if (Files.exists(keystore)) {
      return NodeIdentity.load(keystore, passphrase).address();
    }
    Files.createDirectories(nodeDir);
    NodeIdentity identity = NodeIdentity.generate(List.of("127.0.0.1"), Clock.systemUTC());
    identity.save(keystore, passphrase);
    Files.writeString(nodeDir.resolve(PORT), freePort() + "\n", StandardCharsets.UTF_8);
    progress.accept("created node-" + i);
    return identity.address();
  }

  /** Signs a new serial of the registry; the master copy goes to the network directory and to the given nodes. */
  private void signRegistry(List<Stake> stakes, char[] passphrase, int... onlyNodes) throws IOException,
      CryptoException {
    Path keyFile = dir.resolve(FEDERATION_KEY);
    SecretKey key;
    if (Files.exists(keyFile)) {
      key = SecretKey.fromBEBytes(Keystore.read(keyFile, passphrase).get("federation"));
    } else {
      key = SecretKey.random();
      Keystore.write(keyFile, passphrase, Map.of("federation", key.toSecretBytes()));
      Federation.of(DOMAIN, 1, List.of(key.publicKey())).save(dir.resolve(FEDERATION));
    }
    long serial = Files.exists(dir.resolve(REGISTRY)) ? registry().serial() + 1 : 1;
    FederatedNodeList list = FederatedNodeList.sign(DOMAIN, serial, Instant.now(), MINIMUM_STAKE, stakes,
        List.of(new Signer(key)), RandomSource.secure());
    writeAtomically(dir.resolve(REGISTRY), list.toBytes());
    if (onlyNodes.length == 0) {
      for (int i = 1; Files.exists(nodeDir(i)); i++) {
        writeAtomically(nodeDir(i).resolve(REGISTRY), list.toBytes());
      }
    } else {
      for (int i : onlyNodes) {
        writeAtomically(nodeDir(i).resolve(REGISTRY), list.toBytes());
      }
    }
  }

  private void writeConfig(int i) throws IOException {
    String peers = i == 1 ? "" : "peers: 127.0.0.1:" + configuredPort(1) + "\n";
    String registry = onChain() ? "" : "federation: ../" + FEDERATION + "\nregistry: " + REGISTRY + "\n";
    Files.writeString(nodeDir(i).resolve(NodeDataDir.CONFIG), "host: 127.0.0.1\npublic-host: 127.0.0.1\nport: "
        + configuredPort(i) + "\ndomain: " + (onChain() ? deployment().domain() : DOMAIN) + "\n" + registry + peers
        + "learning-interval: 500ms\nhealth-check-interval: 20s\n", StandardCharsets.UTF_8);
  }

  private int configuredPort(int i) throws IOException {
    try {
      return Integer.parseInt(Files.readString(nodeDir(i).resolve(PORT), StandardCharsets.UTF_8).strip());
    } catch (NumberFormatException | NoSuchFileException e) {
      throw new NkmsException(Kind.INVALID_INPUT, nodeDir(i) + " is damaged or from an older nkms (no port file); remove " + dir);
    }
  }

  private static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Starts (or restarts) the node in node-i, e.g. after it was killed, with extra environment variables (for
   * example {@code NKMS_DEV_FAULT}); returns its metadata and updates the node list.
   */
  public NodeMetadata restart(int i, Duration timeout, Map<String, String> env) throws IOException,
      InterruptedException, CryptoException {
    Path nodeDir = nodeDir(i);
    Files.deleteIfExists(nodeDir.resolve(NodeDataDir.METADATA));
    Process p = startNode(nodeDir, passphrase(), env);
    Map<Integer, Long> pids = readPids();
    pids.put(i, p.pid());
    writePids(pids);
    NodeMetadata m = awaitMetadata(i, p, Instant.now().plus(timeout));
    addToNodeList(m);
    return m;
  }

  /** The metadata node-i wrote when it last started. */
  public NodeMetadata metadataOf(int i) throws IOException {
    Path file = nodeDir(i).resolve(NodeDataDir.METADATA);
    try {
      return NodeMetadata.fromBytes(Hex.decode(Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (MalformedInputException | DecoderException e) {
      throw new NkmsException(Kind.FAILED, "node-" + i + " wrote unreadable metadata: " + e.getMessage());
    }
  }

  /** Gives node-i a new free port (takes effect at its next start): what moving a node to a new address does. */
  public int movePort(int i) throws IOException {
    int port = freePort();
    Files.writeString(nodeDir(i).resolve(PORT), port + "\n", StandardCharsets.UTF_8);
    writeConfig(i);
    return port;
  }

  /** SIGKILL for node-i's process (no shutdown hook runs): what a crash or {@code kill -9} does. */
  public boolean kill(int i) throws IOException {
    Long pid = readPids().get(i);
    if (pid == null) {
      return false;
    }
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty()) {
      return false;
    }
    h.get().destroyForcibly();
    try {
      h.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("node-" + i + " (pid " + pid + ") did not die after SIGKILL", e);
    }
    return true;
  }

  /** Stops every node process (SIGTERM, then SIGKILL after a grace period). Returns how many were running. */
  public int down(Duration grace) throws IOException {
    List<Long> pids = running();
    List<ProcessHandle> handles = new ArrayList<>();
    for (long pid : pids) {
      ProcessHandle.of(pid).ifPresent(h -> {
        h.destroy();
        handles.add(h);
      });
    }
    Instant deadline = Instant.now().plus(grace);
    for (ProcessHandle h : handles) {
      try {
        h.onExit().get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
            java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    Files.deleteIfExists(dir.resolve(PIDS));
    return handles.size();
  }

  /** Pids from the pid file that are still alive and are nkms node processes. */
  public List<Long> running() throws IOException {
    List<Long> alive = new ArrayList<>();
    for (long pid : readPids().values()) {
      Optional<ProcessHandle> h = ProcessHandle.of(pid);
      if (h.isPresent() && h.get().isAlive()
          && h.get().info().commandLine().map(c -> c.contains(marker())).orElse(true)) {
        alive.add(pid);
      }
    }
    return alive;
  }

  private String marker() {
    return "-Dnkms.local-network=" + dir;
  }

  private Map<Integer, Long> readPids() throws IOException {
    Path pidFile = dir.resolve(PIDS);
    Map<Integer, Long> pids = new TreeMap<>();
    if (!Files.exists(pidFile)) {
      return pids;
    }
    for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2) {
        try {
          pids.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
          throw new NkmsException(Kind.INVALID_INPUT, pidFile + " is damaged: '" + line + "'");
        }
      }
    }
    return pids;
  }

  private void writePids(Map<Integer, Long> pids) throws IOException {
    StringBuilder sb = new StringBuilder();
    pids.forEach((i, pid) -> sb.append(i).append(' ').append(pid).append('\n'));
    Files.writeString(dir.resolve(PIDS), sb.toString(), StandardCharsets.UTF_8);
  }

  public StaticNodeList nodes() throws IOException {
    if (!Files.exists(nodeList())) {
      throw new NkmsException(Kind.UNREACHABLE, "no network in " + dir + " (no " + NODE_LIST
          + "); start one with `./nkms network up --nodes 5`");
    }
    try {
      return StaticNodeList.load(nodeList());
    } catch (MalformedInputException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage());
    }
  }

  private Path passphrase() throws IOException {
    Path file = dir.resolve(PASSPHRASE);
    if (!Files.exists(file)) {
      byte[] b = new byte[24];
      new SecureRandom().nextBytes(b);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, Base64.getEncoder().encodeToString(b) + "\n", StandardCharsets.UTF_8);
    }
    return file;
  }

  private Process startNode(Path nodeDir, Path passphraseFile, Map<String, String> env) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    // First, so it survives the kernel's truncation of long command lines: how running() recognises our nodes.
    cmd.add(marker());
    String backend = System.getProperty("nkms.backend");
    if (backend != null) {
      cmd.add("-Dnkms.backend=" + backend);
    }
    if (Runtime.version().feature() >= 22) {
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(nodeMain.orElseThrow(() -> new IllegalStateException("this LocalNetwork was made to inspect or stop a"
        + " network; give it the node program to start nodes")));
    cmd.addAll(List.of("node", "run", "--data-dir", nodeDir.toString(), "--passphrase-file",
        passphraseFile.toString()));
    if (onChain()) {
      cmd.addAll(List.of("--chain", dir.resolve(DEPLOYMENT).toString(), "--vote-interval", "1s", "--fee-interval",
          "5s"));
    }
    Path log = nodeDir.resolve("node.log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().remove("NKMS_PASSPHRASE"); // nodes read the network's own passphrase file
    pb.environment().remove("NKMS_DEV_FAULT");
    pb.environment().putAll(env);
    return pb.start();
  }

  private NodeMetadata awaitMetadata(int i, Process p, Instant deadline) throws IOException, InterruptedException {
    Path file = nodeDir(i).resolve(NodeDataDir.METADATA);
    // Polls for a file another process writes; the process exiting or the deadline ends the wait.
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(file)) {
        try {
          return NodeMetadata.fromBytes(Hex.decode(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (MalformedInputException | DecoderException e) {
          throw new NkmsException(Kind.FAILED, "node-" + i + " wrote unreadable metadata: " + e.getMessage());
        }
      }
      if (!p.isAlive()) {
        throw new NkmsException(Kind.FAILED, "node-" + i + " exited with code " + p.exitValue() + "; see "
            + nodeDir(i).resolve("node.log") + ":\n" + tail(nodeDir(i).resolve("node.log")));
      }
      Thread.sleep(50);
    }
    throw new NkmsException(Kind.FAILED, "node-" + i + " did not start within the timeout; see " + nodeDir(i).resolve("node.log"));
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

}
