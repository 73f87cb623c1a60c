package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.cli.CliRunner;
import dev.nkms.cli.ExitCode;
import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.crypto.RandomSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy's life through the command line against four real node processes: the bugs of issue 10
 * as a user met them — a label burned by one revocation, a failed grant burning the label, records
 * that lied (renewing a revoked policy, revoking twice, a refund failing after the nodes revoked),
 * -n larger than the network. The last test kills a node, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolicyLifecycleCliTest {
  private static final String PASS = "correct horse battery staple";
  @TempDir static Path dir;
  private static LocalNetwork network;
  private static Path pass;
  private static Path aliceKeys;
  private static Path bobKeys;
  private static Path bobCard;
  private static Path plain;

  @BeforeAll
  static void start() throws Exception {
    network = TestNetworks.start(dir.resolve("network"), 4);
    pass = Files.writeString(dir.resolve("pass"), PASS + "\n", StandardCharsets.UTF_8);
    aliceKeys = dir.resolve("alice.keys");
    bobKeys = dir.resolve("bob.keys");
    ok(
        cli(
            "keys",
            "generate",
            "--out",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString()));
    ok(cli("keys", "generate", "--out", bobKeys.toString(), "--passphrase-file", pass.toString()));
    bobCard = dir.resolve("bob.card");
    plain = dir.resolve("plain.bin");
    Files.write(plain, RandomSource.secure().nextBytes(100_000));
  }

  @AfterAll
  static void stop() throws IOException {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  @Test
  @Order(1)
  void aLabelRevokedOnceCanBeGrantedAgainAndOpensWhatWasEncryptedBefore(@TempDir Path work)
      throws Exception {
    Path store = work.resolve("store");
    Path sealed = encrypt("lab-results", work);
    Path map1 = work.resolve("bob1.map");
    ok(grant(store, "lab-results", 2, 3, map1));
    Path first = onlyRecord(store);
    ok(revoke(first, store));

    Path map2 = work.resolve("bob2.map");
    ok(grant(store, "lab-results", 2, 3, map2)); // failed with 410 revoked at every node before
    assertThat(records(store)).hasSize(2);
    ok(retrieve(map2, sealed, work.resolve("out2")));
    assertThat(Files.readAllBytes(work.resolve("out2"))).isEqualTo(Files.readAllBytes(plain));

    CliRunner old = retrieve(map1, sealed, work.resolve("out1"));
    assertThat(old.exitCode).as(old.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(old.err).contains("revoked");
    assertThat(work.resolve("out1")).doesNotExist();
  }

  @Test
  @Order(2)
  void revokingTwiceKeepsOneRecordAndARevokedPolicyIsNotRenewed(@TempDir Path work)
      throws Exception {
    Path store = work.resolve("store");
    ok(grant(store, "x-rays", 2, 3, work.resolve("bob.map")));
    Path record = onlyRecord(store);
    CliRunner revoked = revoke(record, store);
    ok(revoked);
    assertThat(revoked.out).contains("revoked at all 3 node(s)");
    PolicyRecord afterRevoke = PolicyBook.read(record);
    assertThat(afterRevoke.state()).isEqualTo(PolicyRecord.State.REVOKED);
    assertThat(afterRevoke.receipts()).hasSize(3);

    CliRunner again =
        revoke(record, store); // wrote .policy.revoked.revoked, which then vanished from the list
    ok(again);
    assertThat(again.out).contains("already revoked").contains("3 signed receipt(s)");
    assertThat(records(store)).containsExactly(record);
    assertThat(PolicyBook.read(record)).isEqualTo(afterRevoke);

    byte[] before = Files.readAllBytes(record);
    CliRunner renew =
        cli(
            "alice",
            "renew",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--policy",
            record.toString(),
            "--expires",
            "60d");
    oneLineError(
        renew, ExitCode.FAILED); // said "renewed at 0 of 3 nodes" and rewrote the file as active
    assertThat(renew.err).contains("cannot be renewed: it is revoked");
    assertThat(Files.readAllBytes(record)).isEqualTo(before);

    CliRunner listed = cli("alice", "policies", "--store", store.toString());
    ok(listed);
    assertThat(listed.out).contains("x-rays").contains("revoked").doesNotContain("active");
    CliRunner checked =
        cli(
            "alice",
            "policies",
            "--store",
            store.toString(),
            "--check",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString());
    ok(checked);
    assertThat(checked.out).contains("revoked  (nodes agree)");
    CliRunner json = cli("alice", "policies", "--store", store.toString(), "--json");
    ok(json);
    assertThat(json.out).contains("\"state\":\"revoked\"").contains("\"revoked_at\"");
  }

  @Test
  @Order(3)
  void aSecondGrantOfALiveLabelToTheSameBobIsRefusedWithAdvice(@TempDir Path work)
      throws Exception {
    Path store = work.resolve("store");
    ok(grant(store, "genome", 1, 2, work.resolve("a.map")));
    Path record = onlyRecord(store);
    CliRunner twice = grant(store, "genome", 1, 2, work.resolve("b.map"));
    oneLineError(twice, ExitCode.FAILED);
    assertThat(twice.err)
        .contains("already granted to this Bob")
        .contains("renew it")
        .contains("revoke it");
    assertThat(records(store)).containsExactly(record);
    assertThat(work.resolve("b.map")).doesNotExist();

    CliRunner renewed =
        cli(
            "alice",
            "renew",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--policy",
            PolicyBook.read(record).hrac().toHex(),
            "--store",
            store.toString(),
            "--expires",
            "60d");
    ok(renewed);
    assertThat(renewed.out).contains("at 2 of 2 node(s)");
    assertThat(PolicyBook.read(record).terms().terms().revision()).isEqualTo(1);
  }

  @Test
  @Order(4)
  void moreSharesThanTheNetworkHasFailsAtOnceWithTheCount(@TempDir Path work) throws Exception {
    CliRunner r = grant(work.resolve("store"), "too-many", 2, 5, work.resolve("m.map"));
    oneLineError(r, ExitCode.USAGE);
    assertThat(r.err)
        .contains("-n 5: the network has only 4 node(s)")
        .contains("use -n 4 or fewer");
    assertThat(work.resolve("store")).doesNotExist();
  }

  @Test
  @Order(5)
  void aRefundThatFailsAfterTheNodesRevokedKeepsTheReceipts(@TempDir Path work) throws Exception {
    Path store = work.resolve("store");
    ok(grant(store, "refund", 2, 3, work.resolve("bob.map")));
    Path record = onlyRecord(store);
    CliRunner r =
        cli(
            "alice",
            "revoke",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--policy",
            record.toString(),
            "--refund",
            "--chain",
            work.resolve("no-deployment.json").toString());
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(r.out).contains("revoked at all 3 node(s)"); // printed nothing before
    assertThat(r.err)
        .contains("the nodes' revocation is recorded, but the refund failed")
        .contains("no deployment file");
    PolicyRecord after = PolicyBook.read(record);
    assertThat(after.state()).isEqualTo(PolicyRecord.State.REVOKED); // stayed "active"
    assertThat(after.receipts()).hasSize(3);
    assertThat(after.isRefunded()).isFalse();
  }

  @Test
  @Order(6)
  void aRecordOfAnotherAliceIsRefusedBeforeAnyNodeIsAsked(@TempDir Path work) throws Exception {
    Path store = work.resolve("store");
    ok(grant(store, "mine", 1, 1, work.resolve("bob.map")));
    Path record = onlyRecord(store);
    CliRunner r =
        cli(
            "alice",
            "revoke",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--policy",
            record.toString());
    oneLineError(r, ExitCode.USAGE);
    assertThat(r.err).contains("granted by another Alice");
    assertThat(PolicyBook.read(record).state()).isEqualTo(PolicyRecord.State.ACTIVE);
  }

  @Test
  @Order(10)
  void aGrantThatFailsHalfwayRevokesWhatItPlacedAndARetryWorks(@TempDir Path work)
      throws Exception {
    Path store = work.resolve("store");
    Path watched = work.resolve("watched");
    ok(grant(watched, "watched", 1, 4, work.resolve("watched.map")));
    assertThat(network.kill(4)).isTrue();
    CliRunner check =
        cli(
            "alice",
            "policies",
            "--store",
            watched.toString(),
            "--check",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString());
    assertThat(check.exitCode).as(check.toString()).isEqualTo(ExitCode.INCOMPLETE);
    assertThat(check.out).contains("active  (nodes DISAGREE)").contains("did not answer");

    CliRunner failed = grant(store, "half", 3, 4, work.resolve("bob.map"));
    oneLineError(failed, ExitCode.FAILED);
    assertThat(failed.err)
        .contains("the grant placed 3 of 4 kfrags")
        .contains("the 3 kfrag(s) it placed were revoked (receipts kept)")
        .contains("grant again");
    assertThat(work.resolve("bob.map")).doesNotExist();
    Path record = onlyRecord(store);
    PolicyRecord r = PolicyBook.read(record);
    assertThat(r.state()).isEqualTo(PolicyRecord.State.FAILED);
    assertThat(r.receipts()).hasSize(3);

    CliRunner verbose = grant(store, "half", 3, 4, work.resolve("bob.map"), "--verbose");
    assertThat(verbose.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(verbose.err.lines().count()).as(verbose.toString()).isGreaterThan(1);

    // Refused 409 stale-terms at the three nodes before: the label stayed burned until expiry.
    Path sealed = encrypt("half", work);
    ok(grant(store, "half", 3, 3, work.resolve("bob.map")));
    ok(retrieve(work.resolve("bob.map"), sealed, work.resolve("out")));
    assertThat(Files.readAllBytes(work.resolve("out"))).isEqualTo(Files.readAllBytes(plain));
    CliRunner listed = cli("alice", "policies", "--store", store.toString());
    assertThat(listed.out.lines().filter(l -> l.contains(" failed")).count())
        .as(listed.out)
        .isEqualTo(2);
    assertThat(listed.out.lines().filter(l -> l.contains(" active")).count())
        .as(listed.out)
        .isEqualTo(1);
  }

  // ------------------------------------------------------------------------------------------------------ helpers

  private static CliRunner grant(
      Path store, String label, int m, int n, Path map, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "alice",
                "grant",
                "--keys",
                aliceKeys.toString(),
                "--passphrase-file",
                pass.toString(),
                "--bob",
                bobCard.toString(),
                "--label",
                label,
                "-m",
                Integer.toString(m),
                "-n",
                Integer.toString(n),
                "--expires",
                "30d",
                "--network",
                network.dir().toString(),
                "--store",
                store.toString(),
                "--map-out",
                map.toString()));
    args.addAll(List.of(extra));
    return cli(args.toArray(String[]::new));
  }

  private static CliRunner revoke(Path record, Path store) {
    return cli(
        "alice",
        "revoke",
        "--keys",
        aliceKeys.toString(),
        "--passphrase-file",
        pass.toString(),
        "--policy",
        record.toString(),
        "--store",
        store.toString(),
        "--network",
        network.dir().toString());
  }

  private static CliRunner retrieve(Path map, Path sealed, Path out) {
    return cli(
        "bob",
        "retrieve",
        "--keys",
        bobKeys.toString(),
        "--passphrase-file",
        pass.toString(),
        "--map",
        map.toString(),
        "--network",
        network.dir().toString(),
        "--in",
        sealed.toString(),
        "--out",
        out.toString());
  }

  private static Path encrypt(String label, Path work) {
    CliRunner key =
        cli(
            "alice",
            "policy-key",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--label",
            label);
    ok(key);
    Path sealed = work.resolve(label + ".sealed");
    ok(
        cli(
            "enrico",
            "encrypt",
            "--policy-key",
            key.out.strip(),
            "--in",
            plain.toString(),
            "--out",
            sealed.toString()));
    return sealed;
  }

  private static Path onlyRecord(Path store) throws IOException {
    List<Path> all = records(store);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  private static List<Path> records(Path store) throws IOException {
    try (Stream<Path> s = Files.list(store)) {
      return s.sorted().toList();
    }
  }

  private static CliRunner cli(String... args) {
    return CliRunner.run(args);
  }

  private static void ok(CliRunner r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.err).as(r.toString()).doesNotContain("nkms: ").doesNotContain("Exception");
  }

  private static void oneLineError(CliRunner r, int exitCode) {
    assertThat(r.exitCode).as(r.toString()).isEqualTo(exitCode);
    assertThat(r.err.lines().toList()).as(r.toString()).hasSize(1);
    assertThat(r.err)
        .as(r.toString())
        .startsWith("nkms: ")
        .doesNotContain("internal error")
        .doesNotContain("Exception");
  }
}
