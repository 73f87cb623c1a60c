package dev.nkms.cli.characters;

import dev.nkms.cli.UserError;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.GrantException;
import dev.nkms.client.alice.Policy;
import dev.nkms.client.alice.Renewal;
import dev.nkms.client.alice.RevocationReport;
import dev.nkms.client.keys.AliceKeys;
import dev.nkms.client.keys.BobCard;
import dev.nkms.client.transport.HttpsNodeClient;
import dev.nkms.crypto.MalformedInputException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Condition;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import dev.nkms.client.alice.NodeSelector;
import dev.nkms.client.network.Learner;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.wire.WireFormatException;
import dev.nkms.registry.SamplingRules;
import dev.nkms.client.network.NodeDirectory;
import dev.nkms.client.network.NotEnoughNodesKnown;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms alice grant|revoke|renew|policies|policy-key}: the data owner. */
@Command(name = "alice", mixinStandardHelpOptions = true, description = "Grant, revoke and renew access (data owner).",
    subcommands = {AliceCommand.Grant.class, AliceCommand.Revoke.class, AliceCommand.Renew.class,
        AliceCommand.Policies.class, AliceCommand.PolicyKey.class, AliceCommand.Decrypt.class})
public final class AliceCommand {
  static final String DEFAULT_STORE = ".nkms/alice";
  static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);

  static Alice alice(Path keys, Path passphraseFile, NodeDirectory directory) {
    AliceKeys k = Identity.alice(keys, passphraseFile);
    return new Alice(k, directory, HttpsNodeClient.factory(), Clock.systemUTC(), RandomSource.secure(), NODE_TIMEOUT);
  }

  static List<NodeAddress> addresses(List<String> hex, String option) {
    List<NodeAddress> out = new java.util.ArrayList<>();
    for (String h : hex) {
      try {
        out.add(NodeAddress.fromHex(h.strip()));
      } catch (WireFormatException e) {
        throw new UserError(2, option + ": " + e.getMessage());
      }
    }
    return out;
  }

  static Policy readPolicy(Path file) {
    try {
      return Policy.fromBytes(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new UserError(2, "no policy file at " + file);
    } catch (IOException e) {
      throw new UserError(2, "cannot read " + file + ": " + e.getMessage());
    } catch (MalformedInputException e) {
      throw new UserError(2, file + " is not a policy file: " + e.getMessage());
    }
  }

  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Command(name = "grant", mixinStandardHelpOptions = true,
      description = "Give Bob m-of-n access to a label: kfrags to n nodes, a treasure map for Bob.")
  public static final class Grant implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keys", required = true, description = "Alice's keystore.") Path keys;

    @Option(names = "--passphrase-file") Path passphraseFile;

    @Option(names = "--bob", required = true, description = "Bob's card file.") Path bobCard;

    @Option(names = "--label", required = true) String label;

    @Option(names = {"-m", "--threshold"}, required = true) int threshold;

    @Option(names = {"-n", "--shares"}, required = true) int shares;

    @Option(names = "--expires", required = true, description = "30s, 10m, 2h, 7d, or an ISO instant.")
    String expires;

    @Option(names = "--window", description = "Extra condition: re-encrypt only between two instants, START/END.")
    String window;

    @Option(names = "--access-log", description = "Condition: nodes must log each access before answering.")
    boolean accessLog;

    @Option(names = "--handpick", split = ",", description = "Node addresses to use first (then drawn by stake).")
    List<String> handpick = List.of();

    @Option(names = "--exclude", split = ",", description = "Node addresses never to use.")
    List<String> exclude = List.of();

    @Option(names = "--max-per-operator", description = "At most this many of the policy's nodes per operator.")
    Integer maxPerOperator;

    @Option(names = "--network", defaultValue = ClientNetwork.DEFAULT_DIR, description = "Network directory:"
        + " federation, registry and peers to learn the nodes from (default " + ClientNetwork.DEFAULT_DIR + ").")
    Path network;

    @Option(names = "--store", defaultValue = DEFAULT_STORE, description = "Where Alice keeps her policies.")
    Path store;

    @Option(names = "--map-out", required = true, description = "Treasure map file to hand to Bob.") Path mapOut;

    @Option(names = "--pay", paramLabel = "ETH", description = "Pay this fee (ETH) into the policy contract before"
        + " delivering; nodes on a paid network refuse unpaid kfrags. Uses --chain and the account (default Alice's"
        + " dev account).") String pay;

    @picocli.CommandLine.Mixin dev.nkms.cli.chain.ChainOptions chain;

    @Override
    public Integer call() throws Exception {
      Instant now = Instant.now();
      Instant expiry = Times.parse(expires, now, "--expires");
      List<Condition> conditions = new ArrayList<>();
      if (window != null) {
        String[] parts = window.split("/");
        if (parts.length != 2) {
          throw new UserError(2, "--window takes START/END");
        }
        Instant start = Times.parse(parts[0], now, "--window start");
        Instant end = Times.parse(parts[1], now, "--window end");
        if (!end.isAfter(start)) {
          throw new UserError(2, "--window must end after it starts");
        }
        conditions.add(TimeWindow.between(start, end));
      }
      if (accessLog) {
        conditions.add(AccessLogging.REQUIRED);
      }
      if (threshold < 1 || threshold > shares) {
        throw new UserError(2, "need 1 ≤ threshold ≤ shares");
      }
      BobCard bob = Identity.card(bobCard);
      Learner learner = ClientNetwork.open(network);
      try {
        learner.awaitNodes(shares, expiry, ClientNetwork.WAIT);
      } catch (NotEnoughNodesKnown e) {
        throw new UserError(1, "cannot grant " + threshold + "-of-" + shares + ": " + e.getMessage());
      }
      SamplingRules rules = SamplingRules.DEFAULT.withHandpicked(addresses(handpick, "--handpick"))
          .withExcluded(java.util.Set.copyOf(addresses(exclude, "--exclude")));
      if (maxPerOperator != null) {
        if (maxPerOperator < 1) {
          throw new UserError(2, "--max-per-operator must be at least 1");
        }
        rules = rules.withMaxPerOperator(maxPerOperator);
      }
      Alice alice = new Alice(Identity.alice(keys, passphraseFile), learner, HttpsNodeClient.factory(),
          Clock.systemUTC(), RandomSource.secure(), NODE_TIMEOUT, NodeSelector.stakeWeighted(rules));
      if (pay != null) {
        alice = alice.paying(dev.nkms.cli.chain.ChainPayment.forAlice(chain, pay, spec.commandLine().getErr()));
      }
      spec.commandLine().getErr().println("granting " + threshold + "-of-" + shares + " access to '" + label + "': delivering kfrags…");
      Policy policy;
      try {
        policy = alice.grant(bob, label, threshold, shares, expiry, Conditions.of(conditions));
      } catch (GrantException e) {
        throw new UserError(1, "grant failed: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new UserError(2, e.getMessage());
      }
      Path policyFile = store.resolve(policy.hrac().toHex() + ".policy");
      writeAtomically(policyFile, policy.toBytes());
      writeAtomically(mapOut, policy.treasureMap().toBytes());
      spec.commandLine().getOut().println("policy " + policy.hrac() + " ('" + label + "') " + threshold + "-of-" + shares + " until "
          + policy.terms().terms().expiry());
      policy.nodes().forEach((a, m) -> spec.commandLine().getOut().println("  kfrag at " + a + " (" + m.host() + ":" + m.port() + ")"));
      spec.commandLine().getOut().println("policy file:  " + policyFile);
      spec.commandLine().getOut().println("treasure map: " + mapOut + "  (give it to Bob)");
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a policy at every node that holds it; prints which nodes confirmed with signed receipts.")
  public static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keys", required = true) Path keys;

    @Option(names = "--passphrase-file") Path passphraseFile;

    @Option(names = "--policy", required = true, description = "The policy file from grant.") Path policyFile;

    @Option(names = "--refund", description = "Also revoke the policy's payment on chain: the fee for the unused time"
        + " comes back (uses --chain and the account, default Alice's dev account).") boolean refund;

    @picocli.CommandLine.Mixin dev.nkms.cli.chain.ChainOptions chain;

    @Override
    public Integer call() throws Exception {
      Policy policy = readPolicy(policyFile);
      Alice alice = alice(keys, passphraseFile, NodeDirectory.empty());
      RevocationReport report = alice.revoke(policy);
      if (refund) {
        spec.commandLine().getOut().println("  refunded " + dev.nkms.cli.chain.ChainPayment.refund(chain, policy.hrac())
            + " by the policy contract");
      }
      report.confirmed().forEach((node, receipt) -> spec.commandLine().getOut().println("  revoked at " + node + " (signed receipt, "
          + receipt.revokedAt() + ")"));
      report.unconfirmed().forEach((node, why) -> spec.commandLine().getOut().println("  NOT confirmed by " + node + ": " + why));
      if (report.isComplete()) {
        writeAtomically(policyFile.resolveSibling(policyFile.getFileName() + ".revoked"), policy.toBytes());
        Files.deleteIfExists(policyFile);
        spec.commandLine().getOut().println("policy " + policy.hrac() + " revoked at all " + report.confirmed().size() + " nodes");
        return 0;
      }
      spec.commandLine().getOut().println("policy " + policy.hrac() + ": " + report.confirmed().size() + " confirmed, "
          + report.unconfirmed().size() + " not; run revoke again to retry");
      return 1;
    }
  }

  @Command(name = "renew", mixinStandardHelpOptions = true, description = "Extend a policy's expiry at its nodes.")
  public static final class Renew implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keys", required = true) Path keys;

    @Option(names = "--passphrase-file") Path passphraseFile;

    @Option(names = "--policy", required = true) Path policyFile;

    @Option(names = "--expires", required = true) String expires;

    @Override
    public Integer call() throws Exception {
      Policy policy = readPolicy(policyFile);
      Instant expiry = Times.parse(expires, Instant.now(), "--expires");
      Alice alice = alice(keys, passphraseFile, NodeDirectory.empty());
      Renewal renewal = alice.renew(policy, expiry);
      writeAtomically(policyFile, renewal.policy().toBytes());
      spec.commandLine().getOut().println("policy " + policy.hrac() + " now expires " + expiry + "; renewed at "
          + renewal.renewed().size() + " of " + policy.nodes().size() + " nodes");
      return renewal.renewed().size() == policy.nodes().size() ? 0 : 1;
    }
  }

  @Command(name = "policies", mixinStandardHelpOptions = true, description = "List Alice's policies.")
  public static final class Policies implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--store", defaultValue = DEFAULT_STORE) Path store;

    @Override
    public Integer call() throws IOException {
      if (!Files.isDirectory(store)) {
        spec.commandLine().getOut().println("no policies in " + store);
        return 0;
      }
      List<Path> files;
      try (Stream<Path> s = Files.list(store)) {
        files = s.filter(p -> p.toString().endsWith(".policy") || p.toString().endsWith(".policy.revoked")).sorted()
            .toList();
      }
      spec.commandLine().getOut().printf("%-34s %-20s %-7s %-22s %s%n", "policy", "label", "m-of-n", "expires", "state");
      for (Path f : files) {
        Policy p = readPolicy(f);
        var t = p.terms().terms();
        String state = f.toString().endsWith(".revoked") ? "revoked"
            : Instant.now().isBefore(t.expiry()) ? "active" : "expired";
        spec.commandLine().getOut().printf("%-34s %-20s %-7s %-22s %s%n", p.hrac(), p.label(), t.threshold() + "-of-" + t.shares(),
            t.expiry(), state);
      }
      return 0;
    }
  }

  @Command(name = "policy-key", mixinStandardHelpOptions = true,
      description = "Print a label's policy encrypting key (what Enrico encrypts to).")
  public static final class PolicyKey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--keys", required = true) Path keys;

    @Option(names = "--passphrase-file") Path passphraseFile;

    @Option(names = "--label", required = true) String label;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(Identity.alice(keys, passphraseFile).policyEncryptingKey(label).toHex());
      return 0;
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
          kit = dev.nkms.client.message.SealedMessage.readHeader(i);
        } catch (dev.nkms.client.message.SealedMessageException e) {
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
        } catch (dev.nkms.client.message.SealedMessageException e) {
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
