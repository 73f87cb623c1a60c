package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nkms.app.network.LocalNetwork;
import dev.nkms.cli.CliRunner;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonKeys;
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
 * The facade's verbs on the command line ({@code nkms write|read|delete|share|objects|policy}),
 * driven in-process against one real 5-node network: a folder on {@code file:} written, shared by
 * path, read by Bob with the written maps; deleting one object revokes nothing while the other
 * keeps the folder's label alive, deleting the last revokes the folder's policy and Bob is refused
 * (reading a copy of the ciphertext he kept); a label share updated and deleted; and the usage
 * errors, each one line with exit 2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FacadeVerbsCliTest {
  private static final String PASS = "facade verbs passphrase";
  @TempDir static Path dir;
  private static LocalNetwork network;
  private static Path pass;
  private static Path aliceKeys;
  private static Path bobKeys;
  private static Path bobCard;
  private static Path aliceHome;
  private static Path bobHome;

  @BeforeAll
  static void start() throws Exception {
    network = TestNetworks.start(dir.resolve("network"), 5);
    pass = Files.writeString(dir.resolve("pass"), PASS + "\n", StandardCharsets.UTF_8);
    aliceKeys = dir.resolve("alice.keys");
    bobKeys = dir.resolve("bob.keys");
    bobCard = dir.resolve("bob.card");
    for (Path keys : List.of(aliceKeys, bobKeys)) {
      ok(
          CliRunner.run(
              "keys", "generate", "--out", keys.toString(), "--passphrase-file", pass.toString()));
    }
    aliceHome = Files.createDirectories(dir.resolve("alice-home"));
    bobHome = Files.createDirectories(dir.resolve("bob-home"));
  }

  @AfterAll
  static void stop() throws IOException {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  @Test
  @Order(1)
  void aSharedFolderIsReadByBobAndItsPolicyRevokedWithItsLastObject() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("store/photos"));
    String prefix = "file:" + folder + "/";
    byte[] a = RandomSource.secure().nextBytes(70_000);
    byte[] b = "the second photo, from stdin\n".getBytes(StandardCharsets.UTF_8);
    Path aFile = Files.write(dir.resolve("a.bin"), a);

    JsonNode wroteA =
        JsonKeys.check(
            "write", ok(alice("write", aFile.toString(), "--to", prefix + "a.bin", "--json")));
    assertThat(wroteA.get("location").asText()).isEqualTo(prefix + "a.bin");
    assertThat(wroteA.get("label").asText()).isEqualTo(prefix);
    assertThat(wroteA.get("bytes").asLong()).isEqualTo(a.length);
    CliRunner wroteB = CliRunner.run(b, with(aliceArgs(), "write", "-", "--to", prefix + "b.txt"));
    assertThat(ok(wroteB).strip())
        .isEqualTo("wrote " + prefix + "b.txt (" + b.length + " bytes, label " + prefix + ")");

    JsonNode objects = JsonKeys.check("objects", ok(alice("objects", "--json")));
    assertThat(objects.get("objects")).hasSize(2);
    assertThat(objects.get("objects").get(0).get("size").asLong()).isEqualTo(a.length);

    Path ownA = dir.resolve("own-a.bin");
    JsonNode readOwn =
        JsonKeys.check(
            "read", ok(alice("read", prefix + "a.bin", "--out", ownA.toString(), "--json")));
    assertThat(readOwn.get("bytes").asLong()).isEqualTo(a.length);
    assertThat(Files.readAllBytes(ownA)).isEqualTo(a);

    Path maps = dir.resolve("maps");
    JsonNode shared =
        JsonKeys.check(
            "share",
            ok(
                alice(
                    "share",
                    "--bob",
                    bobCard.toString(),
                    "--path",
                    prefix,
                    "--expires",
                    "1h",
                    "-m",
                    "2",
                    "-n",
                    "3",
                    "--map-out",
                    maps.toString(),
                    "--json")));
    assertThat(shared.get("policies")).hasSize(1); // both files carry the folder's label
    JsonNode policy = shared.get("policies").get(0);
    String id = policy.get("policy").asText();
    assertThat(policy.get("label").asText()).isEqualTo(prefix);
    assertThat(policy.get("threshold").asInt()).isEqualTo(2);
    assertThat(policy.get("shares").asInt()).isEqualTo(3);
    Path map = maps.resolve(id + ".map");
    assertThat(policy.get("map").asText()).isEqualTo(map.toString());
    assertThat(map).isRegularFile();

    Path bobA = dir.resolve("bob-a.bin");
    ok(bob("read", prefix + "a.bin", "--map", map.toString(), "--out", bobA.toString()));
    assertThat(Files.readAllBytes(bobA)).isEqualTo(a);
    CliRunner toStdout =
        CliRunner.run(
            with(bobArgs(), "read", prefix + "b.txt", "--map", map.toString(), "--out", "-"));
    assertThat(toStdout.exitCode).as(toStdout.toString()).isZero();
    // CliRunner.run(String...) captures the binary stdout too
    assertThat(toStdout.stdout).isEqualTo(b);

    // Bob keeps a copy of the ciphertext: revoking, not deleting, is what stops him.
    Path kept = Files.copy(folder.resolve("b.txt"), dir.resolve("kept-b.sealed"));

    JsonNode deletedA = JsonKeys.check("delete", ok(alice("delete", prefix + "a.bin", "--json")));
    assertThat(deletedA.get("result").asText()).isEqualTo("deleted");
    assertThat(deletedA.get("revoked")).as("b.txt still has the folder's label").isEmpty();
    assertThat(folder.resolve("a.bin")).doesNotExist();
    ok(
        bob(
            "read",
            prefix + "b.txt",
            "--map",
            map.toString(),
            "--out",
            dir.resolve("bob-b").toString()));

    String deletedB = ok(alice("delete", prefix + "b.txt"));
    assertThat(deletedB.lines().toList())
        .containsExactly(
            prefix + "b.txt: deleted", "revoked policy " + id + " (" + prefix + ") at 3 nodes");
    assertThat(ok(alice("objects", "--json"))).contains("\"objects\":[]");

    Path refused = dir.resolve("refused.txt");
    CliRunner r = bob("read", "file:" + kept, "--map", map.toString(), "--out", refused.toString());
    oneLineError(r, ExitCode.FAILED);
    assertThat(r.err).contains("revoked");
    assertThat(refused).doesNotExist();
    assertThat(leftovers(dir)).as("no temporary file left beside --out").isEmpty();
  }

  @Test
  @Order(2)
  void aLabelShareIsUpdatedAndDeleted() throws Exception {
    byte[] notes = "meeting notes\n".getBytes(StandardCharsets.UTF_8);
    Path notesFile = Files.write(dir.resolve("notes.txt"), notes);
    JsonNode wrote =
        JsonKeys.check(
            "write", ok(alice("write", notesFile.toString(), "--label", "notes", "--json")));
    String location = wrote.get("location").asText();
    assertThat(location).startsWith("file:" + aliceHome.resolve(".nkms/store/notes") + "/");

    Path map = dir.resolve("notes.map");
    String granted =
        ok(
            alice(
                "share",
                "--bob",
                bobCard.toString(),
                "--label",
                "notes",
                "--expires",
                "1h",
                "-m",
                "2",
                "-n",
                "3",
                "--map-out",
                map.toString()));
    assertThat(granted.lines().count()).as(granted).isEqualTo(1);
    assertThat(granted.strip())
        .startsWith("policy ")
        .contains(" (notes) 2-of-3 until ")
        .endsWith("→ map " + map);
    String id = granted.split(" ")[1];

    JsonNode updated =
        JsonKeys.check(
            "policy update",
            ok(alice("policy", "update", id, "--expires", "2h", "--access-log", "--json")));
    assertThat(updated.get("state").asText()).isEqualTo("active");
    assertThat(updated.get("revision").asLong()).isGreaterThan(0);
    assertThat(updated.get("unconfirmed")).isEmpty();
    Path bobNotes = dir.resolve("bob-notes.txt");
    ok(bob("read", location, "--map", map.toString(), "--out", bobNotes.toString()));
    assertThat(Files.readAllBytes(bobNotes)).isEqualTo(notes);

    JsonNode deleted = JsonKeys.check("policy delete", ok(alice("policy", "delete", id, "--json")));
    assertThat(deleted.get("state").asText()).isEqualTo("revoked");
    assertThat(aliceHome.resolve(".nkms/alice/" + id + ".policy")).doesNotExist();
    oneLineError(
        bob("read", location, "--map", map.toString(), "--out", dir.resolve("no").toString()),
        ExitCode.FAILED);
    oneLineError(alice("policy", "update", id, "--expires", "3h"), ExitCode.USAGE);
  }

  @Test
  @Order(3)
  void usageErrorsAreOneLineWithExit2() throws Exception {
    Path file = Files.writeString(dir.resolve("u.txt"), "u");
    CliRunner noWhere = alice("write", file.toString());
    oneLineError(noWhere, ExitCode.USAGE);
    assertThat(noWhere.err).contains("--to").contains("--label");
    CliRunner badUri = alice("write", file.toString(), "--to", "::not a location");
    oneLineError(badUri, ExitCode.USAGE);
    assertThat(badUri.err).contains("is not a location");
    oneLineError(alice("write", file.toString(), "--to", "photos/u.txt"), ExitCode.USAGE);
    CliRunner scheme = alice("write", file.toString(), "--to", "gopher://host/u.txt");
    oneLineError(scheme, ExitCode.USAGE);
    assertThat(scheme.err).contains("gopher");
    Path existing = Files.writeString(dir.resolve("existing.txt"), "keep me");
    CliRunner exists = alice("read", "file:" + file, "--out", existing.toString());
    oneLineError(exists, ExitCode.USAGE);
    assertThat(exists.err).contains("exists; pass --force");
    assertThat(Files.readString(existing)).isEqualTo("keep me");
    oneLineError(alice("share", "--bob", bobCard.toString(), "--expires", "1h"), ExitCode.USAGE);
    oneLineError(alice("policy", "delete", "not-an-id"), ExitCode.USAGE);
    oneLineError(CliRunner.run("objects"), ExitCode.USAGE); // --keys is required
  }

  private static String[] aliceArgs() {
    return new String[] {
      "--keys", aliceKeys.toString(), "--passphrase-file", pass.toString(),
      "--network", network.dir().toString(), "--home", aliceHome.toString()
    };
  }

  private static String[] bobArgs() {
    return new String[] {
      "--keys", bobKeys.toString(), "--passphrase-file", pass.toString(),
      "--network", network.dir().toString(), "--home", bobHome.toString()
    };
  }

  /** The command words, then the options common to every facade verb. */
  private static String[] with(String[] common, String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(common));
    return all.toArray(String[]::new);
  }

  private static CliRunner alice(String... command) {
    return CliRunner.run(with(aliceArgs(), command));
  }

  private static CliRunner bob(String... command) {
    return CliRunner.run(with(bobArgs(), command));
  }

  private static List<Path> leftovers(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static String ok(CliRunner r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.err).as(r.toString()).doesNotContain("nkms: ").doesNotContain("Exception");
    return r.out;
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
