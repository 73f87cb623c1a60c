package dev.nkms.cli.characters;

import static dev.nkms.cli.characters.AliceSupport.DEFAULT_STORE;
import static dev.nkms.cli.characters.AliceSupport.STORE_HELP;
import static dev.nkms.cli.characters.AliceSupport.alice;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.UserError;
import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyLifecycle;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.client.alice.PolicyRefused;
import dev.nkms.network.learning.NodeDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms alice policies}: Alice's records with their state; {@code --check} asks the nodes
 * whether they agree.
 */
@Command(
    name = "policies",
    mixinStandardHelpOptions = true,
    description =
        "List Alice's policies with their state; --check asks each policy's nodes whether they agree.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms alice policies",
      "  nkms alice policies --json",
      "  nkms alice policies --check --keys alice.keys"
    })
public final class AlicePolicies implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--store", defaultValue = DEFAULT_STORE, description = STORE_HELP)
  Path store;

  @Option(
      names = "--check",
      description =
          "Ask each policy's nodes what they hold (a query only the policy's Alice"
              + " can sign) and show where they and the record disagree; exit 4 if anywhere. Needs --keys.")
  boolean check;

  @Option(
      names = "--keys",
      description =
          "Alice's keystore, for --check (its passphrase: --passphrase-file,"
              + " else NKMS_PASSPHRASE, else a prompt).")
  Path keys;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = dev.nkms.cli.Passphrases.HELP)
  Path passphraseFile;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PolicyBook book = new PolicyBook(store);
    if (check && keys == null) {
      throw new UserError(
          ExitCode.USAGE, "--check needs --keys: the nodes answer only the policy's Alice");
    }
    PolicyLifecycle lifecycle =
        check
            ? new PolicyLifecycle(
                alice(keys, passphraseFile, NodeDirectory.empty()), book, Clock.systemUTC())
            : null;
    List<PolicyBook.Entry> entries = book.list();
    Instant now = Instant.now();
    boolean trouble = entries.stream().anyMatch(e -> e.record.isEmpty());
    List<Object> all = new ArrayList<>();
    if (!output.json) {
      if (entries.isEmpty()) {
        out.println("no policies in " + store);
        return ExitCode.OK;
      }
      out.printf("%-34s %-20s %-7s %-22s %s%n", "policy", "label", "m-of-n", "expires", "state");
    }
    for (PolicyBook.Entry e : entries) {
      if (e.record.isEmpty()) {
        if (output.json) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("file", e.file.toString());
          o.put("problem", e.problem.orElse(""));
          all.add(o);
        } else {
          out.printf("%-34s %s%n", e.file.getFileName(), "unreadable: " + e.problem.orElse(""));
        }
        continue;
      }
      PolicyRecord r = e.record.get();
      Map<String, Object> o = PolicyJson.of(r, now, book);
      List<String> disagreements = List.of();
      if (check) {
        disagreements = check(lifecycle, r, now, o);
        trouble |= !disagreements.isEmpty();
      }
      if (output.json) {
        all.add(o);
        continue;
      }
      var t = r.terms().terms();
      String state =
          r.describeStateAt(now)
              + (!check ? "" : disagreements.isEmpty() ? "  (nodes agree)" : "  (nodes DISAGREE)");
      out.printf(
          "%-34s %-20s %-7s %-22s %s%n",
          r.hrac().toHex(), r.label(), t.threshold() + "-of-" + t.shares(), t.expiry(), state);
      disagreements.forEach(d -> out.println("    " + d));
    }
    if (output.json) {
      JsonOutput.print(out, all);
    }
    return trouble ? ExitCode.INCOMPLETE : ExitCode.OK;
  }

  private static List<String> check(
      PolicyLifecycle lifecycle, PolicyRecord r, Instant now, Map<String, Object> o)
      throws InterruptedException {
    dev.nkms.client.alice.PolicyCheck answers;
    try {
      answers = lifecycle.check(r);
    } catch (PolicyRefused e) {
      List<String> one = List.of(e.getMessage());
      o.put("disagreements", one);
      return one;
    }
    List<String> disagreements = PolicyLifecycle.disagreements(r, answers, now);
    Map<String, String> said = new LinkedHashMap<>();
    answers.answers().forEach((node, status) -> said.put(node.toHex(), status.state().code));
    o.put("nodes_say", said);
    o.put("disagreements", disagreements);
    return disagreements;
  }
}
