package dev.nkms.cli.network;

import dev.nkms.client.transport.HttpsNodeClient;
import dev.nkms.protocol.NodeMetadata;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nkms network up|status|down}: a local network of node processes on loopback. */
@Command(name = "network", mixinStandardHelpOptions = true, description = "Run a local network of nodes.",
    subcommands = {NetworkCommand.Up.class, NetworkCommand.Status.class, NetworkCommand.Down.class})
public final class NetworkCommand {
  static final String DEFAULT_DIR = ".nkms/network";

  @Command(name = "up", mixinStandardHelpOptions = true,
      description = "Start N node processes on loopback and write DIR/nodes.list for clients.")
  public static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "5", description = "How many nodes (default 5).") int nodes;

    @Option(names = "--dir", defaultValue = DEFAULT_DIR, description = "Network directory (default " + DEFAULT_DIR
        + ").") Path dir;

    @Override
    public Integer call() throws Exception {
      if (nodes < 1 || nodes > 64) {
        throw new dev.nkms.cli.UserError(2, "--nodes must be between 1 and 64");
      }
      LocalNetwork net = new LocalNetwork(dir);
      net.up(nodes, Duration.ofSeconds(90), line -> spec.commandLine().getErr().println("  " + line));
      spec.commandLine().getOut().println(nodes + " nodes up; node list: " + net.nodeList());
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true, description = "Show each node of the local network.")
  public static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", defaultValue = DEFAULT_DIR) Path dir;

    @Override
    public Integer call() throws Exception {
      LocalNetwork net = new LocalNetwork(dir);
      int down = 0;
      spec.commandLine().getOut().printf("%-44s %-17s %9s %12s %11s %s%n", "node", "address", "policies", "revocations", "log entries",
          "state");
      for (NodeMetadata n : net.nodes().nodes()) {
        String where = n.host() + ":" + n.port();
        try {
          Map<String, Object> s = HttpsNodeClient.connect(n, Duration.ofSeconds(2), Duration.ofSeconds(3)).status();
          spec.commandLine().getOut().printf("%-44s %-17s %9s %12s %11s %s%n", n.address(), where, s.get("policies"),
              s.get("revocations"), s.get("access_log_entries"), "up");
        } catch (Exception e) {
          down++;
          spec.commandLine().getOut().printf("%-44s %-17s %9s %12s %11s %s%n", n.address(), where, "-", "-", "-", "DOWN");
        }
      }
      spec.commandLine().getOut().println(net.running().size() + " node process(es) running in " + net.dir()
          + (down > 0 ? "; " + down + " not answering" : ""));
      return 0;
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
