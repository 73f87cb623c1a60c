package dev.nkms.cli.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.StakeStatus;
import dev.nkms.chain.Staking;
import dev.nkms.cli.Passphrases;
import dev.nkms.cli.UserError;
import dev.nkms.cli.characters.Times;
import dev.nkms.cli.node.NodeCommand;
import dev.nkms.crypto.keystore.KeystoreException;
import dev.nkms.node.identity.NodeIdentity;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stake", mixinStandardHelpOptions = true, description = "Stake tokens for a node (on chain).",
    subcommands = {StakeCommand.Deposit.class, StakeCommand.Withdraw.class, StakeCommand.Status.class})
public final class StakeCommand {
  @Command(name = "deposit", mixinStandardHelpOptions = true,
      description = "Deposit tokens locked until a time, bound to the node in --data-dir (its key signs the binding).")
  public static final class Deposit implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Mixin ChainOptions chain;

    @Option(names = "--data-dir", required = true, description = "The node's data directory (its keystore).")
    Path dataDir;

    @Option(names = "--passphrase-file") Path passphraseFile;

    @Option(names = "--amount", required = true, description = "Tokens to deposit, e.g. 20000.") String amount;

    @Option(names = "--lock", defaultValue = "365d", description = "Locked for (30d, 365d) or until an instant"
        + " (default ${DEFAULT-VALUE}); eligible only for policies ending before.") String lock;

    @Option(names = "--node-gas", defaultValue = "0.1", paramLabel = "ETH", description = "Keep at least this much"
        + " ETH at the node, which pays the gas of its own transactions (health votes, fee withdrawals): the operator"
        + " sends what is missing (default ${DEFAULT-VALUE}; 0 sends nothing).") String nodeGas;

    @Override
    public Integer call() throws Exception {
      char[] pass = Passphrases.obtain(passphraseFile, "node keystore " + dataDir.resolve(NodeCommand.KEYSTORE), false);
      NodeIdentity node;
      try {
        node = NodeIdentity.load(dataDir.resolve(NodeCommand.KEYSTORE), pass);
      } catch (KeystoreException e) {
        throw new UserError(1, e.getMessage());
      } finally {
        java.util.Arrays.fill(pass, '\0');
      }
      try (Chain c = chain.connect()) {
        Instant until = Times.parse(lock, c.now(), "--lock");
        Staking staking = new Staking(c, chain.deployment(), chain.credentials());
        BigInteger gas = Tokens.parse(nodeGas, "--node-gas", true);
        staking.deposit(node.signer(), Tokens.parse(amount, "--amount"), until);
        BigInteger sent = staking.fundNode(gas);
        if (sent.signum() > 0) {
          out().println("sent " + Tokens.formatEth(sent) + " to node " + node.address() + " for its gas");
        }
        print(out(), staking.status());
        return 0;
      } catch (ChainException e) {
        throw new UserError(1, e.getMessage());
      }
    }
  }

  @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Withdraw tokens after the lock ends.")
  public static final class Withdraw implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Mixin ChainOptions chain;

    @Option(names = "--amount", required = true) String amount;

    @Override
    public Integer call() throws Exception {
      try (Chain c = chain.connect()) {
        Staking staking = new Staking(c, chain.deployment(), chain.credentials());
        staking.withdraw(Tokens.parse(amount, "--amount"));
        print(out(), staking.status());
        return 0;
      } catch (ChainException e) {
        throw new UserError(1, e.getMessage());
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "An operator's stake, lock and rewards.")
  public static final class Status implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Mixin ChainOptions chain;

    @Override
    public Integer call() throws Exception {
      try (Chain c = chain.connect()) {
        print(out(), new Staking(c, chain.deployment(), chain.credentials()).status());
        return 0;
      } catch (ChainException e) {
        throw new UserError(1, e.getMessage());
      }
    }
  }

  static void print(java.io.PrintWriter out, StakeStatus s) {
    out.println("node         " + s.node().map(Object::toString).orElse("(none bound)"));
    out.println("staked       " + Tokens.format(s.amount()));
    out.println("locked until " + s.lockedUntil());
    out.println("reward       " + Tokens.format(s.earned()) + " (unclaimed; `nkms rewards --claim`)");
    out.println("balance      " + Tokens.format(s.tokenBalance()));
  }
}
