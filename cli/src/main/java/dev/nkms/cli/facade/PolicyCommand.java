package dev.nkms.cli.facade;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.UserError;
import dev.nkms.cli.characters.Times;
import dev.nkms.client.Nkms;
import dev.nkms.client.PolicySummary;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Condition;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.wire.WireFormatException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nkms policy update|delete}: new terms for one of Alice's policies, or its revocation and
 * the removal of its record (the facade's updatePolicy and deletePolicy).
 */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Change or delete one of Alice's policies (ids: `nkms alice policies`).",
    subcommands = {PolicyCommand.Update.class, PolicyCommand.Delete.class},
    footerHeading = "%nExamples:%n",
    footer = {"  nkms policy update --help", "  nkms policy delete --help"})
public final class PolicyCommand {
  private PolicyCommand() {}

  static Hrac id(String text) {
    try {
      return Hrac.fromHex(text.strip());
    } catch (WireFormatException | IllegalArgumentException e) {
      throw new UserError(
          ExitCode.USAGE,
          "'" + text + "' is not a policy id (32 hex digits; see `nkms alice policies`)");
    }
  }

  static void print(CommandSpec spec, FacadeOptions facade, String verb, PolicySummary s) {
    PrintWriter out = spec.commandLine().getOut();
    if (facade.output.json) {
      JsonOutput.print(out, FacadeJson.summary(s));
      return;
    }
    out.println(
        verb
            + " policy "
            + s.id().toHex()
            + " ("
            + s.label()
            + "): "
            + s.describeState()
            + ", revision "
            + s.revision()
            + ", until "
            + s.expiry());
  }

  /** Exit 4, one line, the nodes behind --verbose, when some node did not take the change. */
  static int incomplete(CommandSpec spec, FacadeOptions facade, PolicySummary s, String again) {
    if (s.unconfirmed().isEmpty()) {
      return ExitCode.OK;
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "nkms: "
            + s.unconfirmed().size()
            + " node(s) did not confirm; run it again to reach them: "
            + again
            + (facade.output.verbose ? "" : " (--verbose shows the details)"));
    if (facade.output.verbose) {
      FacadeJson.details(s).forEach(line -> err.println("  " + line));
    }
    return ExitCode.INCOMPLETE;
  }

  /** {@code nkms policy update}. */
  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Give an active policy new terms at its nodes: a new expiry, access logging on or off;"
            + " signed, under the next revision. What is not given stays as it is.",
        "Exit 4 when some node did not take them (the record holds them; update again to reach it)."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms policy update 0123456789abcdef0123456789abcdef --keys alice.keys --expires 30d",
        "  nkms policy update 0123456789abcdef0123456789abcdef --keys alice.keys --access-log --json"
      })
  public static final class Update implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin FacadeOptions facade;

    @Parameters(index = "0", paramLabel = "ID", description = "The policy id (32 hex digits).")
    String policy;

    @Option(
        names = "--expires",
        description = "The new end of access: 30s, 10m, 2h, 7d from now, or an ISO instant.")
    String expires;

    @Option(
        names = "--access-log",
        description = "Condition: nodes must log each access before answering.")
    boolean accessLog;

    @Option(names = "--no-access-log", description = "Drop the access-logging condition.")
    boolean noAccessLog;

    @Override
    public Integer call() throws Exception {
      Hrac id = id(policy);
      if (accessLog && noAccessLog) {
        throw new UserError(ExitCode.USAGE, "give --access-log or --no-access-log, not both");
      }
      if (expires == null && !accessLog && !noAccessLog) {
        throw new UserError(
            ExitCode.USAGE, "nothing to update: give --expires, --access-log or --no-access-log");
      }
      Instant expiry = expires == null ? null : Times.parse(expires, Instant.now(), "--expires");
      PolicySummary after;
      try (Nkms nkms = facade.open()) {
        PolicySummary now =
            nkms.policies().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(
                    () ->
                        new UserError(
                            ExitCode.USAGE,
                            "no policy "
                                + id.toHex()
                                + " of this Alice in "
                                + facade.policies()
                                + " (see `nkms alice policies`)"));
        List<Condition> items = new ArrayList<>();
        for (Condition c : now.conditions().items()) {
          if (!(c instanceof AccessLogging)) {
            items.add(c);
          }
        }
        boolean logging =
            accessLog
                || (!noAccessLog
                    && now.conditions().items().stream().anyMatch(c -> c instanceof AccessLogging));
        if (logging) {
          items.add(AccessLogging.REQUIRED);
        }
        after = nkms.updatePolicy(id, expiry != null ? expiry : now.expiry(), Conditions.of(items));
      }
      print(spec, facade, "updated", after);
      return incomplete(spec, facade, after, "nkms policy update " + id.toHex() + " …");
    }
  }

  /** {@code nkms policy delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = {
        "Revoke a policy at every node that holds (or may hold) its kfrag and, once every node"
            + " confirmed, remove its record (receipts and all) from Alice's policy records.",
        "Exit 4 when some node did not confirm: the record stays; delete again to reach it."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms policy delete 0123456789abcdef0123456789abcdef --keys alice.keys",
        "  nkms policy delete 0123456789abcdef0123456789abcdef --keys alice.keys --json"
      })
  public static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin FacadeOptions facade;

    @Parameters(index = "0", paramLabel = "ID", description = "The policy id (32 hex digits).")
    String policy;

    @Override
    public Integer call() throws Exception {
      Hrac id = id(policy);
      PolicySummary last;
      try (Nkms nkms = facade.open()) {
        // Revoke first: a node that does not confirm is "run it again" (exit 4), not a failure;
        // deletePolicy then only removes the record of a policy whose revocation is final.
        last = nkms.revoke(id);
        if (last.unconfirmed().isEmpty()) {
          last = nkms.deletePolicy(id);
        }
      }
      print(spec, facade, last.unconfirmed().isEmpty() ? "deleted" : "revoking", last);
      return incomplete(spec, facade, last, "nkms policy delete " + id.toHex());
    }
  }
}
