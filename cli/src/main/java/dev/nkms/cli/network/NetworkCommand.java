package dev.nkms.cli.network;

import dev.nkms.client.transport.HttpsNodeClient;
import dev.nkms.node.health.HealthMonitor;
import dev.nkms.node.health.HealthRecord;
import dev.nkms.protocol.NodeMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms network up|status|down}: a local network of node processes on loopback. */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Run a local network of nodes.",
    subcommands = {NetworkCommand.Up.class, NetworkCommand.Status.class, NetworkCommand.Check.class,
        NetworkCommand.Down.class})
public final class NetworkCommand {
  static final String DEFAULT_DIR = ".nkms/network";

  @Command(name = "up", mixinStandardHelpOptions = true,
      description = "Start N staked node processes on loopback that discover one another from one seed; clients use"
          + " DIR as their --network.")
  public static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "5", description = "How many nodes (default 5).") int nodes;

    @Option(names = "--chain", paramLabel = "FILE", description = "Run on chain: the staking contract of this"
        + " deployment (from `nkms chain dev`) is the registry; node-i's operator is dev account i.") Path chain;

    @Option(names = "--dir", defaultValue = DEFAULT_DIR, description = "Network directory (default " + DEFAULT_DIR
        + ").") Path dir;

    @Override
    public Integer call() throws Exception {
      if (nodes < 1 || nodes > 64) {
        throw new dev.nkms.cli.UserError(2, "--nodes must be between 1 and 64");
      }
      LocalNetwork net = new LocalNetwork(dir);
      net.up(nodes, Optional.ofNullable(chain), Duration.ofSeconds(90),
          line -> spec.commandLine().getErr().println("  " + line));
      spec.commandLine().getOut().println(nodes + " nodes up; network directory for clients: " + net.dir());
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Show each node of the local network: stake, health as its peers judge it, and what it knows.")
  public static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", defaultValue = DEFAULT_DIR) Path dir;

    @Override
    public Integer call() throws Exception {
      LocalNetwork net = new LocalNetwork(dir);
      java.io.PrintWriter out = spec.commandLine().getOut();
      Map<NodeMetadata, Map<String, Object>> statuses = new java.util.LinkedHashMap<>();
      for (NodeMetadata n : net.nodes().nodes()) {
        try {
          statuses.put(n, HttpsNodeClient.connect(n, Duration.ofSeconds(2), Duration.ofSeconds(3)).status());
        } catch (Exception e) {
          statuses.put(n, null);
        }
      }
      String row = "%-44s %-17s %8s %-14s %6s %-9s %8s %s%n";
      out.printf(row, "node", "address", "stake", "health", "knows", "fleet", "policies", "state");
      int down = 0;
      for (Map.Entry<NodeMetadata, Map<String, Object>> e : statuses.entrySet()) {
        NodeMetadata n = e.getKey();
        Map<String, Object> s = e.getValue();
        String where = n.host() + ":" + n.port();
        String health = HealthView.summary(n.address().toHex(), statuses.values());
        if (s == null) {
          down++;
          out.printf(row, n.address(), where, "-", health, "-", "-", "-", "DOWN");
          continue;
        }
        Map<?, ?> network = s.get("network") instanceof Map ? (Map<?, ?>) s.get("network") : Map.of();
        out.printf(row, n.address(), where, s.get("stake"), health, network.get("known_nodes"),
            network.get("fleet_state"), s.get("policies"), "up");
      }
      out.println(net.running().size() + " node process(es) running in " + net.dir()
          + (down > 0 ? "; " + down + " not answering" : "")
          + ". health: verdicts of the peers that checked the node (healthy/checked); knows: other nodes it knows;"
          + " fleet: its fleet-state checksum (equal when nodes agree on the network)");
      return 0;
    }
  }

  /** Turns the health records in the nodes' status into one column. */
  static final class HealthView {
    private HealthView() {}

    static String summary(String address, java.util.Collection<Map<String, Object>> statuses) {
      int checked = 0;
      int healthy = 0;
      for (Map<String, Object> s : statuses) {
        if (s == null || !(s.get("health") instanceof Map)) {
          continue;
        }
        Object record = ((Map<?, ?>) s.get("health")).get(address);
        if (record instanceof Map && ((Map<?, ?>) record).get("verdict") instanceof String verdict
            && !verdict.equals("unknown")) {
          checked++;
          if (verdict.equals("healthy")) {
            healthy++;
          }
        }
      }
      if (checked == 0) {
        return "not checked";
      }
      return (healthy * 2 > checked ? "ok " : "UNHEALTHY ") + healthy + "/" + checked;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Health-check every node now, from here, as an anonymous client would: reachable, an old"
          + " challenge policy still re-encrypts correctly, create → re-encrypt → revoke works.")
  public static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", defaultValue = DEFAULT_DIR) Path dir;

    @Override
    public Integer call() throws Exception {
      java.util.Map<dev.nkms.protocol.NodeAddress, NodeMetadata> newest = new java.util.TreeMap<>();
      new LocalNetwork(dir).nodes().nodes().forEach(n -> newest.put(n.address(), n));
      java.util.List<NodeMetadata> nodes = java.util.List.copyOf(newest.values());
      int unhealthy = 0;
      try (HealthMonitor monitor = new HealthMonitor(() -> nodes, HttpsNodeClient.factory(),
          java.time.Clock.systemUTC(), dev.nkms.crypto.RandomSource.secure())) {
        for (HealthRecord r : monitor.checkAllNow().values()) {
          boolean bad = r.verdict() == HealthRecord.Verdict.UNHEALTHY;
          unhealthy += bad ? 1 : 0;
          spec.commandLine().getOut().println(r.peer() + "  " + r.verdict().name().toLowerCase(java.util.Locale.ROOT));
          r.results().forEach((check, result) -> spec.commandLine().getOut().println("    "
              + check.name().toLowerCase(java.util.Locale.ROOT) + ": " + result));
        }
      }
      spec.commandLine().getOut().println(nodes.size() + " node(s) checked, " + unhealthy + " unhealthy");
      return unhealthy == 0 ? 0 : 1;
    }
  }

  @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local network's node processes.")
  public static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", defaultValue = DEFAULT_DIR) Path dir;

    @Override
    public Integer call() throws Exception {
      int stopped = new LocalNetwork(dir).down(Duration.ofSeconds(10));
      spec.commandLine().getOut().println(stopped == 0 ? "no node processes were running" : "stopped " + stopped + " node(s)");
      return 0;
    }
  }
}
