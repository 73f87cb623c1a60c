package dev.nkms.app.bench;

import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.keys.AliceKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The throughput phases: {@code threads} client threads in a closed loop send re-encryption
 * requests of k capsules straight to the policy's nodes, round-robin; capsules re-encrypted per
 * second, network-wide (per node, CPU and latency in the note).
 */
final class ThroughputLoad {
  private final NetworkBenchSettings settings;
  private final BenchLog log;
  private final BenchRequests requests;
  private final List<NodeMetadata> nodes;
  private final NodeApiFactory clients;
  private final List<ProcessHandle> processes;

  /**
   * Thread CPU of one in-process reencrypt, µs: how much of the nodes' CPU per capsule is
   * re-encryption.
   */
  private final double reencryptCpuMicros;

  ThroughputLoad(
      NetworkBenchSettings settings,
      BenchLog log,
      BenchRequests requests,
      List<NodeMetadata> nodes,
      NodeApiFactory clients,
      List<ProcessHandle> processes,
      double reencryptCpuMicros) {
    this.settings = settings;
    this.log = log;
    this.requests = requests;
    this.nodes = List.copyOf(nodes);
    this.clients = clients;
    this.processes = processes;
    this.reencryptCpuMicros = reencryptCpuMicros;
  }

  /** The answers are right: signed by the node, for these capsules, and every cfrag verifies. */
  void checkAnswers(AliceKeys alice, PublicKey bobKey) throws Exception {
    PublicKey policyKey = alice.policyEncryptingKey(requests.policy().label());
    for (NodeMetadata node : nodes) {
      ReencryptionRequest r = requests.sign(3, 0);
      ReencryptionResponse response = clients.connect(node).reencrypt(r);
      List<CapsuleFrag> cfrags =
          response.verify(node.verifyingKey(), requests.policy().hrac(), r.capsules());
      for (int i = 0; i < cfrags.size(); i++) {
        Sink.keep(
            cfrags.get(i).verify(r.capsules().get(i), alice.verifyingKey(), policyKey, bobKey));
      }
    }
  }

  /** Capsules re-encrypted per second over the whole network, requests of {@code size} capsules. */
  double throughput(int size) throws Exception {
    String what = size + "-capsule requests";
    log.say(
        "throughput, %s: %d client threads over %d nodes; warm-up %.1f s (signing on the fly)",
        what, settings.threads(), nodes.size(), settings.seconds() / 2);
    // Warm-up: signs as it goes; its rate sizes the pre-signed pool of the measured phase.
    Phase warm = phase(size, settings.seconds() / 2, null);
    double rate = warm.requests / Math.max(warm.seconds, 1e-3);
    int poolSize =
        (int) Math.min(60_000, Math.ceil(rate * settings.seconds() * 2) + 4L * settings.threads());
    long t0 = System.nanoTime();
    ReencryptionRequest[] pool = new ReencryptionRequest[poolSize];
    for (int i = 0; i < poolSize; i++) {
      pool[i] = requests.sign(size, i);
    }
    log.say(
        "  warm-up %.0f requests/s; pre-signed %d requests in %.1f s",
        rate, poolSize, (System.nanoTime() - t0) / 1e9);
    Phase p = phase(size, settings.seconds(), pool);
    double perSecond = p.capsules / p.seconds;
    StringBuilder perNode = new StringBuilder();
    for (int i = 0; i < nodes.size(); i++) {
      perNode
          .append(i == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%.0f", p.perNode[i] / p.seconds));
    }
    double nodeCpuPerReq = p.nodeCpuNanos / 1e3 / p.requests;
    double clientCpuPerReq = p.clientCpuNanos / 1e3 / p.requests;
    int cores = Runtime.getRuntime().availableProcessors();
    String text =
        String.format(
            Locale.ROOT,
            "%.1f capsules/s network-wide (%.1f requests/s, %.1f s, %d requests%s%s); per node [%s] capsules/s; "
                + "node CPU %.0f µs/request = %.0f µs/capsule; client CPU %.0f µs/request; "
                + "CPU busy %.0f %% of %d cores (nodes %.0f %%, client %.0f %%); latency p50 %.2f ms, p99 %.2f ms",
            perSecond,
            p.requests / p.seconds,
            p.seconds,
            p.requests,
            p.errors > 0 ? ", " + p.errors + " failed: " + p.firstError : "",
            p.poolExhausted ? ", pool exhausted early" : "",
            perNode,
            nodeCpuPerReq,
            nodeCpuPerReq / size,
            clientCpuPerReq,
            SampleStats.percentOfCores((p.nodeCpuNanos + p.clientCpuNanos) / 1e9, p.seconds, cores),
            cores,
            SampleStats.percentOfCores(p.nodeCpuNanos / 1e9, p.seconds, cores),
            SampleStats.percentOfCores(p.clientCpuNanos / 1e9, p.seconds, cores),
            p.latency.p50(),
            p.latency.p99());
    if (size == NetworkBench.BATCH) {
      double perCapsule = p.nodeCpuNanos / 1e3 / p.capsules;
      text +=
          String.format(
              Locale.ROOT,
              "; node-CPU capacity %d cores × 10⁶ / %.0f µs = %.0f capsules/s, i.e. "
                  + "the nodes spend %.0f %% of their CPU in reencrypt (reencrypt thread CPU %.1f µs / node CPU per "
                  + "capsule)",
              cores,
              perCapsule,
              cores * 1e6 / perCapsule,
              100 * reencryptCpuMicros / perCapsule,
              reencryptCpuMicros);
    }
    log.note("throughput_" + size, text);
    return perSecond;
  }

  /** One closed-loop run; {@code pool} null = sign on the fly. */
  private Phase phase(int size, double seconds, ReencryptionRequest[] pool) throws Exception {
    int n = nodes.size();
    AtomicInteger next = new AtomicInteger();
    AtomicLongArray perNode = new AtomicLongArray(n);
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    List<List<Double>> latencies = new ArrayList<>();
    NodeApi[] apis = new NodeApi[n];
    for (int i = 0; i < n; i++) {
      apis[i] = clients.connect(nodes.get(i));
    }
    long nodeCpu0 = ProcessCpu.nanos(processes);
    long clientCpu0 = ProcessCpu.ownNanos();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    ExecutorService threads =
        Executors.newFixedThreadPool(
            settings.threads(),
            r -> {
              Thread t = new Thread(r, "nkms-bench-load");
              t.setDaemon(true);
              return t;
            });
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < settings.threads(); t++) {
        List<Double> mine = new ArrayList<>();
        latencies.add(mine);
        futures.add(
            threads.submit(
                () -> {
                  while (System.nanoTime() < deadline) {
                    int k = next.getAndIncrement();
                    ReencryptionRequest r;
                    if (pool == null) {
                      r = requests.sign(size, k);
                    } else if (k < pool.length) {
                      r = pool[k];
                      pool[k] = null;
                    } else {
                      break;
                    }
                    int node = k % n;
                    long t0 = System.nanoTime();
                    try {
                      ReencryptionResponse response = apis[node].reencrypt(r);
                      if (response.cfrags().size() != size) {
                        throw new IllegalStateException(
                            "node answered "
                                + response.cfrags().size()
                                + " cfrags for "
                                + size
                                + " capsules");
                      }
                      perNode.addAndGet(node, size);
                      mine.add((System.nanoTime() - t0) / 1e6);
                    } catch (NodeException e) {
                      errors.incrementAndGet();
                      firstError.compareAndSet(null, e.getMessage());
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
    long end = System.nanoTime();
    long nodeCpu = ProcessCpu.nanos(processes) - nodeCpu0;
    long clientCpu = ProcessCpu.ownNanos() - clientCpu0;
    Phase p = new Phase();
    p.seconds = (end - start) / 1e9;
    p.perNode = new long[n];
    for (int i = 0; i < n; i++) {
      p.perNode[i] = perNode.get(i);
      p.capsules += p.perNode[i];
    }
    p.requests = p.capsules / size;
    p.errors = errors.get();
    p.firstError = firstError.get();
    p.poolExhausted = pool != null && next.get() >= pool.length;
    p.nodeCpuNanos = nodeCpu;
    p.clientCpuNanos = clientCpu;
    List<Double> all = new ArrayList<>();
    latencies.forEach(all::addAll);
    if (all.isEmpty()) {
      throw new IllegalStateException("no re-encryption request succeeded: " + p.firstError);
    }
    p.latency = SampleStats.of(all);
    return p;
  }

  /** What one closed-loop run counted. */
  private static final class Phase {
    double seconds;
    long[] perNode;
    long capsules;
    long requests;
    long errors;
    String firstError;
    boolean poolExhausted;
    long nodeCpuNanos;
    long clientCpuNanos;
    SampleStats latency;
  }
}
