package dev.nkms.cli.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.Staking;
import dev.nkms.cli.UserError;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "rewards", mixinStandardHelpOptions = true,
    description = "An operator's unclaimed staking reward (minted on claim); --claim mints it to the operator.")
public final class RewardsCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Mixin ChainOptions chain;

  @Option(names = "--claim", description = "Claim (mint) the reward now.") boolean claim;

  @Override
  public Integer call() throws Exception {
    try (Chain c = chain.connect()) {
      Staking staking = new Staking(c, chain.deployment(), chain.credentials());
      if (claim) {
        BigInteger got = staking.claimReward();
        out().println("claimed " + Tokens.format(got));
      } else {
        out().println("unclaimed reward " + Tokens.format(staking.earned()));
      }
      return 0;
    } catch (ChainException e) {
      throw new UserError(1, e.getMessage());
    }
  }
}
