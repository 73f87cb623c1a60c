package dev.nkms.cli.characters;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import dev.nkms.cli.network.LocalNetwork;
import dev.nkms.client.network.Learner;
import dev.nkms.client.transport.HttpsNodeClient;
import dev.nkms.node.network.Membership;
import dev.nkms.protocol.PeerAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a command-line client (Alice, Bob) finds the network: a network directory holding the federation's trust
 * anchor, the signed registry and a peers file (what `nkms network up` writes, or what an operator hands out). The
 * client learns the nodes from the peers with the same loop nodes use, and keeps what it learned in
 * {@code client-known-nodes} for next time.
 */
public final class ClientNetwork {
  static final String DEFAULT_DIR = ".nkms/network";
  static final Duration WAIT = Duration.ofSeconds(30);
  private static final String KNOWN = "client-known-nodes";

  private ClientNetwork() {}

  public static Learner open(Path dir) {
    Path deployment = dir.resolve(LocalNetwork.DEPLOYMENT);
    if (Files.exists(deployment)) {
      return learner(dir, onChain(deployment));
    }
    Path federation = dir.resolve(LocalNetwork.FEDERATION);
    Path registry = dir.resolve(LocalNetwork.REGISTRY);
    if (!Files.exists(federation) || !Files.exists(registry)) {
      throw new UserError(ExitCode.USAGE, "no network in " + dir + " (it needs '" + LocalNetwork.FEDERATION + "' and '"
          + LocalNetwork.REGISTRY + "'; start one with `nkms network up`)");
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
    try {
      dev.nkms.chain.Deployment d = dev.nkms.chain.Deployment.load(deploymentFile);
      return dev.nkms.cli.chain.ChainMembership.of(dev.nkms.chain.Chain.connect(d.url()), d);
    } catch (dev.nkms.chain.ChainException e) {
      throw new UserError(ExitCode.UNREACHABLE, e.getMessage());
    }
  }

  private static Learner learner(Path dir, Membership membership) {
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
      throw new UserError(ExitCode.USAGE, dir + ": " + e.getMessage());
    }
    return Learner.builder(membership.registry(), HttpsNodeClient.factory()).sync(membership.sync()).seeds(peers)
        .store(dir.resolve(KNOWN)).settings(Learner.Settings.every(Duration.ofMillis(200))).build();
  }
}
