package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nkms.app.network.LocalNetwork;
import dev.nkms.cli.CliRunner;
import dev.nkms.cli.JsonKeys;
import dev.nkms.client.alice.Policy;
import dev.nkms.client.alice.PolicyBook;
import dev.nkms.client.alice.PolicyRecord;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keystore.Keystore;
import dev.nkms.protocol.keys.AliceKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The nkms command line, in-process (CliRunner), against three real node processes: keys, grant,
 * policy key, encrypt, retrieve, revoke, list, and the error paths a user meets.
 *
 * <p>Why this file is long: one network of real node processes serves every case; the cases are a
 * user's session with the CLI in order.
 */
class CliEndToEndTest {
  @TempDir static Path dir;
  private static LocalNetwork network;
  private static Path nodes;

  @BeforeAll
  static void startNetwork() throws Exception {
    network = TestNetworks.start(dir.resolve("network"), 3);
    nodes = network.dir();
  }

  @AfterAll
  static void stopNetwork() throws IOException {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  @Test
  void grantEncryptRetrieveRevokeThroughTheCli(@TempDir Path work) throws Exception {
    Path pass = write(work.resolve("pass"), "correct horse battery staple\n");
    Path aliceKeys = work.resolve("alice.keys");
    Path bobKeys = work.resolve("bob.keys");
    Path store = work.resolve("alice-store");
    Path map = work.resolve("bob.map");
    String label = "medical-records";

    ok(
        cli(
            "keys",
            "generate",
            "--out",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString()));
    ok(cli("keys", "generate", "--out", bobKeys.toString(), "--passphrase-file", pass.toString()));
    assertThat(work.resolve("alice.card")).isRegularFile();
    assertThat(work.resolve("bob.card")).isRegularFile();
    assertThat(Files.readString(aliceKeys, StandardCharsets.UTF_8)).doesNotContain("correct horse");

    ok(
        cli(
            "alice",
            "grant",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--bob",
            work.resolve("bob.card").toString(),
            "--label",
            label,
            "-m",
            "2",
            "-n",
            "3",
            "--expires",
            "30d",
            "--network",
            nodes.toString(),
            "--store",
            store.toString(),
            "--map-out",
            map.toString()));
    assertThat(map).isRegularFile();
    List<Path> policies = list(store);
    assertThat(policies).hasSize(1);
    Path policyFile = policies.get(0);
    assertThat(policyFile.getFileName().toString()).endsWith(".policy");
    Policy policy = PolicyBook.read(policyFile).policy().orElseThrow();
    assertThat(policy.label()).isEqualTo(label);
    assertThat(policy.nodes()).hasSize(3);
    assertThat(policy.terms().terms().threshold()).isEqualTo(2);

    Cli keyOut =
        cli(
            "alice",
            "policy-key",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--label",
            label);
    ok(keyOut);
    String policyKey = keyOut.out.strip();
    assertThat(policyKey)
        .isEqualTo(policyKeyHex(aliceKeys, "correct horse battery staple", label))
        .isEqualTo(policy.terms().terms().policyEncryptingKey().toHex());

    Path plain = work.resolve("plain.bin");
    Files.write(plain, RandomSource.secure().nextBytes(200_000)); // four 64 KiB chunks
    Path sealed = work.resolve("plain.bin.nkms");
    ok(
        cli(
            "enrico",
            "encrypt",
            "--policy-key",
            policyKey,
            "--in",
            plain.toString(),
            "--out",
            sealed.toString()));
    assertThat(Files.size(sealed)).isGreaterThan(Files.size(plain));

    Path out = work.resolve("decrypted.bin");
    ok(
        cli(
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            map.toString(),
            "--network",
            nodes.toString(),
            "--in",
            sealed.toString(),
            "--out",
            out.toString()));
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(plain));

    Cli listed = cli("alice", "policies", "--store", store.toString());
    ok(listed);
    assertThat(listed.out).contains(label).contains("2-of-3").contains("active");

    ok(
        cli(
            "alice",
            "revoke",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--policy",
            policyFile.toString()));
    assertThat(list(store))
        .containsExactly(policyFile); // one record per grant; its state says revoked
    assertThat(PolicyBook.read(policyFile).state()).isEqualTo(PolicyRecord.State.REVOKED);

    Path again = work.resolve("again.bin");
    Cli refused =
        cli(
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            map.toString(),
            "--network",
            nodes.toString(),
            "--in",
            sealed.toString(),
            "--out",
            again.toString());
    oneLineError(refused, 1);
    assertThat(refused.err).contains("revoked");
    assertThat(again).doesNotExist();
    assertThat(work.resolve("again.bin.tmp")).doesNotExist();

    // The revoked policy is still listed (as revoked); the command reads every file in the store.
    ok(cli("alice", "policies", "--store", store.toString()));

    // Error paths: one line on stderr, the documented exit code, no stack trace.
    Path missing = work.resolve("missing");
    oneLineError(
        cli(
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            missing.toString(),
            "--network",
            nodes.toString(),
            "--in",
            sealed.toString(),
            "--out",
            out.toString()),
        2);
    oneLineError(
        cli(
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            map.toString(),
            "--network",
            missing.toString(),
            "--in",
            sealed.toString(),
            "--out",
            out.toString()),
        2);
    oneLineError(
        cli(
            "enrico",
            "encrypt",
            "--policy-key",
            policyKey,
            "--in",
            missing.toString(),
            "--out",
            work.resolve("x").toString()),
        2);
    oneLineError(
        cli(
            "alice",
            "grant",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--bob",
            missing.toString(),
            "--label",
            "x",
            "-m",
            "1",
            "-n",
            "1",
            "--expires",
            "1d",
            "--network",
            nodes.toString(),
            "--store",
            store.toString(),
            "--map-out",
            work.resolve("m").toString()),
        2);
    oneLineError(
        cli(
            "alice",
            "policy-key",
            "--keys",
            missing.toString(),
            "--passphrase-file",
            pass.toString(),
            "--label",
            label),
        2);
    oneLineError(
        cli(
            "alice",
            "policy-key",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            missing.toString(),
            "--label",
            label),
        2);
    oneLineError(
        cli(
            "alice",
            "revoke",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--policy",
            missing.toString()),
        2);

    Path wrong = write(work.resolve("wrong-pass"), "not the passphrase\n");
    Cli wrongAlice =
        cli(
            "alice",
            "policy-key",
            "--keys",
            aliceKeys.toString(),
            "--passphrase-file",
            wrong.toString(),
            "--label",
            label);
    oneLineError(wrongAlice, 1);
    assertThat(wrongAlice.err).doesNotContain("not the passphrase");
    oneLineError(
        cli(
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            wrong.toString(),
            "--map",
            map.toString(),
            "--network",
            nodes.toString(),
            "--in",
            sealed.toString(),
            "--out",
            work.resolve("y").toString()),
        1);
    assertThat(work.resolve("y")).doesNotExist();

    // Refuses to overwrite existing keys.
    oneLineError(
        cli(
            "keys",
            "generate",
            "--out",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString()),
        2);
  }

  @Test
  void networkStatusAndCheckDescribeEveryNode() {
    Cli check = cli("network", "check", "--dir", nodes.toString());
    ok(check);
    assertThat(check.out).as(check.description).contains("3 node(s) checked, 0 unhealthy");
    assertThat(check.out.lines().filter(l -> l.endsWith("  healthy")).count())
        .as(check.description)
        .isEqualTo(3);
    assertThat(check.out).contains("challenge_policy: PASSED").contains("policy_lifecycle: PASSED");

    // Polls until the nodes have learned one another (rounds every 500 ms), then reads the table.
    Cli status = cli("network", "status", "--dir", nodes.toString());
    java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
    while (status.out.lines().filter(l -> l.startsWith("0x") && l.contains(" 2 ")).count() < 3
        && java.time.Instant.now().isBefore(deadline)) {
      status = cli("network", "status", "--dir", nodes.toString());
    }
    ok(status);
    List<String> rows = status.out.lines().filter(l -> l.startsWith("0x")).toList();
    assertThat(rows).as(status.description).hasSize(3);
    for (String row : rows) {
      assertThat(row)
          .as(status.description)
          .endsWith(" up")
          .contains(" 2 "); // each knows the two others
      assertThat(row.split("\\s+")[2]).as("stake column of " + row).matches("[1-9][0-9]*0000");
    }
    assertThat(status.out).contains("3 node process(es) running");
  }

  @Test
  void everyPolicyCommandPrintsTheDocumentedJsonKeys(@TempDir Path work) throws Exception {
    Path pass = write(work.resolve("pass"), "correct horse battery staple\n");
    Path aliceKeys = work.resolve("alice.keys");
    Path bobKeys = work.resolve("bob.keys");
    Path store = work.resolve("alice-store");
    Path map = work.resolve("bob.map");
    ok(
        cli(
            "keys",
            "generate",
            "--out",
            aliceKeys.toString(),
            "--passphrase-file",
            pass.toString()));
    ok(cli("keys", "generate", "--out", bobKeys.toString(), "--passphrase-file", pass.toString()));
    String[] alice = {"--keys", aliceKeys.toString(), "--passphrase-file", pass.toString()};

    Cli grant =
        cli(
            with(
                new String[] {"alice", "grant"},
                alice,
                "--bob",
                work.resolve("bob.card").toString(),
                "--label",
                "json",
                "-m",
                "2",
                "-n",
                "3",
                "--expires",
                "30d",
                "--network",
                nodes.toString(),
                "--store",
                store.toString(),
                "--map-out",
                map.toString(),
                "--json"));
    ok(grant);
    JsonNode granted = JsonKeys.check("alice grant", grant.out);
    assertThat(granted.get("state").asText()).isEqualTo("active");
    assertThat(granted.get("nodes")).hasSize(3);
    String policy = granted.get("policy").asText();

    Cli listed = cli("alice", "policies", "--store", store.toString(), "--json");
    ok(listed);
    assertThat(JsonKeys.check("alice policies", listed.out)).hasSize(1);
    Cli checked =
        cli(
            with(
                new String[] {"alice", "policies", "--check"},
                alice,
                "--store",
                store.toString(),
                "--json"));
    ok(checked);
    assertThat(JsonKeys.check("alice policies", checked.out).get(0).get("disagreements")).isEmpty();

    Cli renew =
        cli(
            with(
                new String[] {"alice", "renew"},
                alice,
                "--policy",
                policy,
                "--store",
                store.toString(),
                "--expires",
                "40d",
                "--json"));
    ok(renew);
    assertThat(JsonKeys.check("alice renew", renew.out).get("renewed")).hasSize(3);

    Cli key = cli(with(new String[] {"alice", "policy-key"}, alice, "--label", "json"));
    ok(key);
    Path plain = write(work.resolve("plain.txt"), "for scripts\n");
    Path sealed = work.resolve("plain.nkms");
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
    Cli retrieve =
        cli(
            "bob",
            "retrieve",
            "--keys",
            bobKeys.toString(),
            "--passphrase-file",
            pass.toString(),
            "--map",
            map.toString(),
            "--network",
            nodes.toString(),
            "--in",
            sealed.toString(),
            "--out",
            work.resolve("opened.txt").toString(),
            "--json");
    ok(retrieve);
    assertThat(JsonKeys.check("bob retrieve", retrieve.out).get("bytes").asLong())
        .isEqualTo(Files.size(plain));

    Cli revoke =
        cli(
            with(
                new String[] {"alice", "revoke"},
                alice,
                "--policy",
                policy,
                "--store",
                store.toString(),
                "--json"));
    ok(revoke);
    JsonNode revoked = JsonKeys.check("alice revoke", revoke.out);
    assertThat(revoked.get("state").asText()).isEqualTo("revoked");
    assertThat(revoked.get("unconfirmed")).isEmpty();

    Cli status = cli("network", "status", "--dir", nodes.toString(), "--json");
    ok(status);
    assertThat(JsonKeys.check("network status", status.out).get("up").asInt()).isEqualTo(3);
    Cli check = cli("network", "check", "--dir", nodes.toString(), "--json");
    ok(check);
    assertThat(JsonKeys.check("network check", check.out).get("unhealthy").asInt()).isZero();
  }

  private static String[] with(String[] command, String[] keys, String... rest) {
    List<String> all = new java.util.ArrayList<>(List.of(command));
    all.addAll(List.of(keys));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  // ------------------------------------------------------------------------------------------------------ helpers

  /** What CliRunner captured. */
  private static final class Cli {
    final int exitCode;
    final String out;
    final String err;
    final String description;

    Cli(int exitCode, String out, String err, String description) {
      this.exitCode = exitCode;
      this.out = out;
      this.err = err;
      this.description = description;
    }
  }

  private static Cli cli(String... args) {
    CliRunner r = CliRunner.run(args);
    return new Cli(r.exitCode, r.out, r.err, "nkms " + String.join(" ", args) + "\n" + r);
  }

  private static void ok(Cli r) {
    assertThat(r.exitCode).as(r.description).isZero();
    // stderr may carry progress lines, never an error
    assertThat(r.err).as(r.description).doesNotContain("nkms: ").doesNotContain("Exception");
  }

  private static void oneLineError(Cli r, int exitCode) {
    assertThat(r.exitCode).as(r.description).isEqualTo(exitCode);
    assertThat(r.err.lines().toList()).as(r.description).hasSize(1);
    assertThat(r.err)
        .as(r.description)
        .startsWith("nkms: ")
        .doesNotContain("internal error")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  private static String policyKeyHex(Path keystore, String passphrase, String label)
      throws Exception {
    byte[] secret = Keystore.read(keystore, passphrase.toCharArray()).get("alice");
    return AliceKeys.fromSecretBytes(secret).policyEncryptingKey(label).toHex();
  }

  private static Path write(Path file, String content) throws IOException {
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> s = Files.list(directory)) {
      return s.sorted().toList();
    }
  }
}
