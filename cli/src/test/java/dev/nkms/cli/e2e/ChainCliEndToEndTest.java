package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.chain.Chain;
import dev.nkms.chain.DevChain;
import dev.nkms.chain.Economics;
import dev.nkms.cli.CliRunner;
import dev.nkms.cli.chain.ChainCommand;
import dev.nkms.client.alice.Policy;
import dev.nkms.crypto.RandomSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on chain: a dev chain with the contracts, three node processes whose registry is
 * the staking contract and who refuse unpaid kfrags; Alice pays when granting and is refunded when
 * revoking; operators see their stakes and rewards; bad evidence files get clear errors.
 *
 * <p>Why this file is long: one dev chain and one network of real node processes serve every case;
 * the cases are the economic story in order.
 */
class ChainCliEndToEndTest {
  @TempDir static Path dir;
  private static DevChain devChain;
  private static Chain chain;
  private static Path deployment;
  private static LocalNetwork network;

  @BeforeAll
  static void start() throws Exception {
    devChain = DevChain.start(DevChain.findTools());
    chain = Chain.connect(devChain.url());
    deployment = dir.resolve("deployment.json");
    ChainCommand.deploy(chain, LocalNetwork.DOMAIN, Economics.defaults()).save(deployment);
    network = new LocalNetwork(dir.resolve("network"), dev.nkms.cli.Main.class.getName());
    try {
      network.up(3, Optional.of(deployment), TestNetworks.START_TIMEOUT, line -> {});
    } catch (Exception | Error e) {
      TestNetworks.stop(network);
      throw e;
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (network != null) {
      TestNetworks.stop(network);
    }
    if (chain != null) {
      chain.close();
    }
    if (devChain != null) {
      devChain.close();
    }
  }

  @Test
  void aPaidGrantIsServedAndRevokingRefundsTheUnusedTime(@TempDir Path work) throws Exception {
    Path pass =
        Files.writeString(
            work.resolve("pass"), "correct horse battery staple\n", StandardCharsets.UTF_8);
    Path aliceKeys = work.resolve("alice.keys");
    Path bobKeys = work.resolve("bob.keys");
    ok(
        CliRunner.run(
            "keys",
            "generate",
            "--out",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString()));
    ok(
        CliRunner.run(
            "keys", "generate", "--out", bobKeys.toString(), "--passphrase-file", pass.toString()));
    String net = network.dir().toString();

    CliRunner unpaid =
        CliRunner.run(
            "alice",
            "grant",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--bob",
            work.resolve("bob.card").toString(),
            "--label",
            "unpaid",
            "-m",
            "2",
            "-n",
            "3",
            "--expires",
            "30d",
            "--network",
            net,
            "--store",
            work.resolve("unpaid-store").toString(),
            "--map-out",
            work.resolve("unpaid.map").toString());
    assertThat(unpaid.exitCode).as(unpaid.toString()).isEqualTo(1);
    assertThat(unpaid.err.lines().toList()).as(unpaid.toString()).hasSize(1);
    assertThat(unpaid.err)
        .as(unpaid.toString())
        .contains("take only paid policies: grant again with --pay ETH")
        .doesNotContain("not paid for this node");
    CliRunner unpaidVerbose =
        CliRunner.run(
            "alice",
            "grant",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--bob",
            work.resolve("bob.card").toString(),
            "--label",
            "unpaid",
            "-m",
            "2",
            "-n",
            "3",
            "--expires",
            "30d",
            "--network",
            net,
            "--store",
            work.resolve("unpaid-store").toString(),
            "--map-out",
            work.resolve("unpaid.map").toString(),
            "--verbose");
    assertThat(unpaidVerbose.err)
        .as(unpaidVerbose.toString())
        .contains("payment-required")
        .contains("not paid for this node");

    Path map = work.resolve("bob.map");
    java.time.Instant paidAt =
        chain.now(); // the chain's clock: other tests move it ahead of the wall clock
    CliRunner grant =
        CliRunner.run(
            "alice",
            "grant",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--bob",
            work.resolve("bob.card").toString(),
            "--label",
            "paid",
            "-m",
            "2",
            "-n",
            "3",
            "--expires",
            "30d",
            "--network",
            net,
            "--store",
            work.resolve("store").toString(),
            "--map-out",
            map.toString(),
            "--pay",
            "0.3",
            "--chain",
            deployment.toString());
    ok(grant);
    assertThat(grant.err).contains("paid 0.3 ETH for policy").contains("to 3 nodes");

    CliRunner key =
        CliRunner.run(
            "alice",
            "policy-key",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--label",
            "paid");
    ok(key);
    Path plain = Files.write(work.resolve("plain"), RandomSource.secure().nextBytes(10_000));
    Path sealed = work.resolve("sealed");
    ok(
        CliRunner.run(
            "enrico",
            "encrypt",
            "--policy-key",
            key.out.strip(),
            "--in",
            plain.toString(),
            "--out",
            sealed.toString()));
    Path out = work.resolve("out");
    ok(
        CliRunner.run(
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            map.toString(),
            "--network",
            net,
            "--in",
            sealed.toString(),
            "--out",
            out.toString(),
            "--evidence-dir",
            work.resolve("evidence").toString()));
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(plain));
    assertThat(work.resolve("evidence")).doesNotExist(); // honest nodes: nothing to report

    chain.increaseTime(Duration.ofDays(3));
    Path policy;
    try (var files = Files.list(work.resolve("store"))) {
      policy = files.filter(p -> p.toString().endsWith(".policy")).findFirst().orElseThrow();
    }
    CliRunner revoke =
        CliRunner.run(
            "alice",
            "revoke",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--policy",
            policy.toString(),
            "--refund",
            "--chain",
            deployment.toString());
    ok(revoke);
    // (1 − t/T)·f with t = 3 days and T = expiry − payment time on the chain's clock, up to the
    // seconds the test took
    dev.nkms.client.alice.PolicyRecord record = dev.nkms.client.alice.PolicyBook.read(policy);
    assertThat(record.state()).isEqualTo(dev.nkms.client.alice.PolicyRecord.State.REVOKED);
    assertThat(record.isRefunded()).isTrue();
    java.time.Instant expiry = record.terms().terms().expiry();
    double t = Duration.ofDays(3).toSeconds();
    double T = Duration.between(paidAt, expiry).toSeconds();
    String refunded =
        revoke.out.lines().filter(l -> l.contains("refunded")).findFirst().orElseThrow();
    double eth = Double.parseDouble(refunded.replaceAll(".*refunded ([0-9.]+) ETH.*", "$1"));
    assertThat(eth)
        .isCloseTo(0.3 * (1 - t / T), org.assertj.core.data.Offset.offset(0.3 * 120 / T));

    // The nodes withdraw their fees on their own (every few seconds in a local network): each is
    // paid its 3 days.
    dev.nkms.chain.Deployment d = dev.nkms.chain.Deployment.load(deployment);
    var contract =
        chain.load(
            dev.nkms.chain.contracts.PolicyManager::load, d.policies(), DevChain.account(23));
    Policy granted = record.policy().orElseThrow();
    for (dev.nkms.protocol.NodeAddress node : granted.nodes().keySet()) {
      java.math.BigInteger accrued =
          Chain.call(contract.accrued(granted.hrac().toBytes(), node.toHex()));
      java.math.BigInteger paid =
          awaitValue(
              () -> {
                java.math.BigInteger p =
                    Chain.call(contract.arrangement(granted.hrac().toBytes(), node.toHex()))
                        .component3();
                return p.equals(accrued) ? p : null;
              });
      assertThat(paid).as("node %s withdrew everything it earned", node).isPositive();
    }
  }

  @Test
  void operatorsSeeTheirStakeAndRewards() throws Exception {
    String d = deployment.toString();
    CliRunner status = CliRunner.run("stake", "status", "--chain", d, "--account", "2");
    ok(status);
    assertThat(status.out).contains("staked       20000 NKMS").contains("node         0x");

    chain.increaseTime(Duration.ofDays(1));
    CliRunner rewards = CliRunner.run("rewards", "--chain", d, "--account", "2");
    ok(rewards);
    assertThat(rewards.out).contains("unclaimed reward ").doesNotContain("unclaimed reward 0 NKMS");
    CliRunner claim = CliRunner.run("rewards", "--claim", "--chain", d, "--account", "2");
    ok(claim);
    assertThat(claim.out).startsWith("claimed ");
    chain.increaseTime(Duration.ofDays(1)); // a reward to claim again, with --json
    for (String[] json :
        List.of(
            new String[] {"stake", "status"},
            new String[] {"rewards"},
            new String[] {"rewards", "--claim"})) {
      List<String> args = new java.util.ArrayList<>(List.of(json));
      args.addAll(List.of("--chain", d, "--account", "2", "--json"));
      CliRunner r = CliRunner.run(args.toArray(String[]::new));
      ok(r);
      dev.nkms.cli.JsonKeys.check(String.join(" ", json), r.out);
    }

    CliRunner locked =
        CliRunner.run("stake", "withdraw", "--amount", "1", "--chain", d, "--account", "2");
    assertThat(locked.exitCode).as(locked.toString()).isEqualTo(1);
    assertThat(locked.err).contains("still locked");
  }

  @Test
  void aFreshNodeIsStakedFromItsDataDirectory(@TempDir Path work) throws Exception {
    // On a chain of its own: a staked node that never runs would join the shared network's health
    // rounds.
    try (OwnChain own = OwnChain.start(work)) {
      String d = own.deployment().toString();
      Path pass =
          Files.writeString(work.resolve("pass"), "node passphrase\n", StandardCharsets.UTF_8);
      Path nodeDir = work.resolve("node");
      ok(
          CliRunner.run(
              "node",
              "init",
              "--data-dir",
              nodeDir.toString(),
              "--passphrase-file",
              pass.toString()));
      CliRunner deposit =
          CliRunner.run(
              "stake",
              "deposit",
              "--data-dir",
              nodeDir.toString(),
              "--passphrase-file",
              pass.toString(),
              "--amount",
              "15000",
              "--lock",
              "30d",
              "--chain",
              d,
              "--account",
              "9");
      ok(deposit);
      assertThat(deposit.out).containsPattern("sent 0\\.1 ETH to node 0x[0-9a-f]{40} for its gas");
      String node = deposit.out.replaceAll("(?s).*to node (0x[0-9a-f]{40}).*", "$1");
      assertThat(own.chain().balance(node)).isEqualTo(java.math.BigInteger.TEN.pow(17));
      CliRunner fresh = CliRunner.run("stake", "status", "--chain", d, "--account", "9");
      ok(fresh);
      assertThat(fresh.out).contains("staked       15000 NKMS").contains("node         " + node);
      // A second deposit finds the node's gas still there and sends none.
      CliRunner more =
          CliRunner.run(
              "stake",
              "deposit",
              "--data-dir",
              nodeDir.toString(),
              "--passphrase-file",
              pass.toString(),
              "--amount",
              "1",
              "--lock",
              "30d",
              "--chain",
              d,
              "--account",
              "9");
      ok(more);
      assertThat(more.out).doesNotContain("sent ");

      // The node sends its own transactions: running it with an operator's account is a mistake,
      // said plainly.
      CliRunner asOperator =
          CliRunner.run(
              "node",
              "run",
              "--data-dir",
              nodeDir.toString(),
              "--passphrase-file",
              pass.toString(),
              "--chain",
              d,
              "--account",
              "9");
      assertThat(asOperator.exitCode).as(asOperator.toString()).isEqualTo(2);
      assertThat(asOperator.err).contains("a node sends its transactions with its own key");
    }
  }

  @Test
  void theNodesRunAHealthRoundThemselvesAndJudgeEachOtherHealthy() throws Exception {
    dev.nkms.chain.Deployment d = dev.nkms.chain.Deployment.load(deployment);
    dev.nkms.chain.HealthRoundClient rounds =
        new dev.nkms.chain.HealthRoundClient(chain, d, DevChain.account(23));
    // The node processes open, commit, reveal and close on their own; the test only mines blocks
    // (time on chain).
    dev.nkms.chain.HealthRoundClient.Round round =
        awaitValue(() -> rounds.latestRound().orElse(null));
    awaitValue(
        () ->
            round.phaseAt(chain.blockNumber() + 1, rounds.roundBlocks())
                        != dev.nkms.chain.HealthRoundClient.Phase.COMMIT
                    || allCheckers(
                        rounds, round, dev.nkms.chain.HealthRoundClient.Ballot::committed)
                ? Boolean.TRUE
                : null);
    long h = rounds.roundBlocks();
    chain.mine((int) Math.max(0, round.openBlock() + h / 2 - chain.blockNumber()));
    java.util.Map<dev.nkms.protocol.NodeAddress, dev.nkms.chain.HealthRoundClient.Verdict>
        verdicts =
            awaitValue(
                () -> {
                  long due = round.openBlock() + h - chain.blockNumber();
                  if (due > 0
                      && rounds.phase(round.number())
                          == dev.nkms.chain.HealthRoundClient.Phase.REVEAL
                      && allCheckers(
                          rounds, round, dev.nkms.chain.HealthRoundClient.Ballot::revealed)) {
                    chain.mine((int) due);
                  }
                  return rounds.phase(round.number())
                          == dev.nkms.chain.HealthRoundClient.Phase.CLOSED
                      ? rounds.verdicts(round.number())
                      : null;
                });
    assertThat(verdicts.keySet()).containsExactlyElementsOf(round.checked());
    assertThat(verdicts.values()).containsOnly(dev.nkms.chain.HealthRoundClient.Verdict.HEALTHY);
  }

  /**
   * Whether every checker of a round has cast a ballot that passes {@code done} (committed,
   * revealed).
   */
  private static boolean allCheckers(
      dev.nkms.chain.HealthRoundClient rounds,
      dev.nkms.chain.HealthRoundClient.Round r,
      java.util.function.Predicate<dev.nkms.chain.HealthRoundClient.Ballot> done)
      throws Exception {
    for (dev.nkms.protocol.NodeAddress c : r.checkers()) {
      if (!done.test(rounds.ballot(r.number(), c.toHex()))) {
        return false;
      }
    }
    return true;
  }

  interface Probe<T> {
    T get() throws Exception;
  }

  /** Polls (other processes act) until the probe answers, for at most 60 s. */
  private static <T> T awaitValue(Probe<T> probe) throws Exception {
    java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(60));
    while (java.time.Instant.now().isBefore(deadline)) {
      T v = probe.get();
      if (v != null) {
        return v;
      }
      Thread.sleep(200); // polling other processes, not waiting for time
    }
    throw new AssertionError("the nodes did not get there within 60 s");
  }

  @Test
  void aLeakedKfragIsProvenFromTheCommandLineOnceAndGarbageGetsClearErrors(@TempDir Path work)
      throws Exception {
    // On a chain of its own: the challenge slashes and closes an arrangement the shared network's
    // tests do not expect.
    try (OwnChain own = OwnChain.start(work)) {
      String d = own.deployment().toString();
      dev.nkms.chain.Deployment deployed = dev.nkms.chain.Deployment.load(own.deployment());
      dev.nkms.crypto.keys.SecretKey node = dev.nkms.crypto.keys.SecretKey.random();
      new dev.nkms.chain.Staking(own.chain(), deployed, DevChain.account(1))
          .deposit(
              new dev.nkms.crypto.keys.Signer(node),
              Economics.tokens(20_000),
              own.chain().now().plus(Duration.ofDays(60)));
      dev.nkms.crypto.keys.SecretKey alice = dev.nkms.crypto.keys.SecretKey.random();
      dev.nkms.crypto.keys.PublicKey bob = dev.nkms.crypto.keys.SecretKey.random().publicKey();
      var kfrags =
          dev.nkms.crypto.umbral.Umbral.generateKFrags(
              alice,
              bob,
              new dev.nkms.crypto.keys.Signer(dev.nkms.crypto.keys.SecretKey.random()),
              1,
              2,
              true,
              true);
      dev.nkms.protocol.Hrac hrac =
          dev.nkms.protocol.Hrac.derive(
              alice.publicKey(),
              dev.nkms.protocol.Hrac.newNonce(dev.nkms.crypto.RandomSource.secure()));
      dev.nkms.protocol.NodeAddress address = dev.nkms.protocol.NodeAddress.of(node.publicKey());
      new dev.nkms.chain.PolicyPayments(own.chain(), deployed, DevChain.account(20))
          .pay(
              hrac,
              own.chain().now().plus(Duration.ofDays(30)),
              java.util.List.of(address),
              java.util.List.of(kfrags.get(0).toBytes()),
              alice.publicKey(),
              alice.publicKey(),
              bob,
              java.math.BigInteger.TEN.pow(18)); // 1 ETH
      own.chain().increaseTime(Duration.ofDays(10));

      Path leaked = Files.write(work.resolve("leaked.kfrag"), kfrags.get(0).toBytes());
      Path other = Files.write(work.resolve("other.kfrag"), kfrags.get(1).toBytes());
      Path shortFile = Files.write(work.resolve("short.kfrag"), new byte[100]);
      Path zeros =
          Files.write(
              work.resolve("zeros.kfrag"),
              new byte[dev.nkms.crypto.umbral.KeyFrag.SERIALIZED_LENGTH]);
      String[] base = {
        "evidence", "leaked-key", "--policy", hrac.toHex(), "--node", address.toHex(), "--chain", d
      };

      CliRunner tooShort = CliRunner.run(with(base, "--kfrag", shortFile.toString()));
      assertThat(tooShort.exitCode).as(tooShort.toString()).isEqualTo(2);
      assertThat(tooShort.err).contains("is 100 bytes; a serialized kfrag is 310");
      CliRunner notKfrag = CliRunner.run(with(base, "--kfrag", zeros.toString()));
      assertThat(notKfrag.exitCode).as(notKfrag.toString()).isEqualTo(2);
      assertThat(notKfrag.err).contains("is not a kfrag");
      CliRunner badPolicy =
          CliRunner.run(
              "evidence",
              "leaked-key",
              "--policy",
              "xyz",
              "--node",
              address.toHex(),
              "--kfrag",
              leaked.toString(),
              "--chain",
              d);
      assertThat(badPolicy.exitCode).as(badPolicy.toString()).isEqualTo(2);
      CliRunner wrong = CliRunner.run(with(base, "--kfrag", other.toString()));
      assertThat(wrong.exitCode).as(wrong.toString()).isEqualTo(1);
      assertThat(wrong.err).contains("these bytes are not the node's kfrag");

      CliRunner proven = CliRunner.run(with(base, "--kfrag", leaked.toString()));
      ok(proven);
      // 10 of 30 days earned: α = ½ of ⅓ ETH to the challenger, ⅔ ETH back to Alice (to the wei, up
      // to seconds).
      assertThat(proven.out)
          .contains("leak proven: node " + address + " slashed 1000 NKMS")
          .contains("challenger paid 0.1666")
          .contains("owner refunded 0.6666");
      CliRunner status = CliRunner.run("stake", "status", "--chain", d, "--account", "1");
      ok(status);
      assertThat(status.out).contains("staked       19000 NKMS");
      CliRunner again = CliRunner.run(with(base, "--kfrag", leaked.toString()));
      assertThat(again.exitCode).as(again.toString()).isEqualTo(1);
      assertThat(again.err).contains("already challenged");
    }
  }

  private static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /**
   * A dev chain of one test's own, deployed and with the operators funded like `nkms chain dev`
   * does.
   */
  private record OwnChain(DevChain devChain, Chain chain, Path deployment)
      implements AutoCloseable {
    static OwnChain start(Path work) throws Exception {
      DevChain dev = DevChain.start(DevChain.findTools());
      try {
        Chain c = Chain.connect(dev.url());
        Path file = work.resolve("deployment.json");
        ChainCommand.deploy(c, LocalNetwork.DOMAIN, Economics.defaults()).save(file);
        return new OwnChain(dev, c, file);
      } catch (Exception | Error e) {
        dev.close();
        throw e;
      }
    }

    @Override
    public void close() {
      chain.close();
      devChain.close();
    }
  }

  @Test
  void evidenceThatIsNotEvidenceGetsAClearError(@TempDir Path work) throws Exception {
    Path garbage = Files.writeString(work.resolve("e.json"), "not json", StandardCharsets.UTF_8);
    CliRunner r =
        CliRunner.run(
            "evidence", "submit", "--file", garbage.toString(), "--chain", deployment.toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
    assertThat(r.err).contains("is not JSON");
    CliRunner missing =
        CliRunner.run(
            "evidence",
            "submit",
            "--file",
            work.resolve("none.json").toString(),
            "--chain",
            deployment.toString());
    assertThat(missing.exitCode).isEqualTo(2);
    assertThat(missing.err).contains("no such evidence file");
    CliRunner noChain =
        CliRunner.run(
            "stake",
            "status",
            "--chain",
            work.resolve("nowhere.json").toString(),
            "--account",
            "1");
    assertThat(noChain.exitCode).isEqualTo(2);
    assertThat(noChain.err).contains("no deployment file");
  }

  private static void ok(CliRunner r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.err).as(r.toString()).doesNotContain("nkms: ").doesNotContain("Exception");
  }
}
