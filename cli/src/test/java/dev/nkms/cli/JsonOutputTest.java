package dev.nkms.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code --json} of the commands that need no network or chain: one JSON document with the keys
 * docs/cli.md documents (the e2e tests check the others the same way), and the table itself names
 * real commands and options.
 */
class JsonOutputTest {
  @Test
  void keysEnricoAndAliceDecryptPrintTheDocumentedKeys(@TempDir Path dir) throws Exception {
    Path pass = Files.writeString(dir.resolve("pass"), "correct horse battery staple\n");
    Path keys = dir.resolve("alice.keys");
    JsonNode generated =
        JsonKeys.check(
            "keys generate",
            ok(
                CliRunner.run(
                    "keys",
                    "generate",
                    "--out",
                    keys.toString(),
                    "--passphrase-file",
                    pass.toString(),
                    "--json")));
    assertThat(generated.get("card").asText()).isEqualTo(dir.resolve("alice.card").toString());
    assertThat(generated.get("card_hex").asText())
        .isEqualTo(Files.readString(dir.resolve("alice.card")).strip());

    JsonNode shown =
        JsonKeys.check(
            "keys show",
            ok(
                CliRunner.run(
                    "keys",
                    "show",
                    "--keys",
                    keys.toString(),
                    "--passphrase-file",
                    pass.toString(),
                    "--json")));
    assertThat(shown.get("card_hex")).isEqualTo(generated.get("card_hex"));

    JsonNode key =
        JsonKeys.check(
            "alice policy-key",
            ok(
                CliRunner.run(
                    "alice",
                    "policy-key",
                    "--keys",
                    keys.toString(),
                    "--passphrase-file",
                    pass.toString(),
                    "--label",
                    "notes",
                    "--json")));
    assertThat(key.get("label").asText()).isEqualTo("notes");

    Path plain = Files.writeString(dir.resolve("notes.txt"), "dear diary\n");
    Path sealed = dir.resolve("notes.nkms");
    JsonNode encrypted =
        JsonKeys.check(
            "enrico encrypt",
            ok(
                CliRunner.run(
                    "enrico",
                    "encrypt",
                    "--policy-key",
                    key.get("policy_key").asText(),
                    "--in",
                    plain.toString(),
                    "--out",
                    sealed.toString(),
                    "--json")));
    assertThat(encrypted.get("plaintext_bytes").asLong()).isEqualTo(Files.size(plain));
    assertThat(encrypted.get("bytes").asLong()).isEqualTo(Files.size(sealed));

    Path opened = dir.resolve("opened.txt");
    JsonNode decrypted =
        JsonKeys.check(
            "alice decrypt",
            ok(
                CliRunner.run(
                    "alice",
                    "decrypt",
                    "--keys",
                    keys.toString(),
                    "--passphrase-file",
                    pass.toString(),
                    "--label",
                    "notes",
                    "--in",
                    sealed.toString(),
                    "--out",
                    opened.toString(),
                    "--json")));
    assertThat(decrypted.get("bytes").asLong()).isEqualTo(Files.size(plain));
    assertThat(Files.readString(opened)).isEqualTo("dear diary\n");

    JsonNode none =
        JsonKeys.check(
            "alice policies",
            ok(
                CliRunner.run(
                    "alice", "policies", "--store", dir.resolve("store").toString(), "--json")));
    assertThat(none.isArray()).isTrue();
    assertThat(none).isEmpty();
  }

  @Test
  void nodeInitUmbralVerifyAndNetworkDownPrintTheDocumentedKeys(@TempDir Path dir)
      throws Exception {
    Path pass = Files.writeString(dir.resolve("pass"), "node passphrase\n");
    JsonNode node =
        JsonKeys.check(
            "node init",
            ok(
                CliRunner.run(
                    "node",
                    "init",
                    "--data-dir",
                    dir.resolve("node").toString(),
                    "--port",
                    "0",
                    "--passphrase-file",
                    pass.toString(),
                    "--json")));
    assertThat(node.get("address").asText()).startsWith("0x");

    Path vectors = dir.resolve("vectors.json");
    ok(CliRunner.run("dev", "umbral-vectors", "--seed", "json", "--out", vectors.toString()));
    JsonNode verified =
        JsonKeys.check(
            "dev umbral-verify",
            ok(CliRunner.run("dev", "umbral-verify", vectors.toString(), "--json")));
    assertThat(verified.get("failed").asInt()).isZero();
    assertThat(verified.get("checks")).isNotEmpty();

    JsonNode down =
        JsonKeys.check(
            "network down",
            ok(
                CliRunner.run(
                    "network", "down", "--dir", dir.resolve("no-network").toString(), "--json")));
    assertThat(down.get("stopped").asInt()).isZero();
  }

  @Test
  void theTableNamesRealCommandsAndOptions() {
    assertThat(JsonKeys.commands())
        .contains(
            "keys generate",
            "alice grant",
            "stake status",
            "rewards --claim",
            "chain dev",
            "evidence submit",
            "bench network");
    CommandLine root = Main.commandLine();
    for (String row : JsonKeys.commands()) {
      CommandLine cmd = root;
      for (String word : row.split(" ")) {
        if (word.startsWith("--")) {
          assertThat(cmd.getCommandSpec().findOption(word))
              .as("`%s`: %s is an option", row, word)
              .isNotNull();
        } else {
          cmd = cmd.getSubcommands().get(word);
          assertThat(cmd).as("`%s`: %s is a command", row, word).isNotNull();
        }
      }
      assertThat(cmd.getCommandSpec().findOption("--json"))
          .as("`%s` takes --json", row)
          .isNotNull();
    }
  }

  @Test
  void theNotationReadsRequiredOptionalAndNestedKeys() throws Exception {
    JsonKeys.Spec spec =
        JsonKeys.parse(
            "`a`, `b` (prose, not keys: `x`), `rows` (list, each: `n`, [if so: `m`]),"
                + " [when asked: `c`]");
    assertThat(spec.list()).isFalse();
    assertThat(spec.required()).containsExactly("a", "b", "rows");
    assertThat(spec.optional()).containsExactly("c");
    assertThat(spec.nested().get("rows").required()).containsExactly("n");
    assertThat(spec.nested().get("rows").optional()).containsExactly("m");

    ObjectMapper json = new ObjectMapper();
    JsonKeys.verify(
        "ok", json.readTree("{\"a\":1,\"b\":2,\"rows\":[{\"n\":1},{\"n\":2,\"m\":3}]}"), spec);
    JsonKeys.verify("ok", json.readTree("{\"a\":1,\"b\":2,\"rows\":[],\"c\":3}"), spec);
    for (String bad :
        Set.of(
            "{\"a\":1,\"rows\":[]}",
            "{\"a\":1,\"b\":2,\"rows\":[],\"d\":3}",
            "{\"a\":1,\"b\":2,\"rows\":[{\"m\":3}]}",
            "[{\"a\":1,\"b\":2,\"rows\":[]}]")) {
      assertThatThrownBy(() -> JsonKeys.verify("bad", json.readTree(bad), spec))
          .as(bad)
          .isInstanceOf(AssertionError.class);
    }
  }

  private static String ok(CliRunner r) {
    assertThat(r.exitCode).as(r.toString()).isZero();
    return r.out;
  }
}
