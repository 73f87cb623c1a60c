package dev.nkms.client.connect;

import dev.nkms.client.NkmsException;
import dev.nkms.protocol.PeerAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The files that tell a client which network it is in — what {@code nkms network up} writes and
 * what an operator hands out: the federation's trust anchor and the signed registry (or a chain
 * deployment instead of both), and the peers to learn from. One place names them, for the programs
 * that write them and the clients that read them.
 */
public final class NetworkDirectory {
  /** The federation's trust anchor (its public key and domain). */
  public static final String FEDERATION = "federation";

  /** The signed federated node list. */
  public static final String REGISTRY = "registry";

  /** Seed peers, one {@code host:port} per line ({@code #} comments). */
  public static final String PEERS = "peers";

  /** A chain deployment: the staking contract is the registry. */
  public static final String DEPLOYMENT = "deployment.json";

  /** What a client learned, kept for next time. */
  public static final String CLIENT_KNOWN_NODES = "client-known-nodes";

  /** The default directory, relative to the working directory. */
  public static final String DEFAULT = ".nkms/network";

  private final Path dir;

  private NetworkDirectory(Path dir) {
    this.dir = dir;
  }

  public static NetworkDirectory at(Path dir) {
    return new NetworkDirectory(Objects.requireNonNull(dir));
  }

  public Path dir() {
    return dir;
  }

  public Path federation() {
    return dir.resolve(FEDERATION);
  }

  public Path registry() {
    return dir.resolve(REGISTRY);
  }

  public Path peersFile() {
    return dir.resolve(PEERS);
  }

  public Path deployment() {
    return dir.resolve(DEPLOYMENT);
  }

  public Path clientKnownNodes() {
    return dir.resolve(CLIENT_KNOWN_NODES);
  }

  /**
   * The seed peers, in file order; none when there is no peers file.
   *
   * @throws NkmsException (invalid input) when the file cannot be read or a line is not {@code
   *     host:port}
   */
  public List<PeerAddress> peers() {
    Path file = peersFile();
    List<PeerAddress> peers = new ArrayList<>();
    if (!Files.exists(file)) {
      return peers;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new NkmsException(
          NkmsException.Kind.INVALID_INPUT,
          "cannot read the network in " + dir + ": " + e.getMessage());
    }
    int number = 0;
    for (String line : lines) {
      number++;
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      try {
        peers.add(PeerAddress.parse(line.strip()));
      } catch (IllegalArgumentException e) {
        throw new NkmsException(
            NkmsException.Kind.INVALID_INPUT, file + " line " + number + ": " + e.getMessage());
      }
    }
    return peers;
  }
}
