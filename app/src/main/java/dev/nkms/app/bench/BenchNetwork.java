package dev.nkms.app.bench;

import dev.nkms.app.network.LocalNetwork;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fresh {@link LocalNetwork} in a temporary directory for one benchmark run, always stopped and
 * deleted again: by {@link #close}, or by a shutdown hook on Ctrl-C, whichever comes first (the
 * other does nothing). The node processes are kept as this JVM's children, so that stopping them
 * and their CPU accounting do not depend on recognising them by command line.
 */
final class BenchNetwork implements AutoCloseable {
  private final LocalNetwork network;
  private final Path dir;
  private final int size;
  private final BenchLog log;

  /** The node processes, as this JVM's children (filled in once {@code up} returns or fails). */
  private final List<ProcessHandle> nodes = new CopyOnWriteArrayList<>();

  private final Thread hook;
  private boolean done;
  private boolean succeeded;

  private BenchNetwork(LocalNetwork network, Path dir, int size, BenchLog log) {
    this.network = network;
    this.dir = dir;
    this.size = size;
    this.log = log;
    this.hook = new Thread(this::stop, "nkms-bench-network-cleanup");
  }

  /**
   * A network of {@code size} nodes of {@code nodeMain} in a new temporary directory, not started
   * yet.
   */
  static BenchNetwork create(int size, String nodeMain, BenchLog log) throws IOException {
    Path dir = Files.createTempDirectory("nkms-bench-network-");
    BenchNetwork bench = new BenchNetwork(new LocalNetwork(dir, nodeMain), dir, size, log);
    Runtime.getRuntime().addShutdownHook(bench.hook);
    return bench;
  }

  LocalNetwork network() {
    return network;
  }

  /** The node processes (complete once {@link #up} has returned). */
  List<ProcessHandle> nodeProcesses() {
    return nodes;
  }

  /** Starts the nodes and waits until all serve. */
  void up() throws Exception {
    long t0 = System.nanoTime();
    log.say("starting %d node processes in %s (load average %.2f)", size, dir, loadAverage());
    Set<Long> before = childPids();
    try {
      network.up(size, Duration.ofSeconds(180), line -> log.say("  %s", line));
      log.say("network up in %.1f s", (System.nanoTime() - t0) / 1e9);
    } finally {
      ProcessHandle.current().children().filter(h -> !before.contains(h.pid())).forEach(nodes::add);
    }
  }

  /** The run succeeded: {@link #close} need not show the nodes' logs. */
  void markSucceeded() {
    succeeded = true;
  }

  /**
   * Shows the nodes' last log lines unless the run {@link #markSucceeded succeeded}, then stops and
   * deletes it all.
   */
  @Override
  public void close() {
    if (!succeeded) {
      dumpLogs();
    }
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down (Ctrl-C); the hook has run or is running stop(), which is
      // idempotent
    }
  }

  /**
   * Stops the network and deletes its directory, once, whoever calls first (close or the shutdown
   * hook).
   */
  private synchronized void stop() {
    if (done) {
      return;
    }
    done = true;
    long alive = nodes.stream().filter(ProcessHandle::isAlive).count();
    try {
      network.down(Duration.ofSeconds(10));
    } catch (IOException | RuntimeException e) {
      log.say("could not stop the network in %s: %s", dir, e);
    }
    // Whatever down() did not stop (it finds nodes by pid file and command line): SIGTERM, then
    // SIGKILL.
    for (ProcessHandle h : nodes) {
      h.destroy();
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    for (ProcessHandle h : nodes) {
      try {
        h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    long left = nodes.stream().filter(ProcessHandle::isAlive).count();
    log.say(
        "network stopped (%d node processes)%s",
        alive, left > 0 ? "; " + left + " did not exit yet" : "");
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      log.say("could not delete %s: %s", dir, e);
    }
  }

  private void dumpLogs() {
    for (int i = 1; i <= size; i++) {
      Path nodeLog = network.nodeDir(i).resolve("node.log");
      try {
        if (Files.exists(nodeLog)) {
          List<String> lines = Files.readAllLines(nodeLog, StandardCharsets.UTF_8);
          log.say("--- node-%d log (last lines) ---", i);
          lines
              .subList(Math.max(0, lines.size() - 8), lines.size())
              .forEach(l -> log.say("  %s", l));
        }
      } catch (IOException | RuntimeException e) {
        // best effort only
      }
    }
  }

  private static Set<Long> childPids() {
    Set<Long> pids = new HashSet<>();
    ProcessHandle.current().children().forEach(h -> pids.add(h.pid()));
    return pids;
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
