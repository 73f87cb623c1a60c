package dev.nkms.cli.characters;

import dev.nkms.client.connect.ClientNetwork;
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
import dev.nkms.client.alice.Renewal;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobCard;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.learning.NotEnoughNodesKnown;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Condition;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import dev.nkms.protocol.wire.WireFormatException;
import dev.nkms.registry.SamplingRules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
 * {@code nkms alice grant|revoke|renew|policies|policy-key|decrypt}: the data owner. Every transition of a policy
 * goes through {@link PolicyLifecycle}, which keeps Alice's records in {@code --store} saying what the nodes said.
 */
@Command(name = "alice", mixinStandardHelpOptions = true, description = "Grant, revoke and renew access (data owner).",
    subcommands = {AliceCommand.Grant.class, AliceCommand.Revoke.class, AliceCommand.Renew.class,
        AliceCommand.Policies.class, AliceCommand.PolicyKey.class, AliceCommand.Decrypt.class},
    footerHeading = "%nExamples:%n",
    footer = {"  nkms alice grant --help", "  nkms alice policies"})
public final class AliceCommand {
  static final String DEFAULT_STORE = ".nkms/alice";
  static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);
  static final String KEYS_HELP = "Alice's keystore (its passphrase: --passphrase-file, else NKMS_PASSPHRASE, else"
      + " a prompt).";
  static final String STORE_HELP = "Where Alice keeps her policy records (default: ${DEFAULT-VALUE}).";

  static Alice alice(Path keys, Path passphraseFile, NodeDirectory directory) {
    AliceKeys k = Identity.alice(keys, passphraseFile);
    return new Alice(k, directory, HttpsNodeClient.factory(), Clock.systemUTC(), RandomSource.secure(), NODE_TIMEOUT);
  }

  static List<NodeAddress> addresses(List<String> hex, String option) {
    List<NodeAddress> out = new ArrayList<>();
    for (String h : hex) {
      try {
        out.add(NodeAddress.fromHex(h.strip()));
      } catch (WireFormatException e) {
        throw new UserError(ExitCode.USAGE, option + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** `--policy` takes a record file, or a policy id (32 hex digits) looked up in the store. */
  static Path policyFile(String policy, Path store) {
    if (policy.matches("[0-9a-f]{32}") && !Files.exists(Path.of(policy))) {
      try {
        return new PolicyBook(store).fileOf(Hrac.fromHex(policy));
      } catch (WireFormatException e) {
        throw new IllegalStateException("checked by the pattern", e);
      }
    }
    return Path.of(policy);
  }

  static PolicyRecord open(PolicyLifecycle lifecycle, Path file) {
    try {
      return lifecycle.open(file);
    } catch (NoSuchFileException e) {
      throw new UserError(ExitCode.USAGE, "no policy record at " + file + " (see `nkms alice policies`)");
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
    } catch (MalformedInputException e) {
      throw new UserError(ExitCode.USAGE, file + " is not an nkms policy record (or it is damaged)",
          List.of(e.getMessage()));
    } catch (PolicyRefused e) {
      throw refused(e);
    }
  }

  /** The CLI's word for a refused transition: one line with what to do, each node's answer behind --verbose. */
  static UserError refused(PolicyRefused e) {
    String advice = switch (e.kind()) {
      case ALREADY_GRANTED -> e.record().map(r -> "; renew it (`nkms alice renew --policy " + r.hrac()
          + " --expires …`) or revoke it first").orElse("");
      case PAYMENT_REQUIRED -> "; the network's nodes take only paid policies: grant again with --pay ETH";
      case GRANT_FAILED -> "; grant again (a new attempt starts afresh), with fewer nodes (-n) if some are down";
      default -> "";
    };
    int code = e.kind() == PolicyRefused.Kind.WRONG_ALICE ? ExitCode.USAGE : ExitCode.FAILED;
    return new UserError(code, e.getMessage() + advice, e.details());
  }

  static Map<String, Object> json(PolicyRecord r, Instant now, PolicyBook book) {
    Map<String, Object> o = new LinkedHashMap<>();
    var t = r.terms().terms();
    o.put("policy", r.hrac().toHex());
    o.put("label", r.label());
    o.put("state", r.describeStateAt(now));
    o.put("threshold", t.threshold());
    o.put("shares", t.shares());
    o.put("expires", t.expiry().toString());
    o.put("revision", t.revision());
    o.put("file", book.fileOf(r.hrac()).toString());
    List<Map<String, Object>> nodes = new ArrayList<>();
    r.targets().forEach((a, m) -> {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("node", a.toHex());
      n.put("address", m.host() + ":" + m.port());
      n.put("holder", r.policy().map(p -> p.nodes().containsKey(a)).orElse(false));
      n.put("revoked_at", r.receipts().containsKey(a) ? r.receipts().get(a).revokedAt().toString() : null);
      nodes.add(n);
    });
    o.put("nodes", nodes);
    o.put("refunded", r.isRefunded());
    return o;
  }

  @Command(name = "grant", mixinStandardHelpOptions = true,
      description = "Give Bob m-of-n access to a label: kfrags to n nodes, a treasure map for Bob.",
      footerHeading = "%nExamples:%n",
      footer = {"  nkms alice grant --keys alice.keys --bob bob.card --label medical -m 3 -n 5 --expires 7d \\",
          "      --map-out bob.map",
          "  nkms alice grant --keys alice.keys --bob bob.card --label scans -m 2 -n 3 --expires 2030-01-01T00:00:00Z \\",
          "      --access-log --exclude 0x1234… --map-out bob.map --json"})
  public static final class Grant implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(names = "--keys", required = true, description = KEYS_HELP) Path keys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = dev.nkms.cli.Passphrases.HELP) Path passphraseFile;

    @Option(names = "--bob", required = true, description = "Bob's card file (from `nkms keys generate`).")
    Path bobCard;

    @Option(names = "--label", required = true, description = "What is shared: the label the data is encrypted"
        + " under (see `nkms alice policy-key`).") String label;

    @Option(names = {"-m", "--threshold"}, required = true, description = "How many nodes Bob needs (m).")
    int threshold;

    @Option(names = {"-n", "--shares"}, required = true, description = "How many nodes get a kfrag (n ≥ m).")
    int shares;

    @Option(names = "--expires", required = true, description = "When access ends: 30s, 10m, 2h, 7d, or an ISO"
        + " instant.") String expires;

    @Option(names = "--window", description = "Extra condition: re-encrypt only between two instants, START/END.")
    String window;

    @Option(names = "--access-log", description = "Condition: nodes must log each access before answering.")
    boolean accessLog;

    @Option(names = "--handpick", split = ",", description = "Node addresses to use first (then drawn by stake).")
    List<String> handpick = List.of();

    @Option(names = "--exclude", split = ",", description = "Node addresses never to use.")
    List<String> exclude = List.of();

    @Option(names = "--max-per-operator", description = "At most this many of the policy's nodes per operator"
        + " (default: no limit).") Integer maxPerOperator;

    @Option(names = "--network", defaultValue = dev.nkms.client.connect.NetworkDirectory.DEFAULT, description = "Network directory:"
        + " federation, registry and peers to learn the nodes from (default: ${DEFAULT-VALUE}).")
    Path network;

    @Option(names = "--store", defaultValue = DEFAULT_STORE, description = STORE_HELP) Path store;

    @Option(names = "--map-out", required = true, description = "Treasure map file to hand to Bob.") Path mapOut;

    @Option(names = "--force", description = "Replace an existing --map-out file.") boolean force;

    @Option(names = "--pay", paramLabel = "ETH", description = "Pay this fee (ETH) into the policy contract before"
        + " delivering; nodes on a paid network refuse unpaid kfrags. Uses --chain and the account (default Alice's"
        + " dev account).") String pay;

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
        throw new UserError(ExitCode.USAGE, "-n " + shares + ": the network has only " + registered
            + " node(s) eligible until " + expiry + "; use -n " + Math.max(1, registered) + " or fewer");
      }
      try {
        learner.awaitNodes(shares, expiry, ClientNetwork.WAIT);
      } catch (NotEnoughNodesKnown e) {
        throw new UserError(ExitCode.UNREACHABLE, "only " + e.eligible() + " of the " + shares + " nodes needed"
            + " answer; check `nkms network status` or use a smaller -n", List.of(e.getMessage()));
      }
      SamplingRules rules = SamplingRules.DEFAULT.withHandpicked(addresses(handpick, "--handpick"))
          .withExcluded(java.util.Set.copyOf(addresses(exclude, "--exclude")));
      if (maxPerOperator != null) {
        if (maxPerOperator < 1) {
          throw new UserError(ExitCode.USAGE, "--max-per-operator must be at least 1");
        }
        rules = rules.withMaxPerOperator(maxPerOperator);
      }
      Alice alice = new Alice(aliceKeys, learner, HttpsNodeClient.factory(), Clock.systemUTC(), RandomSource.secure(),
          NODE_TIMEOUT, NodeSelector.stakeWeighted(rules));
      if (pay != null) {
        alice = alice.paying(dev.nkms.cli.chain.AlicePayments.forAlice(chain, pay, err));
      }
      PolicyLifecycle lifecycle = new PolicyLifecycle(alice, new PolicyBook(store), Clock.systemUTC());
      if (output.progress()) {
        err.println("granting " + threshold + "-of-" + shares + " access to '" + label + "': delivering kfrags…");
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
      OutputFile.write(mapOut, OutputFile.Kind.PUBLIC, force, record.policy().orElseThrow().treasureMap().toBytes());
      Path file = lifecycle.book().fileOf(record.hrac());
      if (output.json) {
        Map<String, Object> o = json(record, Instant.now(), lifecycle.book());
        o.put("treasure_map", mapOut.toString());
        JsonOutput.print(out, o);
        return ExitCode.OK;
      }
      out.println("policy " + record.hrac() + " ('" + label + "') " + threshold + "-of-" + shares + " until "
          + record.terms().terms().expiry());
      record.policy().orElseThrow().nodes().forEach((a, m) ->
          out.println("  kfrag at " + a + " (" + m.host() + ":" + m.port() + ")"));
      out.println("policy file:  " + file);
      out.println("treasure map: " + mapOut + "  (give it to Bob)");
      return ExitCode.OK;
    }

    private Conditions conditions(Instant now) {
      List<Condition> conditions = new ArrayList<>();
      if (window != null) {
        String[] parts = window.split("/");
        if (parts.length != 2) {
          throw new UserError(ExitCode.USAGE, "--window takes START/END, e.g. 2030-01-01T00:00:00Z/30d");
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

  /** The options naming one of Alice's policies and the keystore that owns it, for revoke and renew. */
  static final class OwnedPolicy {
    @Option(names = "--keys", required = true, description = KEYS_HELP) Path keys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = dev.nkms.cli.Passphrases.HELP)
    Path passphraseFile;

    @Option(names = "--policy", required = true, description = "The policy record file, or its policy id (looked"
        + " up in --store).") String policy;

    @Option(names = "--store", defaultValue = DEFAULT_STORE, description = STORE_HELP) Path store;

    private PolicyLifecycle lifecycle;

    /** The lifecycle over the record's own directory, with this keystore's Alice. */
    PolicyLifecycle lifecycle() {
      if (lifecycle == null) {
        Path file = policyFile(policy, store);
        lifecycle = new PolicyLifecycle(alice(keys, passphraseFile, NodeDirectory.empty()),
            new PolicyBook(file.toAbsolutePath().getParent()), Clock.systemUTC());
      }
      return lifecycle;
    }

    /** The record, checked to belong to this keystore's Alice before any node is asked. */
    PolicyRecord record() {
      return open(lifecycle(), policyFile(policy, store));
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a policy at every node that holds (or may hold) its kfrag; keeps each node's signed"
          + " receipt in the record. Also cleans up a failed or interrupted grant. Safe to repeat.",
      footerHeading = "%nExamples:%n",
      footer = {"  nkms alice revoke --keys alice.keys --policy .nkms/alice/3f2a….policy",
          "  nkms alice revoke --keys alice.keys --policy 3f2a9c…   (a policy id from `nkms alice policies`)",
          "  nkms alice revoke --keys alice.keys --policy 3f2a9c… --refund --chain .nkms/chain/deployment.json"})
  public static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Mixin OwnedPolicy owned;

    @Option(names = "--network", defaultValue = dev.nkms.client.connect.NetworkDirectory.DEFAULT, description = "Network directory, used"
        + " only to clean up a grant that was interrupted (default: ${DEFAULT-VALUE}).") Path network;

    @Option(names = "--refund", description = "Also revoke the policy's payment on chain: the fee for the unused time"
        + " comes back (uses --chain and the account, default Alice's dev account).") boolean refund;

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
        Map<String, Object> o = json(record, Instant.now(), lifecycle.book());
        Map<String, String> unconfirmed = new LinkedHashMap<>();
        revocation.unconfirmed.forEach((a, why) -> unconfirmed.put(a.toHex(), why));
        o.put("unconfirmed", unconfirmed);
        o.put("refund", refundNote);
        JsonOutput.print(out, o);
      } else {
        if (!revocation.sent) {
          out.println("policy " + record.hrac() + " was already " + record.state().word + " ("
              + record.receipts().size() + " signed receipt(s) kept)");
        }
        if (revocation.sent) {
          record.receipts().forEach((node, receipt) -> out.println("  revoked at " + node + " (signed receipt, "
              + receipt.revokedAt() + ")"));
          revocation.unconfirmed.forEach((node, why) -> out.println("  NOT confirmed by " + node + ": " + why));
        }
        if (refundNote != null) {
          out.println("  refunded " + refundNote + " by the policy contract");
        }
        if (revocation.sent && record.state().isFinal()) {
          out.println("policy " + record.hrac() + " revoked at all " + record.receipts().size() + " node(s)");
        }
      }
      if (refundFailed != null) {
        throw new UserError(refundFailed.exitCode(), "the nodes' revocation is recorded, but the refund failed: "
            + refundFailed.getMessage() + "; run the same command again to retry the refund");
      }
      if (!record.state().isFinal()) {
        throw new UserError(ExitCode.INCOMPLETE, "policy " + record.hrac() + ": " + record.unconfirmed().size()
            + " node(s) did not confirm; run `nkms alice revoke` again to retry them", details(revocation.unconfirmed));
      }
      return ExitCode.OK;
    }
  }

  static List<String> details(Map<NodeAddress, String> perNode) {
    List<String> out = new ArrayList<>();
    perNode.forEach((node, why) -> out.add("node " + node + ": " + why));
    return out;
  }

  @Command(name = "renew", mixinStandardHelpOptions = true,
      description = "Move an active policy's expiry (later or earlier) at its nodes.",
      footerHeading = "%nExamples:%n",
      footer = {"  nkms alice renew --keys alice.keys --policy 3f2a9c… --expires 30d"})
  public static final class Renew implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Mixin OwnedPolicy owned;

    @Option(names = "--expires", required = true, description = "The new expiry: 30s, 10m, 2h, 7d, or an ISO"
        + " instant.") String expires;

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
        spec.commandLine().getOut().println("policy " + record.hrac() + " now expires " + expiry + " at "
            + renewal.renewed().size() + " of " + n + " node(s)");
      }
      if (!renewal.isComplete()) {
        String bob = renewal.reachesThreshold() ? "" : "; fewer than " + record.terms().terms().threshold()
            + " have it, so Bob loses access at the old expiry";
        throw new UserError(ExitCode.INCOMPLETE, renewal.failed().size() + " node(s) did not take the renewal" + bob
            + "; run `nkms alice renew` again to retry", details(renewal.failed()));
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "policies", mixinStandardHelpOptions = true,
      description = "List Alice's policies with their state; --check asks each policy's nodes whether they agree.",
      footerHeading = "%nExamples:%n",
      footer = {"  nkms alice policies", "  nkms alice policies --json",
          "  nkms alice policies --check --keys alice.keys"})
  public static final class Policies implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(names = "--store", defaultValue = DEFAULT_STORE, description = STORE_HELP) Path store;

    @Option(names = "--check", description = "Ask each policy's nodes what they hold (a query only the policy's Alice"
        + " can sign) and show where they and the record disagree; exit 4 if anywhere. Needs --keys.")
    boolean check;

    @Option(names = "--keys", description = "Alice's keystore, for --check (its passphrase: --passphrase-file,"
        + " else NKMS_PASSPHRASE, else a prompt).") Path keys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = dev.nkms.cli.Passphrases.HELP)
    Path passphraseFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PolicyBook book = new PolicyBook(store);
      if (check && keys == null) {
        throw new UserError(ExitCode.USAGE, "--check needs --keys: the nodes answer only the policy's Alice");
      }
      PolicyLifecycle lifecycle = check
          ? new PolicyLifecycle(alice(keys, passphraseFile, NodeDirectory.empty()), book, Clock.systemUTC()) : null;
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
        Map<String, Object> o = json(r, now, book);
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
        String state = r.describeStateAt(now) + (!check ? "" : disagreements.isEmpty() ? "  (nodes agree)"
            : "  (nodes DISAGREE)");
        out.printf("%-34s %-20s %-7s %-22s %s%n", r.hrac(), r.label(), t.threshold() + "-of-" + t.shares(),
            t.expiry(), state);
        disagreements.forEach(d -> out.println("    " + d));
      }
      if (output.json) {
        JsonOutput.print(out, all);
      }
      return trouble ? ExitCode.INCOMPLETE : ExitCode.OK;
    }

    private static List<String> check(PolicyLifecycle lifecycle, PolicyRecord r, Instant now, Map<String, Object> o)
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

  @Command(name = "policy-key", mixinStandardHelpOptions = true,
      description = "Print a label's policy encrypting key (what Enrico encrypts to).",
      footerHeading = "%nExamples:%n",
      footer = {"  nkms alice policy-key --keys alice.keys --label medical",
          "  nkms alice policy-key --keys alice.keys --label medical --json"})
  public static final class PolicyKey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(names = "--keys", required = true, description = KEYS_HELP) Path keys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = dev.nkms.cli.Passphrases.HELP) Path passphraseFile;

    @Option(names = "--label", required = true, description = "The label.") String label;

    @Override
    public Integer call() {
      String key = Identity.alice(keys, passphraseFile).policyEncryptingKey(label).toHex();
      if (output.json) {
        JsonOutput.print(spec.commandLine().getOut(), Map.of("label", label, "policy_key", key));
      } else {
        spec.commandLine().getOut().println(key);
      }
      return ExitCode.OK;
    }
  }

  @Command(name = "decrypt", mixinStandardHelpOptions = true,
      description = {"Decrypt a sealed file of one of Alice's own labels (no nodes involved).",
          "The plaintext is written to a temporary file (mode 0600) and renamed to --out only when whole. The"
              + " keystore's passphrase comes from --passphrase-file, else from NKMS_PASSPHRASE, else from a prompt."},
      footerHeading = "%nExamples:%n",
      footer = {"  nkms alice decrypt --keys alice.keys --label records --in x.nkms --out x",
          "  nkms alice decrypt --keys alice.keys --label records --in - --out - <x.nkms >x"})
  public static final class Decrypt implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin dev.nkms.cli.OutputOptions output;

    @Option(names = "--keys", required = true, paramLabel = "NAME.keys", description = "Alice's keystore.")
    Path keys;

    @Option(names = "--passphrase-file", paramLabel = "FILE", description = dev.nkms.cli.Passphrases.HELP)
    Path passphraseFile;

    @Option(names = "--label", required = true, description = "The label the file was encrypted for.")
    String label;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Sealed file (`-`: stdin).") Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the plaintext, mode"
        + " 0600. An existing file is refused unless --force. `-`: stdout, written as each part authenticates (after"
        + " a failure, the exit code says that what was written is incomplete).") Path out;

    @Option(names = "--force", description = "Replace --out if it exists (without it, an existing file is refused).")
    boolean force;

    @Override
    public Integer call() throws Exception {
      if (dev.nkms.cli.files.Inputs.isStd(out) && output.json) {
        throw new UserError(dev.nkms.cli.ExitCode.USAGE, "--json needs --out FILE: with --out - stdout carries the"
            + " plaintext");
      }
      dev.nkms.cli.files.OutputFile.check(out, force, in, keys, passphraseFile);
      if (!dev.nkms.cli.files.Inputs.isStd(in)) {
        dev.nkms.cli.files.Inputs.check(in, "sealed file");
      }
      AliceKeys k = Identity.alice(keys, passphraseFile);
      Alice alice = new Alice(k, NodeDirectory.empty(), HttpsNodeClient.factory(), Clock.systemUTC(), RandomSource.secure(),
          NODE_TIMEOUT);
      long bytes;
      try (java.io.InputStream i = new java.io.BufferedInputStream(
          dev.nkms.cli.files.Inputs.open(in, "sealed file"), 1 << 16)) {
        dev.nkms.protocol.MessageKit kit;
        try {
          kit = dev.nkms.protocol.message.SealedMessage.readHeader(i);
        } catch (dev.nkms.protocol.message.SealedMessageException e) {
          throw SealedFiles.error(in, e);
        }
        try (dev.nkms.cli.files.OutputFile o = dev.nkms.cli.files.OutputFile.create(out,
            dev.nkms.cli.files.OutputFile.Kind.SECRET, force, in, keys)) {
          alice.decryptOwn(label, kit, new Progress(i, dev.nkms.cli.files.Inputs.isStd(in) ? -1 : kit.plaintextLength(),
              "decrypting", output.progress() ? spec.commandLine().getErr() : null), o.stream());
          o.commit();
        } catch (dev.nkms.crypto.DecryptionException e) {
          throw new UserError(dev.nkms.cli.ExitCode.FAILED, SealedFiles.display(in) + " was not encrypted under"
              + " label '" + label + "' of these keys; nothing was written", List.of(e.getMessage()));
        } catch (dev.nkms.protocol.message.SealedMessageException e) {
          throw SealedFiles.error(in, e);
        }
        bytes = kit.plaintextLength();
      } catch (IOException e) {
        throw SealedFiles.ioError(in, out, e);
      }
      if (output.json) {
        java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("out", out.toString());
        r.put("bytes", bytes);
        spec.commandLine().getOut().println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(r));
      } else if (dev.nkms.cli.files.Inputs.isStd(out)) {
        output.info(spec.commandLine().getErr(), "decrypted " + bytes + " bytes to stdout");
      } else if (!output.quiet) {
        spec.commandLine().getOut().println("decrypted → " + out + " (" + bytes + " bytes)");
      }
      return dev.nkms.cli.ExitCode.OK;
    }
  }
}
