package dev.nkms.cli;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.NodeSelector;
import dev.nkms.client.alice.Policy;
import dev.nkms.client.alice.RevocationReport;
import dev.nkms.client.bob.Bob;
import dev.nkms.client.bob.Retrieval;
import dev.nkms.client.bob.RetrievalException;
import dev.nkms.client.bob.RetrievalOptions;
import dev.nkms.client.bob.RetrievalState;
import dev.nkms.client.connect.ClientNetwork;
import dev.nkms.client.message.Enrico;
import dev.nkms.crypto.RandomSource;
import dev.nkms.network.learning.Learner;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.conditions.AccessLogging;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.http.NodeStatus;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobKeys;
import dev.nkms.protocol.message.SealedMessage;
import dev.nkms.registry.SamplingRules;
import dev.nkms.registry.StaticNodeList;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: a narrated run of the whole system on a real local network — five staked node
 * processes that find one another from one seed, Alice and Bob learning the network the same way, a
 * stake-weighted 3-of-5 grant, Enrico's file, Bob's retrieval, a node killed with SIGKILL,
 * revocation with signed receipts, Bob refused, and a sixth node joining mid-run and being picked
 * for a later policy.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Narrated run on a local network: discovery → grant → encrypt → retrieve → a node dies → revoke →"
            + " a node joins and is picked.",
    subcommands = {UmbralDemoCommand.class, AppDemoCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  nkms demo",
      "  nkms demo --chain",
      "  nkms demo umbral",
      "  nkms demo app",
      "  nkms demo --dir /tmp/demo-net --quiet"
    })
public final class DemoCommand implements Callable<Integer> {
  private static final String LABEL = "q3-financials";

  @Spec CommandSpec spec;

  @picocli.CommandLine.Mixin OutputOptions output;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "Network directory (default: a fresh temporary one, deleted afterwards).")
  Path dir;

  @Option(
      names = "--chain",
      description =
          "Tell the economic story instead: a dev chain, staking, a paid policy,"
              + " rewards and fees, a cheating node slashed on Bob's evidence, a refund on revocation.")
  boolean chain;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Narrator say = new Narrator(out, output.quiet);
    boolean temporary = dir == null;
    Path netDir = temporary ? Files.createTempDirectory("nkms-demo-") : dir;
    try {
      if (chain) {
        return dev.nkms.cli.chain.ChainDemo.run(
            say, netDir); // starts and stops its own chain and network
      }
      LocalNetwork network = new LocalNetwork(netDir, Main.class.getName());
      try {
        return run(say, network);
      } finally {
        int stopped = network.down(Duration.ofSeconds(10));
        say.note("network stopped (" + stopped + " node processes)");
      }
    } finally {
      if (temporary) {
        deleteTree(netDir);
      }
    }
  }

  private int run(Narrator say, LocalNetwork network) throws Exception {
    say.title("nkms demo — a decentralized KMS on a local network of 5 re-encryption nodes");

    say.step(
        "Five independent nodes start (separate processes, HTTPS, SQLite, keys in encrypted keystores)");
    StaticNodeList nodes = network.up(5, Duration.ofSeconds(90), line -> {});
    for (NodeMetadata n : nodes.nodes()) {
      say.item(
          "node "
              + n.address().toHex()
              + " at "
              + n.host()
              + ":"
              + n.port()
              + "  stake "
              + network
                  .registry()
                  .stake(n.address())
                  .map(st -> st.amount().toString())
                  .orElse("0"));
    }
    say.note(
        "the federation signed a registry of their stakes; each node was told only node-1's address");

    say.step("The nodes discover one another by gossip (the learning loop)");
    long t0 = System.nanoTime();
    String fleet = awaitAgreement(network, 5);
    say.item("all 5 know the other 4 and agree on fleet state " + fleet + " (" + ms(t0) + ")");

    say.step(
        "Alice (data owner) and Bob (recipient) make their keys and learn the network the same way");
    AliceKeys aliceKeys = AliceKeys.random(RandomSource.secure());
    BobKeys bobKeys = BobKeys.random(RandomSource.secure());
    Learner aliceView = ClientNetwork.open(network.dir());
    Learner bobView = ClientNetwork.open(network.dir());
    aliceView.awaitNodes(5, Instant.now().plus(Duration.ofDays(1)), Duration.ofSeconds(30));
    Alice alice =
        new Alice(
            aliceKeys,
            aliceView,
            HttpsNodeClient.factory(),
            Clock.systemUTC(),
            RandomSource.secure(),
            Duration.ofSeconds(5));
    Bob bob =
        new Bob(
            bobKeys,
            bobView,
            HttpsNodeClient.factory(),
            Clock.systemUTC(),
            RandomSource.secure(),
            RetrievalOptions.defaults());
    say.item(
        "Alice's client learned "
            + aliceView.knownCount()
            + " nodes from the seed and checked each live");
    say.item("Alice verifying key " + aliceKeys.verifyingKey().toHex());
    say.item(
        "Bob's card (public): verifying "
            + bobKeys.card().verifyingKey().toHex().substring(0, 16)
            + "…, encrypting "
            + bobKeys.card().encryptingKey().toHex().substring(0, 16)
            + "…");

    say.step(
        "Alice grants Bob 3-of-5 access to '"
            + LABEL
            + "' for one day, with mandatory access logging");
    t0 = System.nanoTime();
    Policy policy =
        alice.grant(
            bobKeys.card(),
            LABEL,
            3,
            5,
            Instant.now().plus(Duration.ofDays(1)),
            Conditions.of(AccessLogging.REQUIRED));
    say.item(
        "policy "
            + policy.hrac().toHex()
            + ": one kfrag to each of 5 nodes, delivered in parallel ("
            + ms(t0)
            + ")");
    say.item("each node verified its kfrag and Alice's signature on the terms before storing it");
    say.item(
        "treasure map for Bob: "
            + policy.treasureMap().toBytes().length
            + " bytes, signed by Alice, encrypted"
            + " to Bob");

    say.step("Enrico encrypts a file for the label's policy key (he needs nothing secret)");
    byte[] report = report();
    byte[] sealed =
        new Enrico(alice.policyEncryptingKey(LABEL), RandomSource.secure()).encrypt(report);
    say.item(
        "plaintext "
            + report.length
            + " bytes → sealed "
            + sealed.length
            + " bytes (capsule + chunked AES-GCM)");

    say.step("Bob retrieves: asks 3 nodes + 1 spare in parallel, verifies every proof, decrypts");
    bobView.awaitKnown(policy.nodes().keySet(), 5, Duration.ofSeconds(30));
    byte[] opened = retrieve(bob, policy, sealed, say);
    check(say, opened, report);

    int victim = 3;
    NodeAddress victimAddress = network.metadataOf(victim).address();
    say.step("Node-" + victim + " (" + victimAddress.toHex() + ") is killed with SIGKILL");
    network.kill(victim);
    say.item("node-" + victim + " is gone; 4 of 5 nodes remain");
    opened = retrieve(bob, policy, sealed, say);
    check(say, opened, report);

    say.step("Alice revokes the policy");
    RevocationReport revocation = alice.revoke(policy);
    revocation
        .confirmed()
        .forEach((node, receipt) -> say.item("revoked at " + node.toHex() + " — signed receipt"));
    revocation
        .unconfirmed()
        .forEach((node, why) -> say.item("not confirmed by " + node.toHex() + " (down)"));
    say.item("node-" + victim + " restarts with the same data directory…");
    network.restart(victim, Duration.ofSeconds(60), Map.of());
    RevocationReport retry = alice.revoke(policy);
    say.item(
        "its kfrag survived the SIGKILL; the revocation reaches it now: "
            + (retry.confirmed().containsKey(victimAddress) ? "signed receipt" : "NOT confirmed"));

    say.step("Bob tries again");
    try {
      bob.retrieve(
          policy.treasureMap(),
          List.of(SealedMessage.readHeader(new ByteArrayInputStream(sealed))));
      say.done("UNEXPECTED: Bob still got cfrags after revocation");
      return ExitCode.FAILED;
    } catch (RetrievalException e) {
      say.item("refused: " + e.getClass().getSimpleName() + " — " + firstClause(e.getMessage()));
    }

    say.step("A sixth node joins mid-run: the federation stakes it, and it knows only node-1");
    t0 = System.nanoTime();
    int joined = network.join(Duration.ofSeconds(60), line -> {});
    NodeMetadata newcomer = network.metadataOf(joined);
    say.item(
        "node-"
            + joined
            + " "
            + newcomer.address().toHex()
            + " at port "
            + newcomer.port()
            + ", stake "
            + network
                .registry()
                .stake(newcomer.address())
                .map(st -> st.amount().toString())
                .orElse("0"));
    fleet = awaitAgreement(network, 6);
    say.item(
        "all 6 nodes know it, and its registry update spread by gossip: fleet state "
            + fleet
            + " ("
            + ms(t0)
            + ")");
    aliceView.awaitNodes(6, Instant.now().plus(Duration.ofDays(1)), Duration.ofSeconds(30));
    say.item("Alice's client learned it too: " + aliceView.knownCount() + " nodes known");

    say.step("A later policy: Alice handpicks the newcomer; the other nodes are drawn by stake");
    Alice picky =
        new Alice(
            aliceKeys,
            aliceView,
            HttpsNodeClient.factory(),
            Clock.systemUTC(),
            RandomSource.secure(),
            Duration.ofSeconds(5),
            NodeSelector.stakeWeighted(
                SamplingRules.DEFAULT.withHandpicked(List.of(newcomer.address()))));
    Policy later =
        picky.grant(
            bobKeys.card(),
            LABEL + "-2",
            2,
            3,
            Instant.now().plus(Duration.ofDays(1)),
            Conditions.NONE);
    say.item(
        "policy "
            + later.hrac().toHex()
            + " went to "
            + Addresses.join(later.nodes().keySet())
            + (later.nodes().containsKey(newcomer.address())
                ? " — including node-" + joined
                : " — WITHOUT the newcomer"));
    byte[] sealed2 =
        new Enrico(alice.policyEncryptingKey(LABEL + "-2"), RandomSource.secure()).encrypt(report);
    bobView.awaitKnown(later.nodes().keySet(), 3, Duration.ofSeconds(30));
    opened = retrieve(bob, later, sealed2, say);
    check(say, opened, report);
    aliceView.close();
    bobView.close();
    say.done(
        "Bob read the file while he had access, lost it when Alice revoked; a node joined by gossip and served"
            + " a new policy; no node ever saw the plaintext.");
    return ExitCode.OK;
  }

  /**
   * Waits (bounded) until every node reports knowing all the others with one fleet state; returns
   * it.
   */
  private static String awaitAgreement(LocalNetwork network, int size) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      java.util.Set<String> fleets = new java.util.HashSet<>();
      int agreeing = 0;
      for (int i = 1; i <= size; i++) {
        NodeMetadata m = network.metadataOf(i);
        try {
          NodeStatus.Network n =
              HttpsNodeClient.connect(m, Duration.ofSeconds(2), Duration.ofSeconds(3))
                  .status()
                  .network();
          if (n.knownNodes() == size - 1) {
            agreeing++;
            fleets.add(n.fleetState());
          }
        } catch (Exception e) {
          // not answering right now (node-3 may be restarting): not agreeing yet
        }
      }
      if (agreeing == size && fleets.size() == 1) {
        return fleets.iterator().next();
      }
      Thread.sleep(200); // polling other processes, not waiting for time
    }
    throw new UserError(
        ExitCode.FAILED, "the " + size + " nodes did not agree on the network within 60 s");
  }

  private static byte[] retrieve(Bob bob, Policy policy, byte[] sealed, Narrator say)
      throws Exception {
    long t0 = System.nanoTime();
    MessageKit kit = SealedMessage.readHeader(new ByteArrayInputStream(sealed));
    Retrieval r = bob.retrieve(policy.treasureMap(), List.of(kit));
    byte[] plain = r.decrypt(0, sealed);
    say.item(
        "cfrags verified and combined in "
            + ms(t0)
            + (r.misbehavingNodes().isEmpty()
                ? ""
                : "; dropped misbehaving nodes " + Addresses.join(r.misbehavingNodes().keySet())));
    RetrievalState state = r.state();
    say.note(
        "asked "
            + state.askedNodes().size()
            + " node(s); "
            + state.cfrags(kit.capsule()).size()
            + " verified cfrag(s) for the capsule, "
            + policy.terms().terms().threshold()
            + " needed");
    return plain;
  }

  private static void check(Narrator say, byte[] opened, byte[] expected) {
    String first = new String(opened, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    say.item(
        (Arrays.equals(opened, expected) ? "decrypted correctly: " : "MISMATCH: ")
            + "\""
            + first
            + "\" …");
  }

  private static byte[] report() {
    String lines =
        java.util.stream.IntStream.range(0, 2000)
            .mapToObj(
                i ->
                    String.format(
                        "%04d  revenue %,12d  cost %,12d",
                        i, 1_000_000 + 37L * i, 600_000 + 11L * i))
            .collect(Collectors.joining("\n"));
    return ("Q3 financials — confidential\n" + lines + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String ms(long t0) {
    return String.format("%.0f ms", (System.nanoTime() - t0) / 1e6);
  }

  private static String firstClause(String message) {
    int cut = message.indexOf(';');
    return cut > 0 ? message.substring(0, cut) : message;
  }

  private static void deleteTree(Path root) {
    try (var paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      // best effort: a temp dir left behind is harmless
    }
  }
}
