package dev.nkms.app.bench;

import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.ReencryptionRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the time of one re-encryption request goes, for reading the throughput figures: the round
 * trip on a pooled and on a new connection (the TLS handshake), and an fsync on the nodes' disk.
 * Notes only, not in the JSON.
 */
final class RequestCostProbes {
  private final NetworkBenchSettings settings;
  private final BenchLog log;
  private final List<ProcessHandle> nodeProcesses;

  RequestCostProbes(
      NetworkBenchSettings settings, BenchLog log, List<ProcessHandle> nodeProcesses) {
    this.settings = settings;
    this.log = log;
    this.nodeProcesses = nodeProcesses;
  }

  /**
   * Round trip of one 1-capsule request to one node: pooled connection, and a new client (new TLS
   * handshake).
   */
  void roundTrips(NodeApiFactory clients, BenchRequests requests, NodeMetadata node)
      throws Exception {
    int count = Math.max(10, Math.min(500, 5 * settings.minSamples()));
    NodeApi warmApi = clients.connect(node);
    for (int i = 0; i < Math.min(20, count); i++) {
      Sink.keep(warmApi.reencrypt(requests.sign(1, i)));
    }
    // Idle baseline of the node processes (JIT, GC, timers), to tell it apart from the per-request
    // cost below.
    long idle0 = ProcessCpu.nanos(nodeProcesses);
    long idleStart = System.nanoTime();
    Thread.sleep((long) Math.min(1000, Math.max(200, settings.seconds() * 1000)));
    double idleCpuPerSecond =
        (ProcessCpu.nanos(nodeProcesses) - idle0) / ((System.nanoTime() - idleStart) / 1e9);
    List<Double> warm = new ArrayList<>();
    List<Double> sign = new ArrayList<>();
    long nodeCpu0 = ProcessCpu.nanos(nodeProcesses);
    long clientCpu0 = ProcessCpu.ownNanos();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      ReencryptionRequest r = requests.sign(1, i);
      long t1 = System.nanoTime();
      Sink.keep(warmApi.reencrypt(r));
      long t2 = System.nanoTime();
      sign.add((t1 - t0) / 1e3);
      warm.add((t2 - t1) / 1e6);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double nodeCpuUs =
        (ProcessCpu.nanos(nodeProcesses) - nodeCpu0 - idleCpuPerSecond * seconds) / 1e3 / count;
    double clientCpuUs = (ProcessCpu.ownNanos() - clientCpu0) / 1e3 / count;
    List<Double> cold = new ArrayList<>();
    int coldCount = Math.min(30, Math.max(2, count / 10));
    for (int i = 0; i < coldCount + 2; i++) {
      ReencryptionRequest r = requests.sign(1, i);
      long t = System.nanoTime();
      Sink.keep(
          HttpsNodeClient.connect(node, NetworkBench.CONNECT_TIMEOUT, NetworkBench.REQUEST_TIMEOUT)
              .reencrypt(r));
      if (i >= 2) {
        cold.add((System.nanoTime() - t) / 1e6);
      }
    }
    SampleStats w = SampleStats.of(warm);
    SampleStats c = SampleStats.of(cold);
    log.note(
        "round trip",
        String.format(
            Locale.ROOT,
            "1 capsule, 1 node, %d sequential requests: pooled connection p50 %.2f ms (node CPU %.0f µs/request after "
                + "subtracting the idle %.0f µs/s of all nodes; client CPU %.0f µs/request incl. signing %.0f µs); "
                + "new client + TLS handshake p50 %.2f ms (%d requests; ≈ %.2f ms more)",
            count,
            w.p50(),
            nodeCpuUs,
            idleCpuPerSecond / 1e3,
            clientCpuUs,
            SampleStats.of(sign).p50(),
            c.p50(),
            cold.size(),
            c.p50() - w.p50()));
  }

  /** Median time to write 64 bytes and fsync, on the disk holding the node databases. */
  void fsync(Path dir) throws IOException {
    Path f = dir.resolve("fsync-probe");
    List<Double> t = new ArrayList<>();
    try (FileChannel ch =
        FileChannel.open(
            f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      for (int i = 0; i < 25; i++) {
        long t0 = System.nanoTime();
        ch.write(ByteBuffer.wrap(new byte[64]));
        ch.force(true);
        t.add((System.nanoTime() - t0) / 1e6);
      }
    } finally {
      Files.deleteIfExists(f);
    }
    SampleStats s = SampleStats.of(t.subList(5, t.size()));
    log.note(
        "fsync",
        String.format(
            Locale.ROOT,
            "write 64 B + fsync on the node disk: p50 %.2f ms, max %.2f ms "
                + "(each re-encryption request commits one access-log row, synchronous=FULL)",
            s.p50(),
            s.max()));
  }
}
