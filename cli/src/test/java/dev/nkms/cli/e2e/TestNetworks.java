package dev.nkms.cli.e2e;

import dev.nkms.app.network.LocalNetwork;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starting and, above all, reliably stopping a LocalNetwork from a test class. */
final class TestNetworks {
  static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration GRACE = Duration.ofSeconds(10);

  private TestNetworks() {}

  static LocalNetwork start(Path dir, int nodes) throws Exception {
    LocalNetwork network = new LocalNetwork(dir, dev.nkms.cli.Main.class.getName());
    try {
      network.up(nodes, START_TIMEOUT, line -> {});
    } catch (Exception | Error e) {
      stop(network);
      throw e;
    }
    return network;
  }

  /**
   * {@code network.down}, then stops any node process of this network that this JVM started and
   * that is still alive. The second step is needed because LocalNetwork.running() identifies its
   * nodes by {@code ProcessHandle.Info.commandLine()}, which the JDK truncates to 4096 characters
   * on Linux: with the test classpath the main class is cut off, so {@code down} skips every node
   * (nor could it stop nodes {@code up} had started when it failed before writing the pid file).
   * Returns how many processes that second step had to stop.
   */
  static int stop(LocalNetwork network) throws IOException {
    int leftovers = 0;
    try {
      network.down(GRACE);
    } finally {
      leftovers = stopLeftovers(network.dir());
    }
    return leftovers;
  }

  private static int stopLeftovers(Path dir) {
    List<ProcessHandle> left =
        ProcessHandle.current().children().filter(h -> h.isAlive() && isNodeOf(h, dir)).toList();
    left.forEach(ProcessHandle::destroy);
    for (ProcessHandle h : left) {
      try {
        h.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        h.destroyForcibly();
      } catch (Exception e) {
        h.destroyForcibly();
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (!left.isEmpty()) {
      System.err.println(
          "e2e: LocalNetwork.down left "
              + left.size()
              + " node process(es) of "
              + dir
              + " running; stopped them");
    }
    return left.size();
  }

  /**
   * Reads the full command line from /proc (not truncated), falling back to the JDK's view
   * elsewhere.
   */
  private static boolean isNodeOf(ProcessHandle h, Path dir) {
    Path cmdline = Path.of("/proc", Long.toString(h.pid()), "cmdline");
    try {
      String c = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace('\0', ' ');
      return c.contains("dev.nkms.cli.Main") && c.contains(dir.toString());
    } catch (IOException | UnsupportedOperationException e) {
      return h.info().commandLine().map(c -> c.contains("dev.nkms.cli.Main")).orElse(false);
    }
  }
}
