package dev.nkms.cli.chain;

import dev.nkms.app.chain.DevAccounts;
import dev.nkms.app.chain.EvidenceFile;
import dev.nkms.chain.Chain;
import dev.nkms.chain.ChainException;
import dev.nkms.chain.EvidenceSubmission;
import dev.nkms.chain.PolicyPayments;
import dev.nkms.chain.contracts.PolicyManager;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.UserError;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.umbral.KeyFrag;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.wire.WireFormatException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "evidence",
    mixinStandardHelpOptions = true,
    description =
        "Evidence against nodes that returned wrong re-encryptions or leaked a re-encryption key.",
    subcommands = {EvidenceCommand.Submit.class, EvidenceCommand.LeakedKey.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms evidence submit --file .nkms/bob/evidence/EVIDENCE.json",
      "  nkms evidence leaked-key --policy HRAC --node 0xNODE --kfrag leaked.kfrag"
    })
public final class EvidenceCommand {
  @Command(
      name = "submit",
      mixinStandardHelpOptions = true,
      description = {
        "Submit evidence that a node returned a wrong re-encryption, to have it slashed.",
        "The evidence file is written by `nkms bob retrieve`; the adjudicator contract re-checks the cfrag's proof and"
            + " the node's signature on chain, slashes the node and pays the investigator (once per evidence).",
        "Sent from Bob's dev account unless --account or --eth-key names another."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms evidence submit --file .nkms/bob/evidence/EVIDENCE.json",
        "  nkms evidence submit --file EVIDENCE.json --chain .nkms/chain/deployment.json --eth-key bob.eth --json"
      })
  public static final class Submit implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    private java.io.PrintWriter out() {
      return spec.commandLine().getOut();
    }

    @Mixin ChainOptions chain;

    @Mixin dev.nkms.cli.OutputOptions output;

    @Option(
        names = "--file",
        paramLabel = "FILE",
        required = true,
        description = "The evidence file (`nkms bob retrieve` writes one when a node cheats).")
    Path file;

    @Override
    public Integer call() throws Exception {
      EvidenceFile f;
      try {
        f = EvidenceFile.load(file);
      } catch (NoSuchFileException e) {
        throw new UserError(ExitCode.USAGE, "no such evidence file: " + file);
      } catch (WireFormatException e) {
        throw new UserError(ExitCode.USAGE, e.getMessage());
      } catch (java.io.IOException e) {
        throw new UserError(
            ExitCode.USAGE, "cannot read evidence file " + file + ": " + e.getMessage());
      }
      try (Chain c = chain.connect()) {
        TransactionReceipt r =
            EvidenceSubmission.submit(
                c, chain.deployment(), chain.credentials(DevAccounts.BOB), f.prepare());
        if (output.json) {
          java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
          doc.put("accepted", true);
          doc.put("node", f.node().toHex());
          doc.put("tx", r.getTransactionHash());
          doc.put("gas_used", r.getGasUsed().toString());
          dev.nkms.cli.JsonOutput.print(out(), doc);
        } else {
          out()
              .println(
                  "evidence accepted: node "
                      + f.node().toHex()
                      + " slashed (tx "
                      + r.getTransactionHash()
                      + ", "
                      + r.getGasUsed()
                      + " gas)");
        }
        return ExitCode.OK;
      } catch (ChainException e) {
        throw new UserError(
            ExitCode.FAILED, "the adjudicator refused the evidence: " + e.getMessage());
      } catch (WireFormatException | IllegalArgumentException e) {
        throw new UserError(ExitCode.USAGE, file + ": " + e.getMessage());
      }
    }
  }

  @Command(
      name = "leaked-key",
      mixinStandardHelpOptions = true,
      description = {
        "Prove that a node leaked its kfrag of an active policy, to have it slashed.",
        "Reveal the kfrag: the policy contract checks it against the hash Alice registered, pays the challenger alpha"
            + " of the fee the node earned so far, refunds the owner the unearned part of that node's share, closes the"
            + " node's arrangement and slashes its stake. Challenging one's own policy or node pays no reward.",
        "Sent from the investigator's dev account unless --account or --eth-key names another."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms evidence leaked-key --policy HRAC --node 0xNODE --kfrag leaked.kfrag",
        "  nkms evidence leaked-key --policy HRAC --node 0xNODE --kfrag leaked.kfrag --account 22 --json"
      })
  public static final class LeakedKey implements Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin ChainOptions chain;

    @Mixin dev.nkms.cli.OutputOptions output;

    @Option(
        names = "--policy",
        paramLabel = "HRAC",
        required = true,
        description = "The policy id (hex, as `nkms alice grant --pay` prints it).")
    String policy;

    @Option(
        names = "--node",
        paramLabel = "ADDRESS",
        required = true,
        description = "The node's address (0x…).")
    String node;

    @Option(
        names = "--kfrag",
        paramLabel = "FILE",
        required = true,
        description = "The leaked kfrag: a file of its serialized bytes.")
    Path kfrag;

    @Override
    public Integer call() throws Exception {
      Hrac hrac;
      NodeAddress address;
      byte[] leaked;
      try {
        hrac = Hrac.fromHex(policy);
        address = NodeAddress.fromHex(node);
        long size = Files.size(kfrag);
        if (size != KeyFrag.SERIALIZED_LENGTH) {
          throw new UserError(
              ExitCode.USAGE,
              kfrag + " is " + size + " bytes; a serialized kfrag is " + KeyFrag.SERIALIZED_LENGTH);
        }
        leaked = Files.readAllBytes(kfrag);
        KeyFrag.fromBytes(leaked); // a kfrag at all, before paying gas to learn it is not
      } catch (WireFormatException e) {
        throw new UserError(ExitCode.USAGE, e.getMessage());
      } catch (NoSuchFileException e) {
        throw new UserError(ExitCode.USAGE, "no such kfrag file: " + kfrag);
      } catch (java.io.IOException e) {
        throw new UserError(
            ExitCode.USAGE, "cannot read kfrag file " + kfrag + ": " + e.getMessage());
      } catch (MalformedInputException e) {
        throw new UserError(ExitCode.USAGE, kfrag + " is not a kfrag: " + e.getMessage());
      }
      try (Chain c = chain.connect()) {
        TransactionReceipt r =
            new PolicyPayments(c, chain.deployment(), chain.credentials(DevAccounts.INVESTIGATOR))
                .challengeLeakedKey(hrac, address, leaked);
        PolicyManager.LeakedKeyChallengedEventResponse e =
            PolicyManager.getLeakedKeyChallengedEvents(r).get(0);
        if (output.json) {
          java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
          doc.put("node", address.toHex());
          doc.put("policy", hrac.toHex());
          doc.put("slashed", Tokens.format(e.slashed));
          doc.put("challenger_paid", Tokens.formatEth(e.challengerReward));
          doc.put("owner_refunded", Tokens.formatEth(e.ownerRefund));
          doc.put("tx", r.getTransactionHash());
          doc.put("gas_used", r.getGasUsed().toString());
          dev.nkms.cli.JsonOutput.print(spec.commandLine().getOut(), doc);
        } else {
          spec.commandLine()
              .getOut()
              .println(
                  "leak proven: node "
                      + address.toHex()
                      + " slashed "
                      + Tokens.format(e.slashed)
                      + ", its arrangement in policy "
                      + hrac.toHex()
                      + " closed; challenger paid "
                      + Tokens.formatEth(e.challengerReward)
                      + ", owner refunded "
                      + Tokens.formatEth(e.ownerRefund)
                      + " (tx "
                      + r.getTransactionHash()
                      + ", "
                      + r.getGasUsed()
                      + " gas)");
        }
        return ExitCode.OK;
      } catch (ChainException e) {
        throw new UserError(
            ExitCode.FAILED, "the policy contract refused the challenge: " + e.getMessage());
      }
    }
  }
}
