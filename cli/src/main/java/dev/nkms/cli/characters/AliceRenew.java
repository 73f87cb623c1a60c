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
import dev.nkms.client.alice.Renewal;
import dev.nkms.protocol.NodeAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms alice renew}: a new expiry at the policy's nodes. */
@Command(
    name = "renew",
    mixinStandardHelpOptions = true,
    description = "Move an active policy's expiry (later or earlier) at its nodes.",
    footerHeading = "%nExamples:%n",
    footer = {"  nkms alice renew --keys alice.keys --policy 3f2a9c… --expires 30d"})
public final class AliceRenew implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin OwnedPolicy owned;

  @Option(
      names = "--expires",
      required = true,
      description = "The new expiry: 30s, 10m, 2h, 7d, or an ISO" + " instant.")
  String expires;

  @Override
  public Integer call() throws Exception {
    Instant expiry = Times.parse(expires, Instant.now(), "--expires");
    PolicyLifecycle lifecycle = owned.lifecycle();
    PolicyRecord record = owned.record();
    Renewal renewal;
    try {
      renewal = lifecycle.renew(record, expiry);
    } catch (PolicyRefused e) {
      throw refused(e);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
    int n = record.terms().terms().shares();
    if (output.json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("policy", record.hrac().toHex());
      o.put("expires", expiry.toString());
      o.put("revision", renewal.policy().terms().terms().revision());
      o.put("renewed", renewal.renewed().stream().map(NodeAddress::toHex).toList());
      Map<String, String> failed = new LinkedHashMap<>();
      renewal.failed().forEach((a, why) -> failed.put(a.toHex(), why));
      o.put("failed", failed);
      JsonOutput.print(spec.commandLine().getOut(), o);
    } else {
      spec.commandLine()
          .getOut()
          .println(
              "policy "
                  + record.hrac().toHex()
                  + " now expires "
                  + expiry
                  + " at "
                  + renewal.renewed().size()
                  + " of "
                  + n
                  + " node(s)");
    }
    if (!renewal.isComplete()) {
      String bob =
          renewal.reachesThreshold()
              ? ""
              : "; fewer than "
                  + record.terms().terms().threshold()
                  + " have it, so Bob loses access at the old expiry";
      throw new UserError(
          ExitCode.INCOMPLETE,
          renewal.failed().size()
              + " node(s) did not take the renewal"
              + bob
              + "; run `nkms alice renew` again to retry",
          details(renewal.failed()));
    }
    return ExitCode.OK;
  }
}
