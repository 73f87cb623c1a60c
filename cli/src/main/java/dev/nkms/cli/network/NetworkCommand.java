package dev.nkms.cli.network;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.cli.ExitCode;
import dev.nkms.cli.JsonOutput;
import dev.nkms.cli.OutputOptions;
import dev.nkms.cli.UserError;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.node.health.HealthMonitor;
import dev.nkms.node.health.HealthRecord;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.http.NodeStatus;
import dev.nkms.registry.StaticNodeList;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms network up|status|check|down}: a local network of node processes on loopback. */
@Command(
    name = "network",
    mixinStandardHelpOptions = true,
    description = "Run a local network of nodes.",
    subcommands = {
      NetworkCommand.Up.class,
      NetworkCommand.Status.class,
      NetworkCommand.Check.class,
      NetworkCommand.Down.class
    },
    footerHeading = "%nExamples:%n",
    footer = {"  nkms network up --nodes 5", "  nkms network status", "  nkms network down"})
public final class NetworkCommand {
  static final String DEFAULT_DIR = ".nkms/network";
  static final String START_ONE = "start one with `./nkms network up --nodes 5`";

  private NetworkCommand() {}

  /**
   * The network directory's nodes, newest metadata per node; exit 3 when the directory holds no
   * network.
   */
  static List<NodeMetadata> nodesOf(LocalNetwork net) throws java.io.IOException {
    if (!Files.exists(net.nodeList())) {
      throw new UserError(
          ExitCode.UNREACHABLE,
          "no network in " + net.dir() + "; " + START_ONE + " (or pass --dir DIR)");
    }
    Map<NodeAddress, NodeMetadata> newest = new TreeMap<>();
    for (NodeMetadata n : net.nodes().nodes()) {
      newest.merge(n.address(), n, (a, b) -> b.timestamp().isAfter(a.timestamp()) ? b : a);
    }
    return List.copyOf(newest.values());
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Start N staked node processes on loopback that discover one another from one seed.",
        "Clients find them through DIR, the default of `nkms alice grant --network DIR` and of Bob's commands."
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  nkms network up --nodes 5",
        "  nkms network up --nodes 3 --dir /tmp/net",
        "  nkms network up --nodes 5 --chain .nkms/chain/deployment.json   # after `nkms chain dev`"
      })
  public static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--nodes",
        paramLabel = "N",
        defaultValue = "5",
        description = "How many nodes, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(
        names = "--chain",
        paramLabel = "FILE",
        description =
            "Run on chain: the staking contract of this"
                + " deployment (from `nkms chain dev`) is the registry; node-i's operator is dev account i.")
    Path chain;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        defaultValue = DEFAULT_DIR,
        description = "Network directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      if (nodes < 1 || nodes > 64) {
        throw new UserError(ExitCode.USAGE, "--nodes must be between 1 and 64, not " + nodes);
      }
      if (chain != null) {
        if (!Files.isRegularFile(chain)) {
          throw new UserError(
              ExitCode.USAGE,
              "no deployment file "
                  + chain
                  + "; start a dev chain with `./nkms chain dev` (it writes .nkms/chain/deployment.json)");
        }
        try {
          dev.nkms.chain.Deployment.load(chain);
        } catch (dev.nkms.chain.ChainException e) {
          throw new UserError(
              ExitCode.USAGE,
              chain + " is not a deployment file; `./nkms chain dev` writes one",
              List.of(e.getMessage()));
        }
      }
      LocalNetwork net = new LocalNetwork(dir, dev.nkms.cli.Main.class.getName());
      PrintWriter err = spec.commandLine().getErr();
      StaticNodeList list =
          net.up(
              nodes,
              Optional.ofNullable(chain),
              Duration.ofSeconds(90),
              line -> {
                if (output.progress()) {
                  err.println("  " + line);
                  err.flush();
                }
              });
      if (output.json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (NodeMetadata n : list.nodes()) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("address", n.address().toHex());
          row.put("host", n.host());
          row.put("port", n.port());
          rows.add(row);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("directory", net.dir().toString());
        doc.put("nodes", rows);
        JsonOutput.print(spec.commandLine().getOut(), doc);
      } else {
        spec.commandLine()
            .getOut()
            .println(nodes + " nodes up; network directory for clients: " + net.dir());
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Show each node of the local network: stake, health as its peers judge it, and what it knows.",
        "Exit 0 when every node answers, 4 when some node is down, 3 when none answers or there is no network."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  nkms network status", "  nkms network status --dir /tmp/net --json"})
  public static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        defaultValue = DEFAULT_DIR,
        description = "Network directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      LocalNetwork net = new LocalNetwork(dir);
      List<NodeMetadata> nodes = nodesOf(net);
      List<CompletableFuture<NodeStatus>> asked = new ArrayList<>();
      for (NodeMetadata n : nodes) {
        asked.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return HttpsNodeClient.connect(n, Duration.ofSeconds(2), Duration.ofSeconds(3))
                        .status();
                  } catch (Exception e) {
                    return null; // not answering: shown as DOWN
                  }
                }));
      }
      Map<NodeMetadata, NodeStatus> statuses = new LinkedHashMap<>();
      for (int i = 0; i < nodes.size(); i++) {
        statuses.put(nodes.get(i), asked.get(i).join());
      }
      List<String> down = new ArrayList<>();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Map.Entry<NodeMetadata, NodeStatus> e : statuses.entrySet()) {
        NodeMetadata n = e.getKey();
        NodeStatus s = e.getValue();
        int[] health = HealthView.count(n.address(), statuses.values());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("address", n.address().toHex());
        row.put("host", n.host());
        row.put("port", n.port());
        row.put("state", s == null ? "down" : "up");
        row.put("health_healthy", health[0]);
        row.put("health_checked", health[1]);
        if (s == null) {
          down.add(n.address().toHex());
        } else {
          row.put("stake", s.stake().toString());
          row.put("known_nodes", s.network().knownNodes());
          row.put("fleet_state", s.network().fleetState());
          row.put("policies", s.policies());
        }
        rows.add(row);
      }
      int running = net.running().size();
      PrintWriter out = spec.commandLine().getOut();
      if (output.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("directory", net.dir().toString());
        doc.put("nodes", rows);
        doc.put("up", nodes.size() - down.size());
        doc.put("down", down.size());
        doc.put("processes_running", running);
        JsonOutput.print(out, doc);
      } else {
        String format = "%-44s %-17s %8s %-14s %6s %-9s %8s %s%n";
        out.printf(
            format, "node", "address", "stake", "health", "knows", "fleet", "policies", "state");
        for (Map<String, Object> r : rows) {
          String where = r.get("host") + ":" + r.get("port");
          String health =
              HealthView.summary((int) r.get("health_healthy"), (int) r.get("health_checked"));
          boolean up = r.get("state").equals("up");
          out.printf(
              format,
              r.get("address"),
              where,
              up ? r.get("stake") : "-",
              health,
              up ? r.get("known_nodes") : "-",
              up ? r.get("fleet_state") : "-",
              up ? r.get("policies") : "-",
              up ? "up" : "DOWN");
        }
        out.println(
            running
                + " node process(es) running in "
                + net.dir()
                + (down.isEmpty() ? "" : "; " + down.size() + " not answering")
                + ".");
        if (!output.quiet) {
          out.println(
              "health: verdicts of the peers that checked the node (healthy/checked); knows: other nodes it"
                  + " knows; fleet: its fleet-state checksum (equal when nodes agree on the network)");
        }
      }
      out.flush();
      if (down.size() == nodes.size()) {
        throw new UserError(
            ExitCode.UNREACHABLE,
            "no node of the network in "
                + net.dir()
                + " answers; start it"
                + " with `./nkms network up`");
      }
      if (!down.isEmpty()) {
        throw new UserError(
            ExitCode.INCOMPLETE,
            down.size()
                + " of "
                + nodes.size()
                + " nodes are down ("
                + String.join(", ", down)
                + "); restart the network with `./nkms network down` then"
                + " `./nkms network up --nodes "
                + nodes.size()
                + "`");
      }
      return ExitCode.OK;
    }
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = {
        "Health-check every node now, from here, as an anonymous client would: reachable, an old"
            + " challenge policy still re-encrypts correctly, create → re-encrypt → revoke works.",
        "Exit 0 when every node is healthy, 1 when some node is not."
      },
      footerHeading = "%nExamples:%n",
      footer = {"  nkms network check", "  nkms network check --dir /tmp/net --json"})
  public static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        defaultValue = DEFAULT_DIR,
        description = "Network directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      List<NodeMetadata> nodes = nodesOf(new LocalNetwork(dir));
      int unhealthy = 0;
      PrintWriter out = spec.commandLine().getOut();
      List<Map<String, Object>> rows = new ArrayList<>();
      try (HealthMonitor monitor =
          new HealthMonitor(
              () -> nodes,
              HttpsNodeClient.factory(),
              java.time.Clock.systemUTC(),
              dev.nkms.crypto.RandomSource.secure())) {
        for (HealthRecord r : monitor.checkAllNow().values()) {
          boolean bad = r.verdict() == HealthRecord.Verdict.UNHEALTHY;
          unhealthy += bad ? 1 : 0;
          String verdict = r.verdict().name().toLowerCase(Locale.ROOT);
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("address", r.peer().toHex());
          row.put("verdict", verdict);
          Map<String, Object> checks = new LinkedHashMap<>();
          r.results()
              .forEach(
                  (check, result) -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
                    c.put("reason", result.reason());
                    checks.put(check.name().toLowerCase(Locale.ROOT), c);
                  });
          row.put("checks", checks);
          rows.add(row);
          if (!output.json) {
            out.println(r.peer().toHex() + "  " + verdict);
            r.results()
                .forEach(
                    (check, result) ->
                        out.println(
                            "    "
                                + check.name().toLowerCase(Locale.ROOT)
                                + ": "
                                + result.outcome()
                                + ": "
                                + result.reason()));
          }
        }
      }
      if (output.json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("nodes", rows);
        doc.put("checked", nodes.size());
        doc.put("unhealthy", unhealthy);
        JsonOutput.print(out, doc);
      } else {
        out.println(nodes.size() + " node(s) checked, " + unhealthy + " unhealthy");
      }
      out.flush();
      return unhealthy == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = "Stop the local network's node processes.",
      footerHeading = "%nExamples:%n",
      footer = {"  nkms network down", "  nkms network down --dir /tmp/net"})
  public static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        defaultValue = DEFAULT_DIR,
        description = "Network directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      int stopped = new LocalNetwork(dir).down(Duration.ofSeconds(10));
      if (output.json) {
        JsonOutput.print(spec.commandLine().getOut(), Map.of("stopped", stopped));
      } else {
        spec.commandLine()
            .getOut()
            .println(
                stopped == 0
                    ? "no node processes were running"
                    : "stopped " + stopped + " node(s)");
      }
      return ExitCode.OK;
    }
  }
}
