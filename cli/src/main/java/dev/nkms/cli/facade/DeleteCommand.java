package dev.nkms.cli.facade;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.client.Deletion;
import dev.nkms.client.Nkms;
import dev.nkms.client.PolicySummary;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nkms delete}: deletes a stored object and revokes the policies that covered only it (the
 * facade's delete).
 */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete a stored object, remove it from Alice's object index, and revoke each of her policies"
          + " whose label no other indexed object has (the policies that covered only this one).",
      "Exit 4 when a node did not confirm a revocation: revoke it again with `nkms alice revoke`"
          + " (--verbose names the nodes). An ipfs: object is unpinned: copies elsewhere stay, and"
          + " revoking is what stops decryption."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms delete file:/srv/nkms/medical/scan.pdf --keys alice.keys",
      "  nkms delete s3://records/2030/scan.pdf --keys alice.keys --storage s3.endpoint=http://127.0.0.1:9000 --json"
    })
public final class DeleteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin FacadeOptions facade;

  @Parameters(
      index = "0",
      paramLabel = "URI",
      description = "The stored object: file:/path, s3://bucket/key or ipfs://CID.")
  String location;

  @Override
  public Integer call() throws Exception {
    URI where = FacadeOptions.location(location, "URI");
    Deletion d;
    try (Nkms nkms = facade.open()) {
      d = nkms.delete(where);
    }
    List<PolicySummary> incomplete =
        d.revoked().stream().filter(s -> !s.unconfirmed().isEmpty()).toList();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (facade.output.json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("location", d.location().toString());
      o.put("result", d.result().name().toLowerCase(Locale.ROOT));
      List<Object> revoked = new ArrayList<>();
      d.revoked().forEach(s -> revoked.add(FacadeJson.brief(s)));
      o.put("revoked", revoked);
      JsonOutput.print(out, o);
    } else {
      out.println(d.location() + ": " + d.result().description());
      for (PolicySummary s : d.revoked()) {
        if (s.unconfirmed().isEmpty()) {
          out.println(
              "revoked policy "
                  + s.id().toHex()
                  + " ("
                  + s.label()
                  + ") at "
                  + s.receipts()
                  + " node"
                  + (s.receipts() == 1 ? "" : "s"));
        } else {
          out.println(
              "policy "
                  + s.id().toHex()
                  + " ("
                  + s.label()
                  + "): revoked at "
                  + s.receipts()
                  + " node(s); "
                  + s.unconfirmed().size()
                  + " did not confirm");
        }
      }
      if (d.revoked().isEmpty()) {
        facade.output.info(err, "no policy revoked: another object has its label, or none had one");
      }
    }
    if (incomplete.isEmpty()) {
      return ExitCode.OK;
    }
    err.println(
        "nkms: "
            + incomplete.size()
            + " revocation(s) not confirmed by every node; revoke again: nkms alice revoke --keys "
            + facade.keys
            + " --store "
            + facade.policies()
            + " --policy "
            + incomplete.get(0).id().toHex());
    if (facade.output.verbose) {
      incomplete.forEach(s -> FacadeJson.details(s).forEach(line -> err.println("  " + line)));
    }
    return ExitCode.INCOMPLETE;
  }
}
