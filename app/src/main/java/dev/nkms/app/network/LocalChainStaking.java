package dev.nkms.app.network;

import static dev.nkms.client.connect.NetworkDirectory.DEPLOYMENT;

import dev.nkms.app.chain.DevAccounts;
import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.Deployment;
import dev.nkms.chain.DevChain;
import dev.nkms.chain.Economics;
import dev.nkms.chain.EthereumStakeRegistry;
import dev.nkms.chain.Staking;
import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.registry.StakeRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The chain side of a local network started on chain: the contracts it runs on (a copy of the
 * deployment file in the network directory, whose presence is what "on chain" means), each node's
 * stake in the staking contract, and the registry that clients read from the contracts.
 */
final class LocalChainStaking {
  /** ETH each node of a chain network holds for the gas of its own transactions. */
  private static final BigInteger NODE_GAS = BigInteger.TEN.pow(18);

  private final Path deploymentFile;

  LocalChainStaking(Path dir) {
    this.deploymentFile = dir.resolve(DEPLOYMENT);
  }

  boolean onChain() {
    return Files.exists(deploymentFile);
  }

  /**
   * Puts the network on the contracts of {@code deployment} (copied into the network directory).
   */
  void use(Path deployment) throws IOException {
    Files.copy(deployment, deploymentFile, StandardCopyOption.REPLACE_EXISTING);
  }

  Deployment deployment() {
    try {
      return Deployment.load(deploymentFile);
    } catch (ChainException e) {
      throw new NkmsException(Kind.INVALID_INPUT, e.getMessage());
    }
  }

  /**
   * What a node of this network runs with besides its data dir: the contracts, and short vote and
   * fee intervals.
   */
  List<String> nodeArguments() {
    return List.of(
        "--chain", deploymentFile.toString(), "--vote-interval", "1s", "--fee-interval", "5s");
  }

  /**
   * Node i's operator (dev account i) stakes 10,000 × i tokens for it, locked for a year, unless it
   * already has.
   */
  void stake(int i, NodeIdentity identity, Consumer<String> progress) {
    Deployment d = deployment();
    try (Chain chain = Chain.connect(d.url())) {
      Staking staking = new Staking(chain, d, DevChain.account(DevAccounts.operator(i)));
      if (staking.status().amount().signum() == 0) {
        BigInteger amount = Economics.tokens(10_000L * i);
        staking.deposit(identity.signer(), amount, chain.now().plus(Duration.ofDays(365)));
        progress.accept(
            "node-"
                + i
                + " staked "
                + 10_000L * i
                + " NKMS on chain (operator "
                + staking.operator()
                + ")");
      }
      staking.fundNode(NODE_GAS); // the node sends its own votes and fee withdrawals
    } catch (ChainException e) {
      throw new NkmsException(Kind.UNREACHABLE, "cannot stake node-" + i + ": " + e.getMessage());
    }
  }

  /** The stakes as the staking contract of {@code d} holds them (a new connection to its chain). */
  StakeRegistry registry(Deployment d) {
    try {
      return EthereumStakeRegistry.open(Chain.connect(d.url()), d);
    } catch (ChainException e) {
      throw new NkmsException(Kind.UNREACHABLE, e.getMessage());
    }
  }
}
