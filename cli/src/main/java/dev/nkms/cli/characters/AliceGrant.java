package dev.nkms.cli.characters;

import static dev.nkms.cli.characters.AliceSupport.DEFAULT_STORE;
import static dev.nkms.cli.characters.AliceSupport.KEYS_HELP;
import static dev.nkms.cli.characters.AliceSupport.NODE_TIMEOUT;
import static dev.nkms.cli.characters.AliceSupport.STORE_HELP;
import static dev.nkms.cli.characters.AliceSupport.addresses;
import static dev.nkms.cli.characters.AliceSupport.refused;

import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.UserError;
import dev.nkms.cli.files.OutputFile;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.NodeSelector;
import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyLifecycle;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.client.alice.PolicyRefused;
import dev.nkms.client.connect.ClientNetwork;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.learning.NotEnoughNodesKnown;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Condition;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.registry.SamplingRules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nkms alice grant}: kfrags to n nodes chosen by stake, a treasure map for Bob, and the
 * record first.
 */
@Command(
    name = "grant",
    mixinStandardHelpOptions = true,
    description = "Give Bob m-of-n access to a label: kfrags to n nodes, a treasure map for Bob.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms alice grant --keys alice.keys --bob bob.card --label medical -m 3 -n 5 --expires 7d \\",
      "      --map-out bob.map",
      "  nkms alice grant --keys alice.keys --bob bob.card --label scans -m 2 -n 3 --expires 2030-01-01T00:00:00Z \\",
      "      --access-log --exclude 0x1234… --map-out bob.map --json"
    })
public final class AliceGrant implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--keys", required = true, description = KEYS_HELP)
  Path keys;

  @Option(
      names = "--passphrase-file",
      paramLabel = "FILE",
      description = dev.nkms.cli.Passphrases.HELP)
  Path passphraseFile;

  @Option(
      names = "--bob",
      required = true,
      description = "Bob's card file (from `nkms keys generate`).")
  Path bobCard;

  @Option(
      names = "--label",
      required = true,
      description =
          "What is shared: the label the data is encrypted"
              + " under (see `nkms alice policy-key`).")
  String label;

  @Option(
      names = {"-m", "--threshold"},
      required = true,
      description = "How many nodes Bob needs (m).")
  int threshold;

  @Option(
      names = {"-n", "--shares"},
      required = true,
      description = "How many nodes get a kfrag (n ≥ m).")
  int shares;

  @Option(
      names = "--expires",
      required = true,
      description = "When access ends: 30s, 10m, 2h, 7d, or an ISO" + " instant.")
  String expires;

  @Option(
      names = "--window",
      description = "Extra condition: re-encrypt only between two instants, START/END.")
  String window;

  @Option(
      names = "--access-log",
      description = "Condition: nodes must log each access before answering.")
  boolean accessLog;

  @Option(
      names = "--handpick",
      split = ",",
      description = "Node addresses to use first (then drawn by stake).")
  List<String> handpick = List.of();

  @Option(names = "--exclude", split = ",", description = "Node addresses never to use.")
  List<String> exclude = List.of();

  @Option(
      names = "--max-per-operator",
      description =
          "At most this many of the policy's nodes per operator" + " (default: no limit).")
  Integer maxPerOperator;

  @Option(
      names = "--network",
      defaultValue = dev.nkms.client.connect.NetworkDirectory.DEFAULT,
      description =
          "Network directory:"
              + " federation, registry and peers to learn the nodes from (default: ${DEFAULT-VALUE}).")
  Path network;

  @Option(names = "--store", defaultValue = DEFAULT_STORE, description = STORE_HELP)
  Path store;

  @Option(names = "--map-out", required = true, description = "Treasure map file to hand to Bob.")
  Path mapOut;

  @Option(names = "--force", description = "Replace an existing --map-out file.")
  boolean force;

  @Option(
      names = "--pay",
      paramLabel = "ETH",
      description =
          "Pay this fee (ETH) into the policy contract before"
              + " delivering; nodes on a paid network refuse unpaid kfrags. Uses --chain and the account (default Alice's"
              + " dev account).")
  String pay;

  @Mixin dev.nkms.cli.chain.ChainOptions chain;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant now = Instant.now();
    Instant expiry = Times.parse(expires, now, "--expires");
    Conditions conditions = conditions(now);
    if (threshold < 1 || threshold > shares) {
      throw new UserError(ExitCode.USAGE, "-m " + threshold + " -n " + shares + ": need 1 ≤ m ≤ n");
    }
    OutputFile.check(mapOut, force, bobCard, keys);
    BobCard bob = Identity.card(bobCard);
    AliceKeys aliceKeys = Identity.alice(keys, passphraseFile);
    Learner learner = ClientNetwork.open(network);
    int registered = learner.registeredEligible(expiry);
    if (registered < shares) { // no wait: learning cannot find nodes the registry does not list
      throw new UserError(
          ExitCode.USAGE,
          "-n "
              + shares
              + ": the network has only "
              + registered
              + " node(s) eligible until "
              + expiry
              + "; use -n "
              + Math.max(1, registered)
              + " or fewer");
    }
    try {
      learner.awaitNodes(shares, expiry, ClientNetwork.WAIT);
    } catch (NotEnoughNodesKnown e) {
      throw new UserError(
          ExitCode.UNREACHABLE,
          "only "
              + e.eligible()
              + " of the "
              + shares
              + " nodes needed"
              + " answer; check `nkms network status` or use a smaller -n",
          List.of(e.getMessage()));
    }
    SamplingRules rules =
        SamplingRules.DEFAULT
            .withHandpicked(addresses(handpick, "--handpick"))
            .withExcluded(java.util.Set.copyOf(addresses(exclude, "--exclude")));
    if (maxPerOperator != null) {
      if (maxPerOperator < 1) {
        throw new UserError(ExitCode.USAGE, "--max-per-operator must be at least 1");
      }
      rules = rules.withMaxPerOperator(maxPerOperator);
    }
    Alice alice =
        new Alice(
            aliceKeys,
            learner,
            HttpsNodeClient.factory(),
            Clock.systemUTC(),
            RandomSource.secure(),
            NODE_TIMEOUT,
            NodeSelector.stakeWeighted(rules));
    if (pay != null) {
      alice = alice.paying(dev.nkms.cli.chain.AlicePayments.forAlice(chain, pay, err));
    }
    PolicyLifecycle lifecycle =
        new PolicyLifecycle(alice, new PolicyBook(store), Clock.systemUTC());
    if (output.progress()) {
      err.println(
          "granting "
              + threshold
              + "-of-"
              + shares
              + " access to '"
              + label
              + "': delivering kfrags…");
    }
    PolicyRecord record;
    try {
      record = lifecycle.grant(bob, label, threshold, shares, expiry, conditions);
    } catch (PolicyRefused e) {
      throw refused(e);
    } catch (IllegalArgumentException e) {
      throw new UserError(ExitCode.USAGE, e.getMessage());
    }
    // Encrypted to Bob and signed by Alice: public, but never left half-written.
    OutputFile.write(
        mapOut,
        OutputFile.Kind.PUBLIC,
        force,
        record.policy().orElseThrow().treasureMap().toBytes());
    Path file = lifecycle.book().fileOf(record.hrac());
    if (output.json) {
      Map<String, Object> o = PolicyJson.of(record, Instant.now(), lifecycle.book());
      o.put("treasure_map", mapOut.toString());
      JsonOutput.print(out, o);
      return ExitCode.OK;
    }
    out.println(
        "policy "
            + record.hrac().toHex()
            + " ('"
            + label
            + "') "
            + threshold
            + "-of-"
            + shares
            + " until "
            + record.terms().terms().expiry());
    record
        .policy()
        .orElseThrow()
        .nodes()
        .forEach(
            (a, m) ->
                out.println("  kfrag at " + a.toHex() + " (" + m.host() + ":" + m.port() + ")"));
    out.println("policy file:  " + file);
    out.println("treasure map: " + mapOut + "  (give it to Bob)");
    return ExitCode.OK;
  }

  private Conditions conditions(Instant now) {
    List<Condition> conditions = new ArrayList<>();
    if (window != null) {
      String[] parts = window.split("/");
      if (parts.length != 2) {
        throw new UserError(
            ExitCode.USAGE, "--window takes START/END, e.g. 2030-01-01T00:00:00Z/30d");
      }
      Instant start = Times.parse(parts[0], now, "--window start");
      Instant end = Times.parse(parts[1], now, "--window end");
      if (!end.isAfter(start)) {
        throw new UserError(ExitCode.USAGE, "--window must end after it starts");
      }
      conditions.add(TimeWindow.between(start, end));
    }
    if (accessLog) {
      conditions.add(AccessLogging.REQUIRED);
    }
    return Conditions.of(conditions);
  }
}
