package dev.nkms.cli.chain;

import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.EvidenceSubmission;
import dev.nkms.cli.UserError;
import dev.nkms.protocol.wire.WireFormatException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evidence", mixinStandardHelpOptions = true,
    description = "Evidence against nodes that returned wrong re-encryptions.", subcommands = EvidenceCommand.Submit.class)
public final class EvidenceCommand {
  @Command(name = "submit", mixinStandardHelpOptions = true, description = {
      "Submit evidence (written by `nkms bob retrieve`) to the adjudicator contract, which re-checks the cfrag's",
      "proof and the node's signature on chain, slashes the node and pays the investigator (once per evidence)."})
  public static final class Submit implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Mixin ChainOptions chain;

    @Option(names = "--file", required = true, description = "The evidence file.") Path file;

    @Override
    public Integer call() throws Exception {
      EvidenceFile f;
      try {
        f = EvidenceFile.load(file);
      } catch (NoSuchFileException e) {
        throw new UserError(2, "no such evidence file: " + file);
      } catch (WireFormatException e) {
        throw new UserError(2, e.getMessage());
      }
      try (Chain c = chain.connect()) {
        TransactionReceipt r = EvidenceSubmission.submit(c, chain.deployment(), chain.credentials(DevAccounts.BOB),
            f.prepare());
        out().println("evidence accepted: node " + f.node() + " slashed (tx " + r.getTransactionHash() + ", "
            + r.getGasUsed() + " gas)");
        return 0;
      } catch (ChainException e) {
        throw new UserError(1, "the adjudicator refused the evidence: " + e.getMessage());
      } catch (WireFormatException | IllegalArgumentException e) {
        throw new UserError(2, file + ": " + e.getMessage());
      }
    }
  }
}
