package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.app.network.LocalNetwork;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.Main;
import dev.nkms.client.NkmsException;
import dev.nkms.client.connect.ClientNetwork;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a person sees when something is wrong: arguments → exit code → the text on stderr, which is
 * one line unless --verbose. Real files, and a real two-node network for the rows that need one:
 * the rows run in order, and a row's {@link State} moves the network forward (all up → node-2
 * killed → every node stopped) before it runs.
 *
 * <p>Why this file is long: one case per error a user can meet, each checking the exact one-line
 * message and exit code, against one shared network.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ErrorMessagesTest {
  @TempDir static Path tmp;
  private static Path net;
  private static LocalNetwork network;
  private static State state = State.NONE;

  /** What the shared network must look like for a row: only ever moved forward. */
  enum State {
    NONE,
    UP,
    NODE_DOWN,
    STOPPED
  }

  record Row(
      String name, State state, List<String> args, int exit, String stderr, boolean oneLine) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Row row(String name, int exit, String stderr, String... args) {
    return new Row(name, State.NONE, List.of(args), exit, stderr, true);
  }

  static Row on(State state, String name, int exit, String stderr, String... args) {
    return new Row(name, state, List.of(args), exit, stderr, true);
  }

  static Stream<Row> table() {
    return Stream.of(
        new Row("no arguments", State.NONE, List.of(), ExitCode.USAGE, "Usage: nkms", false),
        row(
            "unknown command",
            ExitCode.USAGE,
            "nkms: unknown command 'frobnicate' (nkms has: demo, node, network",
            "frobnicate"),
        row(
            "misspelt command",
            ExitCode.USAGE,
            "nkms: unknown command 'statsu' (nkms network has: up, status,"
                + " check, down); did you mean 'status'?; see 'nkms network --help'",
            "network",
            "statsu"),
        row(
            "unknown option",
            ExitCode.USAGE,
            "nkms: unknown option '--bogus'; see 'nkms network status --help'",
            "network",
            "status",
            "--bogus"),
        new Row(
            "unknown option, --verbose shows the usage",
            State.NONE,
            List.of("network", "status", "--bogus", "--verbose"),
            ExitCode.USAGE,
            "Usage: nkms network status",
            false),
        row(
            "missing required option",
            ExitCode.USAGE,
            "nkms: missing required option --data-dir DIR; see 'nkms node run --help'",
            "node",
            "run"),
        row(
            "bad value",
            ExitCode.USAGE,
            "nkms: invalid value for option '--nodes': 'many' is not an int; see 'nkms network up --help'",
            "network",
            "up",
            "--nodes",
            "many"),
        row(
            "a command group alone",
            ExitCode.USAGE,
            "nkms: 'nkms network' needs a command: up, status, check, down; see 'nkms network --help'",
            "network"),
        row(
            "bad duration",
            ExitCode.USAGE,
            "nkms: --vote-interval takes a duration (30s, 10m, 2h, 7d), not 'soon'",
            "node",
            "run",
            "--data-dir",
            "{tmp}/node",
            "--vote-interval",
            "soon"),
        row(
            "too many nodes",
            ExitCode.USAGE,
            "nkms: --nodes must be between 1 and 64, not 0",
            "network",
            "up",
            "--nodes",
            "0",
            "--dir",
            "{tmp}/unused-net"),
        row(
            "node run, missing data dir",
            ExitCode.USAGE,
            "nkms: no node in {tmp}/nowhere (no such directory); create"
                + " one with `./nkms node init --data-dir {tmp}/nowhere`",
            "node",
            "run",
            "--data-dir",
            "{tmp}/nowhere"),
        row(
            "node run, a data dir without a node",
            ExitCode.USAGE,
            "nkms: no node in {tmp} (no node.keystore)",
            "node",
            "run",
            "--data-dir",
            "{tmp}"),
        row(
            "node run, unreadable node.yaml",
            ExitCode.USAGE,
            "does not exist",
            "node",
            "run",
            "--data-dir",
            "{tmp}/node",
            "--config",
            "{tmp}/missing.yaml",
            "--passphrase-file",
            "{tmp}/pass"),
        row(
            "stake deposit, missing data dir",
            ExitCode.USAGE,
            "nkms: no node in {tmp}/nowhere (no such directory)",
            "stake",
            "deposit",
            "--data-dir",
            "{tmp}/nowhere",
            "--amount",
            "1",
            "--account",
            "1"),
        row(
            "bad deployment file",
            ExitCode.USAGE,
            "nkms: {tmp}/bad.json is not a deployment file; `./nkms chain dev`"
                + " writes one, or pass --chain FILE (--verbose shows the details)",
            "stake",
            "status",
            "--chain",
            "{tmp}/bad.json",
            "--account",
            "1"),
        row(
            "missing deployment file",
            ExitCode.USAGE,
            "nkms: no deployment file {tmp}/none.json; start a dev chain"
                + " with `./nkms chain dev` or pass --chain FILE",
            "rewards",
            "--chain",
            "{tmp}/none.json",
            "--account",
            "1"),
        row(
            "network up on a missing deployment",
            ExitCode.USAGE,
            "nkms: no deployment file {tmp}/none.json",
            "network",
            "up",
            "--chain",
            "{tmp}/none.json",
            "--dir",
            "{tmp}/unused-net"),
        row(
            "missing evidence file",
            ExitCode.USAGE,
            "nkms: no such evidence file: {tmp}/none.json",
            "evidence",
            "submit",
            "--file",
            "{tmp}/none.json"),
        row(
            "unreadable vector file",
            ExitCode.USAGE,
            "nkms: cannot read {tmp}/none.json",
            "dev",
            "umbral-verify",
            "{tmp}/none.json"),
        row(
            "network status, no network directory",
            ExitCode.UNREACHABLE,
            "nkms: no network in {tmp}/nowhere;"
                + " start one with `./nkms network up --nodes 5` (or pass --dir DIR)",
            "network",
            "status",
            "--dir",
            "{tmp}/nowhere"),
        row(
            "network check, no network directory",
            ExitCode.UNREACHABLE,
            "nkms: no network in {tmp}/nowhere",
            "network",
            "check",
            "--dir",
            "{tmp}/nowhere"),
        row(
            "a client, no network directory",
            ExitCode.USAGE,
            "nkms: no network in {tmp}/nowhere; start one"
                + " with `./nkms network up --nodes 5` (or pass --network DIR)",
            grant("{tmp}/nowhere")),
        on(
            State.UP,
            "network status, all up",
            ExitCode.OK,
            "",
            "network",
            "status",
            "--dir",
            "{net}"),
        on(
            State.UP,
            "network up, already running",
            ExitCode.FAILED,
            "nkms: a network is already running in {net};"
                + " stop it first with `./nkms network down --dir {net}`",
            "network",
            "up",
            "--nodes",
            "2",
            "--dir",
            "{net}"),
        on(
            State.NODE_DOWN,
            "network status, a node killed",
            ExitCode.INCOMPLETE,
            "nkms: 1 of 2 nodes are down (0x",
            "network",
            "status",
            "--dir",
            "{net}"),
        on(
            State.NODE_DOWN,
            "network status --json, a node killed",
            ExitCode.INCOMPLETE,
            "nkms: 1 of 2 nodes are down (0x",
            "network",
            "status",
            "--dir",
            "{net}",
            "--json"),
        on(
            State.STOPPED,
            "network status, every node stopped",
            ExitCode.UNREACHABLE,
            "nkms: no node of the network" + " in {net} answers; start it with `./nkms network up`",
            "network",
            "status",
            "--dir",
            "{net}"),
        on(
            State.STOPPED,
            "a client, the network not running",
            ExitCode.UNREACHABLE,
            "nkms: no node of the network"
                + " in {net} answers; start it with `./nkms network up` (or pass --network DIR)"
                + " (--verbose shows the details)",
            grant("{net}")),
        on(
            State.STOPPED,
            "network down, nothing running",
            ExitCode.OK,
            "",
            "network",
            "down",
            "--dir",
            "{net}"),
        on(
            State.STOPPED,
            "a demo of its own is not hindered",
            ExitCode.OK,
            "",
            "demo",
            "umbral",
            "--quiet"));
  }

  private static String[] grant(String networkDir) {
    return new String[] {
      "alice",
      "grant",
      "--keys",
      "{tmp}/alice.keys",
      "--passphrase-file",
      "{tmp}/pass",
      "--bob",
      "{tmp}/bob.card",
      "--label",
      "x",
      "-m",
      "1",
      "-n",
      "2",
      "--expires",
      "1d",
      "--map-out",
      "{tmp}/bob.map",
      "--store",
      "{tmp}/alice-store",
      "--network",
      networkDir
    };
  }

  @BeforeAll
  static void files() throws Exception {
    net = tmp.resolve("net");
    Files.writeString(
        tmp.resolve("pass"), "correct horse battery staple\n", StandardCharsets.UTF_8);
    Files.writeString(tmp.resolve("bad.json"), "{\"url\": 42", StandardCharsets.UTF_8);
    for (String[] setup :
        List.of(
            new String[] {
              "keys", "generate", "--out", "{tmp}/alice.keys", "--passphrase-file", "{tmp}/pass"
            },
            new String[] {
              "keys", "generate", "--out", "{tmp}/bob.keys", "--passphrase-file", "{tmp}/pass"
            },
            new String[] {
              "node",
              "init",
              "--data-dir",
              "{tmp}/node",
              "--port",
              "0",
              "--passphrase-file",
              "{tmp}/pass"
            })) {
      Run r = run(setup);
      assertThat(r.exit).as(r.toString()).isZero();
    }
  }

  @AfterAll
  static void stopNetwork() throws IOException {
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  @ParameterizedTest(name = "{0}")
  @Order(2)
  @MethodSource("table")
  void saysWhatIsWrongAndWhatToDo(Row row) throws Exception {
    reach(row.state());
    Run r = run(row.args().toArray(String[]::new));
    assertThat(r.exit).as(r.toString()).isEqualTo(row.exit());
    assertThat(r.err).as(r.toString()).contains(expand(row.stderr()));
    if (row.args().contains("--json")) {
      JsonNode doc =
          new ObjectMapper().readTree(r.out); // stdout is one JSON document, whatever the exit code
      assertThat(doc.isObject()).as(r.toString()).isTrue();
      assertThat(doc.get("down").asInt()).as(r.toString()).isEqualTo(1);
    }
    if (row.oneLine() && row.exit() != ExitCode.OK) {
      assertThat(r.err.strip().lines().count()).as("stderr is one line: " + r).isEqualTo(1);
    }
    if (row.exit() != ExitCode.OK && row.exit() != ExitCode.USAGE || !row.oneLine()) {
      return;
    }
    assertThat(r.err).as(r.toString()).doesNotContain("Usage:").doesNotContain("Exception");
  }

  @Test
  @Order(1)
  void networkStatusAsJsonCountsTheNodes() throws Exception {
    reach(State.UP);
    Run up = run("network", "status", "--dir", net.toString(), "--json");
    assertThat(up.exit).as(up.toString()).isZero();
    JsonNode doc = new ObjectMapper().readTree(up.out);
    assertThat(doc.get("up").asInt()).isEqualTo(2);
    assertThat(doc.get("down").asInt()).isZero();
    assertThat(doc.get("nodes")).hasSize(2);
    assertThat(doc.get("nodes").get(0).get("address").asText()).startsWith("0x");
    assertThat(up.err).isEmpty();
  }

  @Test
  @Order(3)
  void aClientFailsAtOnceWhenNoNodeAnswersAndSaysWhichItTried() throws Exception {
    reach(State.STOPPED);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> ClientNetwork.open(net))
        .isInstanceOfSatisfying(
            NkmsException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(NkmsException.Kind.UNREACHABLE);
              assertThat(e.getMessage()).startsWith("no node of the network in ");
              assertThat(e.details())
                  .isNotEmpty()
                  .allMatch(d -> d.startsWith("not answering: 127.0.0.1:"));
            });
    // Not the 30 s a client waits for enough nodes when some answer: nothing here accepts a
    // connection at all.
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - t0))
        .isLessThan(java.time.Duration.ofSeconds(10));
  }

  /** Moves the shared network forward to {@code wanted} (never back). */
  private static void reach(State wanted) throws Exception {
    if (wanted.compareTo(State.UP) >= 0 && network == null) {
      network = TestNetworks.start(net, 2);
      state = State.UP;
    }
    if (wanted.compareTo(State.NODE_DOWN) >= 0 && state.compareTo(State.NODE_DOWN) < 0) {
      assertThat(network.kill(2)).as("node-2 killed").isTrue();
      state = State.NODE_DOWN;
    }
    if (wanted == State.STOPPED && state != State.STOPPED) {
      TestNetworks.stop(network);
      state = State.STOPPED;
    }
    assertThat(state)
        .as("rows run in order; this one needs " + wanted)
        .isEqualTo(wanted == State.NONE ? state : wanted);
  }

  private static String expand(String text) {
    return text.replace("{tmp}", tmp.toString())
        .replace("{net}", net.toAbsolutePath().normalize().toString());
  }

  /**
   * Runs the CLI in-process as users get it (Main.commandLine(): both handlers) and captures what
   * it prints.
   */
  private static Run run(String... args) {
    List<String> expanded = new ArrayList<>();
    for (String a : args) {
      expanded.add(expand(a));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(expanded.toArray(String[]::new));
    dev.nkms.cli.OutputShapes.check("stdout of nkms " + String.join(" ", expanded), out.toString());
    dev.nkms.cli.OutputShapes.check("stderr of nkms " + String.join(" ", expanded), err.toString());
    return new Run(expanded, code, out.toString(), err.toString());
  }

  private record Run(List<String> args, int exit, String out, String err) {
    @Override
    public String toString() {
      return String.join(" ", args) + "\nexit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }
}
