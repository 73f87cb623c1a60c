package dev.nkms.app.network;

import static dev.nkms.client.connect.NetworkDirectory.FEDERATION;
import static dev.nkms.client.connect.NetworkDirectory.REGISTRY;

import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.crypto.CryptoException;
import dev.nkms.crypto.MalformedInputException;
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
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The federation of a local network (Sec. VIII.J): its key (a 0600 keystore in the network
 * directory, made on first use together with the trust anchor) and the registry it signs with every
 * node's stake — the master copy in the network directory, copies in the node directories.
 */
final class LocalFederation {
  private static final String FEDERATION_KEY = "federation.key";

  private final Path dir;
  private final NodeDirs nodeDirs;

  LocalFederation(Path dir, NodeDirs nodeDirs) {
    this.dir = dir;
    this.nodeDirs = nodeDirs;
  }

  /** The registry as the federation last signed it (the master copy). */
  FederatedRegistry registry() throws IOException {
    try {
      return FederatedRegistry.load(dir.resolve(FEDERATION), dir.resolve(REGISTRY));
    } catch (NoSuchFileException e) {
      throw new NkmsException(
          Kind.UNREACHABLE,
          "no network in "
              + dir
              + " (no "
              + e.getFile()
              + "); start one with `./nkms network up --nodes 5`");
    } catch (MalformedInputException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage());
    }
  }

  /**
   * Node i stakes 10,000 × i tokens, locked for a year: unequal stakes, so selection visibly
   * follows them.
   */
  static Stake stakeOf(int i, NodeAddress node) {
    return new Stake(
        OperatorAddress.of(node.toBytes()),
        node,
        BigInteger.valueOf(10_000L * i),
        Instant.now().plus(Duration.ofDays(365)).truncatedTo(ChronoUnit.DAYS));
  }

  /**
   * A registry of exactly these nodes (node i is {@code nodes.get(i - 1)}), given to every node
   * directory.
   */
  void signFor(List<NodeAddress> nodes, char[] passphrase) throws IOException, CryptoException {
    List<Stake> stakes = new ArrayList<>();
    for (int i = 1; i <= nodes.size(); i++) {
      stakes.add(stakeOf(i, nodes.get(i - 1)));
    }
    sign(stakes, passphrase);
  }

  /**
   * Stakes node i (replacing an older stake of the same node) in a new serial, given to node i
   * only: the others learn it by gossip.
   */
  void admit(int i, NodeAddress node, char[] passphrase) throws IOException, CryptoException {
    List<Stake> stakes = new ArrayList<>(registry().stakes());
    stakes.removeIf(st -> st.node().equals(node));
    stakes.add(stakeOf(i, node));
    sign(stakes, passphrase, i);
  }

  /**
   * Signs a new serial of the registry; the master copy goes to the network directory and to the
   * given nodes.
   */
  private void sign(List<Stake> stakes, char[] passphrase, int... onlyNodes)
      throws IOException, CryptoException {
    Path keyFile = dir.resolve(FEDERATION_KEY);
    SecretKey key;
    if (Files.exists(keyFile)) {
      key = SecretKey.fromBEBytes(Keystore.read(keyFile, passphrase).get("federation"));
    } else {
      key = SecretKey.random();
      Keystore.write(keyFile, passphrase, Map.of("federation", key.toSecretBytes()));
      Federation.of(LocalNetwork.DOMAIN, 1, List.of(key.publicKey())).save(dir.resolve(FEDERATION));
    }
    long serial = Files.exists(dir.resolve(REGISTRY)) ? registry().serial() + 1 : 1;
    FederatedNodeList list =
        FederatedNodeList.sign(
            LocalNetwork.DOMAIN,
            serial,
            Instant.now(),
            LocalNetwork.MINIMUM_STAKE,
            stakes,
            List.of(new Signer(key)),
            RandomSource.secure());
    writeAtomically(dir.resolve(REGISTRY), list.toBytes());
    if (onlyNodes.length == 0) {
      for (int i = 1; Files.exists(nodeDirs.of(i)); i++) {
        writeAtomically(nodeDirs.of(i).resolve(REGISTRY), list.toBytes());
      }
    } else {
      for (int i : onlyNodes) {
        writeAtomically(nodeDirs.of(i).resolve(REGISTRY), list.toBytes());
      }
    }
  }

  private static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
