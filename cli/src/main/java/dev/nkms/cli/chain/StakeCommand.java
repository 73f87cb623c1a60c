package dev.nkms.cli.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.StakeStatus;
import dev.nkms.chain.Staking;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.Passphrases;
import dev.nkms.cli.UserError;
import dev.nkms.cli.characters.Times;
import dev.nkms.cli.node.NodeCommand;
import dev.nkms.crypto.keystore.KeystoreException;
import dev.nkms.node.config.NodeDataDir;
import dev.nkms.node.identity.NodeIdentity;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "stake",
    mixinStandardHelpOptions = true,
    description = "Stake tokens for a node (on chain).",
    subcommands = {
      StakeCommand.Deposit.class,
      StakeCommand.Withdraw.class,
      StakeCommand.Status.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms stake deposit --data-dir node-a --amount 20000 --lock 365d --account 7",
      "  nkms stake status --account 7",
      "  nkms stake withdraw --amount 5000 --account 7"
    })
public final class StakeCommand {
  @Command(
      name = "deposit",
      mixinStandardHelpOptions = true,
      description = {
        "Deposit tokens locked until a time, bound to the node in --data-dir (its key signs the binding).",
        "The node keystore's passphrase comes from NKMS_PASSPHRASE or --passphrase-file (else it is asked for)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms stake deposit --data-dir node-a --amount 20000 --lock 365d --account 7",
        "  nkms stake deposit --data-dir node-a --amount 500 --node-gas 0 --eth-key operator.key --json"
      })
  public static final class Deposit implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Mixin ChainOptions chain;

    @Mixin dev.nkms.cli.OutputOptions output;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        required = true,
        description = "The node's data directory (its keystore).")
    Path dataDir;

    @Option(
        names = "--passphrase-file",
        paramLabel = "FILE",
        description =
            "File holding the node keystore's passphrase (default: NKMS_PASSPHRASE, else asked).")
    Path passphraseFile;

    @Option(
        names = "--amount",
        paramLabel = "TOKENS",
        required = true,
        description = "Tokens to deposit, e.g. 20000.")
    String amount;

    @Option(
        names = "--lock",
        paramLabel = "WHEN",
        defaultValue = "365d",
        description =
            "Locked for (30d, 365d) or until an instant"
                + " (default ${DEFAULT-VALUE}); eligible only for policies ending before.")
    String lock;

    @Option(
        names = "--node-gas",
        defaultValue = "0.1",
        paramLabel = "ETH",
        description =
            "Keep at least this much"
                + " ETH at the node, which pays the gas of its own transactions (health votes, fee withdrawals): the operator"
                + " sends what is missing (default ${DEFAULT-VALUE}; 0 sends nothing).")
    String nodeGas;

    @Override
    public Integer call() throws Exception {
      NodeCommand.requireNode(dataDir);
      char[] pass =
          Passphrases.obtain(
              passphraseFile, "node keystore " + dataDir.resolve(NodeDataDir.KEYSTORE), false);
      NodeIdentity node;
      try {
        node = NodeIdentity.load(dataDir.resolve(NodeDataDir.KEYSTORE), pass);
      } catch (KeystoreException e) {
        throw new UserError(ExitCode.FAILED, e.getMessage());
      } finally {
        java.util.Arrays.fill(pass, '\0');
      }
      try (Chain c = chain.connect()) {
        Instant until = Times.parse(lock, c.now(), "--lock");
        Staking staking = new Staking(c, chain.deployment(), chain.credentials());
        BigInteger gas = Tokens.parse(nodeGas, "--node-gas", true);
        staking.deposit(node.signer(), Tokens.parse(amount, "--amount"), until);
        BigInteger sent = staking.fundNode(gas);
        if (sent.signum() > 0 && !output.json) {
          out()
              .println(
                  "sent "
                      + Tokens.formatEth(sent)
                      + " to node "
                      + node.address().toHex()
                      + " for its gas");
        }
        print(
            out(),
            staking.status(),
            output.json ? java.util.Map.of("sent_node_gas_wei", sent.toString()) : null);
        return ExitCode.OK;
      } catch (ChainException e) {
        throw new UserError(ExitCode.FAILED, e.getMessage());
      }
    }
  }

  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description = "Withdraw tokens after the lock ends.",
      footerHeading = "%nExamples:%n",
      footer = {"  nkms stake withdraw --amount 5000 --account 7"})
  public static final class Withdraw implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Mixin ChainOptions chain;

    @Mixin dev.nkms.cli.OutputOptions output;

    @Option(
        names = "--amount",
        paramLabel = "TOKENS",
        required = true,
        description = "Tokens to withdraw, e.g. 5000.")
    String amount;

    @Override
    public Integer call() throws Exception {
      try (Chain c = chain.connect()) {
        Staking staking = new Staking(c, chain.deployment(), chain.credentials());
        staking.withdraw(Tokens.parse(amount, "--amount"));
        print(out(), staking.status(), output.json ? java.util.Map.of() : null);
        return ExitCode.OK;
      } catch (ChainException e) {
        throw new UserError(ExitCode.FAILED, e.getMessage());
      }
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "An operator's stake, lock and rewards.",
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms stake status --account 7",
        "  nkms stake status --eth-key operator.key --json"
      })
  public static final class Status implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Mixin ChainOptions chain;

    @Mixin dev.nkms.cli.OutputOptions output;

    @Override
    public Integer call() throws Exception {
      try (Chain c = chain.connect()) {
        print(
            out(),
            new Staking(c, chain.deployment(), chain.credentials()).status(),
            output.json ? java.util.Map.of() : null);
        return ExitCode.OK;
      } catch (ChainException e) {
        throw new UserError(ExitCode.FAILED, e.getMessage());
      }
    }
  }

  /** The status as a table, or with {@code json} (extra fields to add) as one JSON document. */
  static void print(java.io.PrintWriter out, StakeStatus s, java.util.Map<String, Object> json) {
    if (json != null) {
      java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
      doc.put("node", s.node().map(dev.nkms.protocol.NodeAddress::toHex).orElse(null));
      doc.put("staked", Tokens.format(s.amount()));
      doc.put("staked_units", s.amount().toString());
      doc.put("locked_until", s.lockedUntil().toString());
      doc.put("reward", Tokens.format(s.earned()));
      doc.put("reward_units", s.earned().toString());
      doc.put("balance", Tokens.format(s.tokenBalance()));
      doc.put("balance_units", s.tokenBalance().toString());
      doc.putAll(json);
      dev.nkms.cli.JsonOutput.print(out, doc);
      return;
    }
    out.println(
        "node         "
            + s.node().map(dev.nkms.protocol.NodeAddress::toHex).orElse("(none bound)"));
    out.println("staked       " + Tokens.format(s.amount()));
    out.println("locked until " + s.lockedUntil());
    out.println(
        "reward       " + Tokens.format(s.earned()) + " (unclaimed; `nkms rewards --claim`)");
    out.println("balance      " + Tokens.format(s.tokenBalance()));
  }
}
