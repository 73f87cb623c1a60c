package dev.nkms.cli.characters;

import static dev.nkms.cli.characters.AliceSupport.details;
import static dev.nkms.cli.characters.AliceSupport.refused;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.UserError;
import dev.nkms.client.alice.PolicyLifecycle;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.client.alice.PolicyRefused;
import dev.nkms.client.connect.ClientNetwork;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.learning.NodeDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms alice revoke}: revocation at every node that holds (or may hold) a kfrag, receipts
 * kept; {@code --refund} on chain.
 */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revoke a policy at every node that holds (or may hold) its kfrag; keeps each node's signed"
            + " receipt in the record. Also cleans up a failed or interrupted grant. Safe to repeat.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms alice revoke --keys alice.keys --policy .nkms/alice/3f2a….policy",
      "  nkms alice revoke --keys alice.keys --policy 3f2a9c…   (a policy id from `nkms alice policies`)",
      "  nkms alice revoke --keys alice.keys --policy 3f2a9c… --refund --chain .nkms/chain/deployment.json"
    })
public final class AliceRevoke implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin OwnedPolicy owned;

  @Option(
      names = "--network",
      defaultValue = dev.nkms.client.connect.NetworkDirectory.DEFAULT,
      description =
          "Network directory, used"
              + " only to clean up a grant that was interrupted (default: ${DEFAULT-VALUE}).")
  Path network;

  @Option(
      names = "--refund",
      description =
          "Also revoke the policy's payment on chain: the fee for the unused time"
              + " comes back (uses --chain and the account, default Alice's dev account).")
  boolean refund;

  @Mixin dev.nkms.cli.chain.ChainOptions chain;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PolicyLifecycle lifecycle = owned.lifecycle();
    PolicyRecord record = owned.record();
    NodeDirectory directory = NodeDirectory.empty();
    if (record.state() == PolicyRecord.State.GRANTING
        || (record.policy().isEmpty() && record.targets().isEmpty())) {
      // Which nodes received a kfrag is unknown: learn every node of the network first.
      Learner learner = ClientNetwork.open(network);
      learner.awaitAllEligible(Instant.now(), ClientNetwork.WAIT);
      directory = learner;
    }
    PolicyLifecycle.Revocation revocation;
    try {
      revocation = lifecycle.revoke(record, directory);
    } catch (PolicyRefused e) {
      throw refused(e);
    }
    record = revocation.record;
    String refundNote = null;
    UserError refundFailed = null;
    if (refund && !record.isRefunded()) {
      try {
        refundNote = dev.nkms.cli.chain.AlicePayments.refund(chain, record.hrac());
        record = lifecycle.refunded(record);
      } catch (UserError e) {
        refundFailed = e;
      } catch (dev.nkms.client.NkmsException e) {
        refundFailed = UserError.from(e);
      }
    }
    if (output.json) {
      Map<String, Object> o = PolicyJson.of(record, Instant.now(), lifecycle.book());
      Map<String, String> unconfirmed = new LinkedHashMap<>();
      revocation.unconfirmed.forEach((a, why) -> unconfirmed.put(a.toHex(), why));
      o.put("unconfirmed", unconfirmed);
      o.put("refund", refundNote);
      JsonOutput.print(out, o);
    } else {
      if (!revocation.sent) {
        out.println(
            "policy "
                + record.hrac().toHex()
                + " was already "
                + record.state().word
                + " ("
                + record.receipts().size()
                + " signed receipt(s) kept)");
      }
      if (revocation.sent) {
        record
            .receipts()
            .forEach(
                (node, receipt) ->
                    out.println(
                        "  revoked at "
                            + node.toHex()
                            + " (signed receipt, "
                            + receipt.revokedAt()
                            + ")"));
        revocation.unconfirmed.forEach(
            (node, why) -> out.println("  NOT confirmed by " + node.toHex() + ": " + why));
      }
      if (refundNote != null) {
        out.println("  refunded " + refundNote + " by the policy contract");
      }
      if (revocation.sent && record.state().isFinal()) {
        out.println(
            "policy "
                + record.hrac().toHex()
                + " revoked at all "
                + record.receipts().size()
                + " node(s)");
      }
    }
    if (refundFailed != null) {
      throw new UserError(
          refundFailed.exitCode(),
          "the nodes' revocation is recorded, but the refund failed: "
              + refundFailed.getMessage()
              + "; run the same command again to retry the refund");
    }
    if (!record.state().isFinal()) {
      throw new UserError(
          ExitCode.INCOMPLETE,
          "policy "
              + record.hrac().toHex()
              + ": "
              + record.unconfirmed().size()
              + " node(s) did not confirm; run `nkms alice revoke` again to retry them",
          details(revocation.unconfirmed));
    }
    return ExitCode.OK;
  }
}
