package dev.nkms.app.network;

import dev.nkms.client.NkmsException;
import dev.nkms.client.NkmsException.Kind;
import dev.nkms.protocol.NodeMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The node processes of a local network: starting one (the node program in a new JVM, its output
 * appended to its node.log), waiting until it serves, the pid file (node index → pid), and stopping
 * them. A pid counts as a node of this network only while its command line carries this network's
 * marker, so that a recycled pid is left alone.
 */
final class NodeProcesses {
  private static final String PIDS = "pids";

  private final Path dir;
  private final Optional<String> nodeMain;
  private final NodeDirs nodeDirs;

  /** {@code nodeMain} empty: these processes can be inspected and stopped, not started. */
  NodeProcesses(Path dir, Optional<String> nodeMain, NodeDirs nodeDirs) {
    this.dir = dir;
    this.nodeMain = nodeMain;
    this.nodeDirs = nodeDirs;
  }

  /**
   * Starts the node in node-i's directory: {@code node run --data-dir DIR --passphrase-file FILE},
   * then {@code arguments}; {@code env} is added to the environment (the passphrase and fault
   * variables are not inherited).
   */
  Process start(int i, Path passphraseFile, List<String> arguments, Map<String, String> env)
      throws IOException {
    Path nodeDir = nodeDirs.of(i);
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    // First, so it survives the kernel's truncation of long command lines: how running() recognises
    // our nodes.
    cmd.add(marker());
    String backend = System.getProperty("nkms.backend");
    if (backend != null) {
      cmd.add("-Dnkms.backend=" + backend);
    }
    if (Runtime.version().feature() >= 22) {
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(
        nodeMain.orElseThrow(
            () ->
                new IllegalStateException(
                    "this LocalNetwork was made to inspect or stop a"
                        + " network; give it the node program to start nodes")));
    cmd.addAll(
        List.of(
            "node",
            "run",
            "--data-dir",
            nodeDir.toString(),
            "--passphrase-file",
            passphraseFile.toString()));
    cmd.addAll(arguments);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(nodeDirs.log(i).toFile()));
    pb.environment().remove("NKMS_PASSPHRASE"); // nodes read the network's own passphrase file
    pb.environment().remove("NKMS_DEV_FAULT");
    pb.environment().putAll(env);
    return pb.start();
  }

  /**
   * Waits until node i has written its metadata (it serves), until {@code p} exits, or until the
   * deadline.
   */
  NodeMetadata awaitMetadata(int i, Process p, Instant deadline)
      throws IOException, InterruptedException {
    // Polls for a file another process writes; the process exiting or the deadline ends the wait.
    while (Instant.now().isBefore(deadline)) {
      if (nodeDirs.hasMetadata(i)) {
        return nodeDirs.metadata(i);
      }
      if (!p.isAlive()) {
        throw new NkmsException(
            Kind.FAILED,
            "node-"
                + i
                + " exited with code "
                + p.exitValue()
                + "; see "
                + nodeDirs.log(i)
                + ":\n"
                + tail(nodeDirs.log(i)));
      }
      Thread.sleep(50);
    }
    throw new NkmsException(
        Kind.FAILED, "node-" + i + " did not start within the timeout; see " + nodeDirs.log(i));
  }

  /**
   * Whether node i's process exited because its port was in use: its last log lines carry the
   * node's own one-line reason ({@link dev.nkms.node.http.PortInUseException#MARKER}).
   */
  boolean lostItsPort(int i, Process p) throws IOException {
    if (p.isAlive()) {
      return false;
    }
    String log = tail(nodeDirs.log(i));
    return log.contains(dev.nkms.node.http.PortInUseException.MARKER);
  }

  /** SIGKILL for node i's process (no shutdown hook runs). False if it is not running. */
  boolean kill(int i) throws IOException {
    Long pid = pids().get(i);
    if (pid == null) {
      return false;
    }
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty()) {
      return false;
    }
    h.get().destroyForcibly();
    try {
      h.get().onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("node-" + i + " (pid " + pid + ") did not die after SIGKILL", e);
    }
    return true;
  }

  /**
   * Stops every running node process (SIGTERM, then SIGKILL after the grace period); how many were
   * running.
   */
  int down(Duration grace) throws IOException {
    List<ProcessHandle> handles = new ArrayList<>();
    for (long pid : running()) {
      ProcessHandle.of(pid)
          .ifPresent(
              h -> {
                h.destroy();
                handles.add(h);
              });
    }
    Instant deadline = Instant.now().plus(grace);
    for (ProcessHandle h : handles) {
      try {
        h.onExit()
            .get(
                Math.max(1, Duration.between(Instant.now(), deadline).toMillis()),
                TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    Files.deleteIfExists(dir.resolve(PIDS));
    return handles.size();
  }

  /** Pids from the pid file that are still alive and are nkms node processes. */
  List<Long> running() throws IOException {
    List<Long> alive = new ArrayList<>();
    for (long pid : pids().values()) {
      Optional<ProcessHandle> h = ProcessHandle.of(pid);
      if (h.isPresent()
          && h.get().isAlive()
          && h.get().info().commandLine().map(c -> c.contains(marker())).orElse(true)) {
        alive.add(pid);
      }
    }
    return alive;
  }

  /** The pid file: node index → pid, in index order (empty if there is none). */
  Map<Integer, Long> pids() throws IOException {
    Path pidFile = dir.resolve(PIDS);
    Map<Integer, Long> pids = new TreeMap<>();
    if (!Files.exists(pidFile)) {
      return pids;
    }
    for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2) {
        try {
          pids.put(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
        } catch (NumberFormatException e) {
          throw new NkmsException(Kind.INVALID_INPUT, pidFile + " is damaged: '" + line + "'");
        }
      }
    }
    return pids;
  }

  /** Replaces the pid file. */
  void writePids(Map<Integer, Long> pids) throws IOException {
    StringBuilder sb = new StringBuilder();
    pids.forEach((i, pid) -> sb.append(i).append(' ').append(pid).append('\n'));
    Files.writeString(dir.resolve(PIDS), sb.toString(), StandardCharsets.UTF_8);
  }

  /** Adds (or replaces) node i's pid in the pid file. */
  void recordPid(int i, long pid) throws IOException {
    Map<Integer, Long> pids = pids();
    pids.put(i, pid);
    writePids(pids);
  }

  private String marker() {
    return "-Dnkms.local-network=" + dir;
  }

  private static String tail(Path log) throws IOException {
    if (!Files.exists(log)) {
      return "";
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
  }
}
