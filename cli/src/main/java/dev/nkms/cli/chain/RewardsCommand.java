package dev.nkms.cli.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.Staking;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "rewards",
    mixinStandardHelpOptions = true,
    description =
        "An operator's unclaimed staking reward (minted on claim); --claim mints it to the operator.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms rewards --account 7",
      "  nkms rewards --account 7 --claim",
      "  nkms rewards --account 7 --json"
    })
public final class RewardsCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Mixin ChainOptions chain;

  @Mixin dev.nkms.cli.OutputOptions output;

  @Option(names = "--claim", description = "Claim (mint) the reward now.")
  boolean claim;

  @Override
  public Integer call() throws Exception {
    try (Chain c = chain.connect()) {
      Staking staking = new Staking(c, chain.deployment(), chain.credentials());
      BigInteger amount = claim ? staking.claimReward() : staking.earned();
      if (output.json) {
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put(claim ? "claimed" : "unclaimed", Tokens.format(amount));
        doc.put(claim ? "claimed_units" : "unclaimed_units", amount.toString());
        dev.nkms.cli.JsonOutput.print(out(), doc);
      } else {
        out().println((claim ? "claimed " : "unclaimed reward ") + Tokens.format(amount));
      }
      return ExitCode.OK;
    } catch (ChainException e) {
      throw new UserError(ExitCode.FAILED, e.getMessage());
    }
  }
}
