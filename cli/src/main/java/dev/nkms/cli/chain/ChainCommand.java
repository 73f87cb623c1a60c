package dev.nkms.cli.chain;

import dev.nkms.app.chain.DevAccounts;
import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.Deployer;
import dev.nkms.chain.Deployment;
import dev.nkms.chain.DevChain;
import dev.nkms.chain.Economics;
import dev.nkms.chain.contracts.NkmsToken;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.UserError;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "chain",
    mixinStandardHelpOptions = true,
    description = "The Ethereum side: a local dev chain with the nkms contracts.",
    subcommands = ChainCommand.Dev.class,
    footerHeading = "%nExamples:%n",
    footer = {"  nkms chain dev"})
public final class ChainCommand {
  /** Tokens each dev operator account gets from the deployer, to stake. */
  public static final BigInteger OPERATOR_FUNDS = Economics.tokens(1_000_000);

  @Command(
      name = "dev",
      mixinStandardHelpOptions = true,
      description = {
        "Start a local dev chain with the nkms contracts and keep it running until Ctrl-C.",
        "It starts ganache (from tools/chain), deploys the contracts, funds the dev accounts and writes the"
            + " deployment file.",
        "The first use installs ganache from npm into tools/chain (the ./nkms launcher does it)."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  nkms chain dev", "  nkms chain dev --out /tmp/chain/deployment.json --json"})
  public static final class Dev implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin OutputOptions output;

    private java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Where to write the deployment (default: ${DEFAULT-VALUE}).")
    Path out = ChainOptions.DEFAULT_DEPLOYMENT;

    @Option(
        names = "--domain",
        defaultValue = "local",
        description = "The network's name (default: ${DEFAULT-VALUE}).")
    String domain;

    @Override
    public Integer call() throws Exception {
      try (DevChain dev = DevChain.start(DevChain.findTools());
          Chain chain = Chain.connect(dev.url())) {
        Deployment d = deploy(chain, domain, Economics.defaults());
        Files.createDirectories(out.toAbsolutePath().getParent());
        d.save(out);
        if (output.json) {
          // The deployment as the file holds it, then the same "running" note on stderr.
          JsonOutput.print(
              out(),
              new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(out)));
          output.info(
              spec.commandLine().getErr(),
              "deployment written to "
                  + out
                  + "; running, Ctrl-C stops the"
                  + " chain (its state is not kept)");
          Runtime.getRuntime().addShutdownHook(new Thread(dev::close));
          dev.awaitExit();
          return ExitCode.OK;
        }
        out().println("dev chain " + dev.url() + " (chain id " + chain.chainId() + ")");
        out().println("  token        " + d.token());
        out().println("  staking      " + d.staking());
        out().println("  policies     " + d.policies());
        out().println("  adjudicator  " + d.adjudicator());
        out().println("  health       " + d.healthRounds());
        out().println("deployment written to " + out);
        out()
            .println(
                "accounts: 0 deployer, 1.."
                    + DevAccounts.MAX_OPERATORS
                    + " node operators ("
                    + OPERATOR_FUNDS.divide(Economics.TOKEN)
                    + " NKMS each), "
                    + DevAccounts.ALICE
                    + " Alice, "
                    + DevAccounts.BOB
                    + " Bob, "
                    + DevAccounts.INVESTIGATOR
                    + " investigator; use --account N");
        out().println("running; Ctrl-C stops the chain (its state is not kept)");
        out().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(dev::close));
        dev.awaitExit();
        return ExitCode.OK;
      } catch (ChainException e) {
        throw new UserError(ExitCode.UNREACHABLE, e.getMessage());
      }
    }
  }

  /** Deploys the contracts and gives every dev operator account tokens to stake. */
  public static Deployment deploy(Chain chain, String domain, Economics economics)
      throws ChainException, IOException {
    Deployment d =
        Deployer.deploy(chain, DevChain.account(DevAccounts.DEPLOYER), domain, economics);
    NkmsToken token =
        chain.load(NkmsToken::load, d.token(), DevChain.account(DevAccounts.DEPLOYER));
    for (int i = 1; i <= DevAccounts.MAX_OPERATORS; i++) {
      Chain.send(token.transfer(DevChain.account(i).getAddress(), OPERATOR_FUNDS));
    }
    return d;
  }
}
