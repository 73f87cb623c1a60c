package dev.nkms.app.network;

import static dev.nkms.client.connect.NetworkDirectory.FEDERATION;
import static dev.nkms.client.connect.NetworkDirectory.REGISTRY;

import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.node.config.NodeDataDir;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.util.encoders.DecoderException;
import org.bouncycastle.util.encoders.Hex;

/**
 * The node-i data directories of a local network: each node's identity (keystore), its port (kept
 * in a file, so that a restarted node keeps its address), its config, its log and the metadata the
 * node writes once it serves.
 */
final class NodeDirs {
  private static final String PORT = "port";
  private static final String LOG = "node.log";

  /** The network directory. */
  private final Path dir;

  NodeDirs(Path dir) {
    this.dir = dir;
  }

  Path of(int i) {
    return dir.resolve("node-" + i);
  }

  Path log(int i) {
    return of(i).resolve(LOG);
  }

  boolean hasIdentity(int i) {
    return Files.exists(of(i).resolve(NodeDataDir.KEYSTORE));
  }

  /**
   * Node i's address: from its keystore, or from a new identity on a new free port (and a new
   * directory).
   */
  NodeAddress createOrLoad(int i, char[] passphrase, Consumer<String> progress)
      throws IOException, CryptoException {
    Path nodeDir = of(i);
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

  NodeIdentity identity(int i, char[] passphrase) throws IOException, CryptoException {
    return NodeIdentity.load(of(i).resolve(NodeDataDir.KEYSTORE), passphrase);
  }

  /**
   * Writes node i's config: loopback, its port, node-1 as the seed (for every other node), and —
   * for a federated network — the federation's trust anchor and the node's copy of the registry.
   */
  void writeConfig(int i, String domain, boolean federated) throws IOException {
    String peers = i == 1 ? "" : "peers: 127.0.0.1:" + port(1) + "\n";
    String registry =
        federated ? "federation: ../" + FEDERATION + "\nregistry: " + REGISTRY + "\n" : "";
    Files.writeString(
        of(i).resolve(NodeDataDir.CONFIG),
        "host: 127.0.0.1\npublic-host: 127.0.0.1\nport: "
            + port(i)
            + "\ndomain: "
            + domain
            + "\n"
            + registry
            + peers
            + "learning-interval: 500ms\nhealth-check-interval: 20s\n",
        StandardCharsets.UTF_8);
  }

  int port(int i) throws IOException {
    try {
      return Integer.parseInt(
          Files.readString(of(i).resolve(PORT), StandardCharsets.UTF_8).strip());
    } catch (NumberFormatException | NoSuchFileException e) {
      throw new NkmsException(
          Kind.INVALID_INPUT,
          of(i) + " is damaged or from an older nkms (no port file); remove " + dir);
    }
  }

  /** Gives node i a new free port in its port file (the caller rewrites the config). */
  int movePort(int i) throws IOException {
    int port = freePort();
    Files.writeString(of(i).resolve(PORT), port + "\n", StandardCharsets.UTF_8);
    return port;
  }

  /**
   * Forgets the metadata of node i's last start, so that waiting for the next start sees only the
   * new one.
   */
  void clearMetadata(int i) throws IOException {
    Files.deleteIfExists(of(i).resolve(NodeDataDir.METADATA));
  }

  boolean hasMetadata(int i) {
    return Files.exists(of(i).resolve(NodeDataDir.METADATA));
  }

  /** The metadata node i wrote when it last started. */
  NodeMetadata metadata(int i) throws IOException {
    Path file = of(i).resolve(NodeDataDir.METADATA);
    try {
      return NodeMetadata.fromBytes(
          Hex.decode(Files.readString(file, StandardCharsets.UTF_8).strip()));
    } catch (MalformedInputException | DecoderException e) {
      throw new NkmsException(
          Kind.FAILED, "node-" + i + " wrote unreadable metadata: " + e.getMessage());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
