package dev.nkms.app.bench;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.Policy;
import dev.nkms.client.bob.Bob;
import dev.nkms.client.bob.Retrieval;
import dev.nkms.client.bob.RetrievalOptions;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobKeys;
import dev.nkms.client.message.Enrico;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.network.transport.NodeApi;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.PublicKey;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.registry.StaticNodeList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * End-to-end timings on a fresh local network of real node processes (HTTPS on loopback, SQLite, one JVM each),
 * started in a temporary directory and always stopped again (also on failure and on Ctrl-C, by a shutdown hook).
 *
 * <p>What is measured, in this order:
 * <ol>
 *   <li>{@code reencrypt_us}: one {@code Umbral.reencrypt} in this process before any node starts, with the method
 *       of {@link CryptoBench} (warm-up, 3 rounds, median), for the throughput target
 *       {@code 0.70 × cores × 10⁶ / reencrypt_us};
 *   <li>{@code grant_ms_3_of_5}: median {@link Alice#grant} of a ⌈3n/5⌉-of-n policy (3-of-5 by default), fresh labels;
 *   <li>{@code retrieve_1_*} and {@code retrieve_100_*}: {@link Bob#retrieve} of 1 and of 100 message kits, default
 *       {@link RetrievalOptions} (hedge 1), one Bob and one connection pool throughout, after a warm-up;
 *   <li>{@code throughput_*}: 8 client threads (closed loop) send pre-signed {@link ReencryptionRequest}s of 1 or 100
 *       capsules straight to the nodes through {@link NodeApi}, round-robin, so that Bob's verification and
 *       decryption do not count; capsules re-encrypted per second, network-wide (per node on stderr).
 * </ol>
 * Alongside, for reading the figures, it records: the CPU time the node processes and this process spent per
 * retrieval and per request (from {@link ProcessHandle.Info#totalCpuDuration()}, so JIT and GC threads count too);
 * a 1-capsule retrieval with hedge 0 (no request left in flight when the retrieval ends); the round trip of one
 * request on a pooled and on a new connection (the TLS handshake); and an fsync on the temp directory's disk (each
 * re-encryption request commits one access-log row with {@code synchronous=FULL}). These go to the progress stream
 * and {@link Result#notes}, not to the JSON.
 */
public final class NetworkBench {
  /** The JSON keys, in output order. */
  public static final List<String> KEYS = List.of(
      "grant_ms_3_of_5", "retrieve_1_p50_ms", "retrieve_1_p99_ms", "retrieve_100_p50_ms", "retrieve_100_p99_ms",
      "throughput_1_capsule_per_s", "throughput_100_capsule_per_s", "reencrypt_us", "throughput_target_per_s");

  /** The targets. */
  public static final double RETRIEVE_1_P50_TARGET_MS = 20;
  public static final double THROUGHPUT_TARGET_FRACTION = 0.70;

  public static final int MIN_GRANTS = 10;
  public static final int WARMUP_GRANTS = 3;
  public static final int BATCH = 100;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final byte[] MESSAGE = "peace at dawn".getBytes(StandardCharsets.UTF_8);

  /** Settings. */
  public static final class Settings {
    final int nodes;
    final double seconds;
    final int minSamples;
    final int threads;
    final double reencryptSeconds;

    /**
     * @param nodes node processes to start (the policy is ⌈3n/5⌉-of-n over all of them)
     * @param seconds measured time per phase (warm-up: half of it)
     * @param minSamples latency phases run at least this many retrievals, however long that takes
     * @param threads concurrent client threads in the throughput phases
     * @param reencryptSeconds round length for the in-process reencrypt timing
     */
    public Settings(int nodes, double seconds, int minSamples, int threads, double reencryptSeconds) {
      if (nodes < 1 || nodes > 32) {
        throw new IllegalArgumentException("nodes must be in 1..32, got " + nodes);
      }
      if (!(seconds > 0) || seconds > 120) {
        throw new IllegalArgumentException("seconds must be in (0, 120], got " + seconds);
      }
      if (minSamples < 1 || threads < 1 || threads > 256 || !(reencryptSeconds > 0) || reencryptSeconds > 60) {
        throw new IllegalArgumentException("need min-samples ≥ 1, threads in 1..256, reencrypt seconds in (0, 60]");
      }
      this.nodes = nodes;
      this.seconds = seconds;
      this.minSamples = minSamples;
      this.threads = threads;
      this.reencryptSeconds = reencryptSeconds;
    }

    public int threshold() {
      return Math.max(1, (3 * nodes + 4) / 5);
    }
  }

  /** The outcome: the flat values ({@link #KEYS}) and labelled side measurements. */
  public static final class Result {
    public final Map<String, Double> values;
    /** Side measurements, label → text, in the order they were taken. */
    public final Map<String, String> notes;

    Result(Map<String, Double> values, Map<String, String> notes) {
      this.values = Collections.unmodifiableMap(values);
      this.notes = Collections.unmodifiableMap(notes);
    }

    public boolean retrieveTargetMet() {
      return values.get("retrieve_1_p50_ms") < RETRIEVE_1_P50_TARGET_MS;
    }

    public boolean throughputTargetMet() {
      return values.get("throughput_100_capsule_per_s") >= values.get("throughput_target_per_s");
    }

    /** Exactly one flat JSON object with the {@link #KEYS}: ms to 0.01, everything else to 0.1. */
    public String toJson() {
      StringBuilder sb = new StringBuilder("{");
      for (String k : KEYS) {
        if (sb.length() > 1) {
          sb.append(',');
        }
        String format = k.endsWith("_ms") || k.startsWith("grant_ms") ? "%.2f" : "%.1f";
        sb.append('"').append(k).append("\":").append(String.format(Locale.ROOT, format, values.get(k)));
      }
      return sb.append('}').toString();
    }
  }

  private final Settings settings;
  private final PrintWriter progress;
  private final String nodeMain;
  private final RandomSource random = RandomSource.secure();
  private final Map<String, String> notes = new LinkedHashMap<>();
  private volatile Object sink;
  private double reencryptCpuUs = Double.NaN;
  /** The node processes, once started. */
  private List<ProcessHandle> nodeProcesses = List.of();

  /** {@code nodeMain}: the program each node runs as (see {@link LocalNetwork#LocalNetwork(Path, String)}). */
  public NetworkBench(Settings settings, String nodeMain, PrintWriter progress) {
    this.settings = settings;
    this.nodeMain = nodeMain;
    this.progress = progress;
  }

  public Result run() throws Exception {
    Map<String, Double> values = new LinkedHashMap<>();
    double reencryptUs = reencryptMicros();
    int cores = Runtime.getRuntime().availableProcessors();
    double target = THROUGHPUT_TARGET_FRACTION * cores * 1e6 / reencryptUs;
    say("reencrypt in-process: %.1f µs/op → target %.0f capsules/s (0.70 × %d cores × 10⁶ / %.1f)", reencryptUs,
        target, cores, reencryptUs);

    Path dir = Files.createTempDirectory("nkms-bench-network-");
    LocalNetwork network = new LocalNetwork(dir, nodeMain);
    Cleanup cleanup = new Cleanup(network, dir);
    Thread hook = new Thread(cleanup::run, "nkms-bench-network-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean ok = false;
    try {
      long t0 = System.nanoTime();
      say("starting %d node processes in %s (load average %.2f)", settings.nodes, dir, loadAverage());
      Set<Long> before = childPids();
      try {
        network.up(settings.nodes, Duration.ofSeconds(180), line -> say("  %s", line));
        say("network up in %.1f s", (System.nanoTime() - t0) / 1e9);
      } finally {
        // The node processes are this JVM's children: keep their handles, so that cleanup and the CPU accounting
        // do not depend on recognising them by command line.
        ProcessHandle.current().children().filter(h -> !before.contains(h.pid())).forEach(cleanup.nodes::add);
      }
      measureNetwork(network, network.nodes(), cleanup.nodes, values);
      ok = true;
    } finally {
      if (!ok) {
        dumpLogs(network);
      }
      cleanup.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (Ctrl-C); the hook has run or is running cleanup, which is idempotent
      }
    }
    values.put("reencrypt_us", round(reencryptUs, 1));
    values.put("throughput_target_per_s", round(target, 1));
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String k : KEYS) {
      ordered.put(k, values.get(k));
    }
    return new Result(ordered, notes);
  }

  private void measureNetwork(LocalNetwork network, StaticNodeList nodes, List<ProcessHandle> processes,
      Map<String, Double> values) throws Exception {
    this.nodeProcesses = processes;
    int n = settings.nodes;
    int m = settings.threshold();
    AliceKeys aliceKeys = AliceKeys.random(random);
    BobKeys bobKeys = BobKeys.random(random);
    // Generous connect/request bounds: on a loaded 2-core machine a cold node's first TLS handshake can take
    // longer than the 2 s default, which would fail the run rather than measure it.
    NodeApiFactory clients = HttpsNodeClient.factory(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    warmConnections(clients, nodes.nodes());
    NodeDirectory directory = network.directory();
    Alice alice = new Alice(aliceKeys, directory, clients, Clock.systemUTC(), random, Duration.ofSeconds(10));
    Bob bob = new Bob(bobKeys, directory, clients, Clock.systemUTC(), random, RetrievalOptions.defaults());
    Instant expiry = Instant.now().plus(Duration.ofDays(1));
    String run = Long.toHexString(System.nanoTime());

    // Grants: a few warm-up grants (JIT, TLS connections), then at least MIN_GRANTS timed ones, fresh labels.
    say("grant %d-of-%d: %d warm-up + ≥ %d timed (fresh labels)", m, n, WARMUP_GRANTS, MIN_GRANTS);
    Policy policy = null;
    for (int i = 0; i < WARMUP_GRANTS; i++) {
      policy = alice.grant(bobKeys.card(), "bench-" + run + "-warm-" + i, m, n, expiry, Conditions.NONE);
    }
    List<Double> grants = new ArrayList<>();
    long grantStart = System.nanoTime();
    for (int i = 0; grants.size() < MIN_GRANTS || (System.nanoTime() - grantStart < settings.seconds * 1e9 / 4
        && grants.size() < 200); i++) {
      long t = System.nanoTime();
      sink = alice.grant(bobKeys.card(), "bench-" + run + "-grant-" + i, m, n, expiry, Conditions.NONE);
      grants.add((System.nanoTime() - t) / 1e6);
    }
    Stats grantStats = Stats.of(grants);
    values.put("grant_ms_3_of_5", round(grantStats.p50, 2));
    note("grant", String.format(Locale.ROOT, "%d-of-%d, %d grants: median %.2f ms, min %.2f, max %.2f", m, n,
        grants.size(), grantStats.p50, grantStats.min, grantStats.max));

    // The policy everything below reads: the last warm-up grant's; 100 kits encrypted for its key.
    Enrico enrico = alice.enrico(policy.label());
    List<MessageKit> kits = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      kits.add(enrico.encrypt(new ByteArrayInputStream(MESSAGE), MESSAGE.length, new ByteArrayOutputStream()));
    }
    Policy granted = policy;
    List<MessageKit> one = List.of(kits.get(0));
    latency("retrieve_1", "retrieve 1 capsule", values, () -> checked(bob.retrieve(granted.treasureMap(), one), 1));
    // Side experiment: without the hedge, no request is left in flight (and cancelled) when a retrieval ends.
    Bob unhedged = new Bob(bobKeys, directory, clients, Clock.systemUTC(), random,
        RetrievalOptions.defaults().withHedge(0));
    latency("retrieve_1_hedge_0", "retrieve 1 capsule, hedge 0", new LinkedHashMap<>(),
        () -> unhedged.retrieve(granted.treasureMap(), one));
    latency("retrieve_100", "retrieve 100 capsules", values,
        () -> checked(bob.retrieve(granted.treasureMap(), kits), BATCH));

    // Node throughput: pre-signed requests straight to the nodes, round-robin.
    List<NodeMetadata> holders = new ArrayList<>(granted.nodes().values());
    List<Capsule> capsules = new ArrayList<>();
    kits.forEach(k -> capsules.add(k.capsule()));
    NodeApiFactory loadClients = HttpsNodeClient.factory(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    warmConnections(loadClients, holders);
    Load load = new Load(granted, bobKeys.signer(), capsules, holders, loadClients, processes);
    load.checkAnswers(aliceKeys, bobKeys.encryptingKey().publicKey());
    values.put("throughput_1_capsule_per_s", round(load.throughput(1), 1));
    values.put("throughput_100_capsule_per_s", round(load.throughput(BATCH), 1));

    // Where the time of one request goes: warm connection, new connection (TLS handshake), disk sync.
    roundTrips(load, holders.get(0));
    fsync(network.dir());
  }

  /** The fixture must work while it is timed: every retrieval opens every kit's data key. */
  private static Retrieval checked(Retrieval r, int kits) {
    if (r.size() != kits) {
      throw new IllegalStateException("benchmark fixture is broken: retrieved " + r.size() + " of " + kits + " kits");
    }
    return r;
  }

  /** Opens a connection to every node (GET metadata), retrying for up to a minute while nodes are still busy. */
  private void warmConnections(NodeApiFactory clients, List<NodeMetadata> nodes) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    for (NodeMetadata node : nodes) {
      for (int ok = 0; ok < 3; ) {
        try {
          sink = clients.connect(node).metadata();
          ok++;
        } catch (NodeException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          say("  %s not answering yet (%s); retrying", node.address(), e.getMessage());
          Thread.sleep(500);
        }
      }
    }
  }

  @FunctionalInterface
  private interface Op {
    Object run() throws Exception;
  }

  /**
   * Warm-up S/2 (≥ min(3, minSamples) calls), then ≥ S seconds and ≥ minSamples calls; p50 and p99 (nearest rank)
   * in ms, and the CPU the nodes and this process spent per call.
   */
  private void latency(String key, String label, Map<String, Double> values, Op op) throws Exception {
    say("%s: warm-up %.1f s, then ≥ %.1f s and ≥ %d samples", label, settings.seconds / 2, settings.seconds,
        settings.minSamples);
    long warmEnd = System.nanoTime() + (long) (settings.seconds / 2 * 1e9);
    int warm = 0;
    while (warm < Math.min(3, settings.minSamples) || System.nanoTime() < warmEnd) {
      sink = op.run();
      warm++;
    }
    List<Double> samples = new ArrayList<>();
    long nodeCpu0 = cpuNanos(nodeProcesses);
    long clientCpu0 = ownCpuNanos();
    long start = System.nanoTime();
    long end = start + (long) (settings.seconds * 1e9);
    while (samples.size() < settings.minSamples || System.nanoTime() < end) {
      long t = System.nanoTime();
      sink = op.run();
      samples.add((System.nanoTime() - t) / 1e6);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double nodeMs = (cpuNanos(nodeProcesses) - nodeCpu0) / 1e6 / samples.size();
    double clientMs = (ownCpuNanos() - clientCpu0) / 1e6 / samples.size();
    Stats s = Stats.of(samples);
    values.put(key + "_p50_ms", round(s.p50, 2));
    values.put(key + "_p99_ms", round(s.p99, 2));
    int cores = Runtime.getRuntime().availableProcessors();
    note(key, String.format(Locale.ROOT, "%d samples after %d warm-up: p50 %.2f ms, p99 %.2f ms, min %.2f, max %.2f;"
        + " CPU per retrieval: nodes %.2f ms, client %.2f ms (our processes kept %.0f %% of %d cores busy)",
        samples.size(), warm, s.p50, s.p99, s.min, s.max, nodeMs, clientMs,
        (nodeMs + clientMs) * samples.size() / 1e3 / seconds / cores * 100, cores));
  }

  /** Round trip of one 1-capsule request to one node: pooled connection, and a new client (new TLS handshake). */
  private void roundTrips(Load load, NodeMetadata node) throws Exception {
    int count = Math.max(10, Math.min(500, 5 * settings.minSamples));
    NodeApi warmApi = load.clients.connect(node);
    for (int i = 0; i < Math.min(20, count); i++) {
      sink = warmApi.reencrypt(load.sign(1, i));
    }
    // Idle baseline of the node processes (JIT, GC, timers), to tell it apart from the per-request cost below.
    long idle0 = cpuNanos(load.processes);
    long idleStart = System.nanoTime();
    Thread.sleep((long) Math.min(1000, Math.max(200, settings.seconds * 1000)));
    double idleCpuPerSecond = (cpuNanos(load.processes) - idle0) / ((System.nanoTime() - idleStart) / 1e9);
    List<Double> warm = new ArrayList<>();
    List<Double> sign = new ArrayList<>();
    long nodeCpu0 = cpuNanos(load.processes);
    long clientCpu0 = ownCpuNanos();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long t0 = System.nanoTime();
      ReencryptionRequest r = load.sign(1, i);
      long t1 = System.nanoTime();
      sink = warmApi.reencrypt(r);
      long t2 = System.nanoTime();
      sign.add((t1 - t0) / 1e3);
      warm.add((t2 - t1) / 1e6);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double nodeCpuUs = (cpuNanos(load.processes) - nodeCpu0 - idleCpuPerSecond * seconds) / 1e3 / count;
    double clientCpuUs = (ownCpuNanos() - clientCpu0) / 1e3 / count;
    List<Double> cold = new ArrayList<>();
    int coldCount = Math.min(30, Math.max(2, count / 10));
    for (int i = 0; i < coldCount + 2; i++) {
      ReencryptionRequest r = load.sign(1, i);
      long t = System.nanoTime();
      sink = HttpsNodeClient.connect(node, CONNECT_TIMEOUT, REQUEST_TIMEOUT).reencrypt(r);
      if (i >= 2) {
        cold.add((System.nanoTime() - t) / 1e6);
      }
    }
    Stats w = Stats.of(warm);
    Stats c = Stats.of(cold);
    note("round trip", String.format(Locale.ROOT,
        "1 capsule, 1 node, %d sequential requests: pooled connection p50 %.2f ms (node CPU %.0f µs/request after "
            + "subtracting the idle %.0f µs/s of all nodes; client CPU %.0f µs/request incl. signing %.0f µs); "
            + "new client + TLS handshake p50 %.2f ms (%d requests; ≈ %.2f ms more)", count, w.p50, nodeCpuUs,
        idleCpuPerSecond / 1e3, clientCpuUs, Stats.of(sign).p50, c.p50, cold.size(), c.p50 - w.p50));
  }

  /** Median time to write 64 bytes and fsync, on the disk holding the node databases. */
  private void fsync(Path dir) throws IOException {
    Path f = dir.resolve("fsync-probe");
    List<Double> t = new ArrayList<>();
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND)) {
      for (int i = 0; i < 25; i++) {
        long t0 = System.nanoTime();
        ch.write(ByteBuffer.wrap(new byte[64]));
        ch.force(true);
        t.add((System.nanoTime() - t0) / 1e6);
      }
    } finally {
      Files.deleteIfExists(f);
    }
    Stats s = Stats.of(t.subList(5, t.size()));
    note("fsync", String.format(Locale.ROOT, "write 64 B + fsync on the node disk: p50 %.2f ms, max %.2f ms "
        + "(each re-encryption request commits one access-log row, synchronous=FULL)", s.p50, s.max));
  }

  /** The 8-thread load on the nodes. */
  private final class Load {
    final Policy policy;
    final Signer bob;
    final List<Capsule> capsules;
    final List<NodeMetadata> nodes;
    final NodeApiFactory clients;
    final List<ProcessHandle> processes;

    Load(Policy policy, Signer bob, List<Capsule> capsules, List<NodeMetadata> nodes, NodeApiFactory clients,
        List<ProcessHandle> processes) {
      this.policy = policy;
      this.bob = bob;
      this.capsules = capsules;
      this.nodes = nodes;
      this.clients = clients;
      this.processes = processes;
    }

    ReencryptionRequest sign(int size, int seq) {
      List<Capsule> batch = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        batch.add(capsules.get((seq + i) % capsules.size()));
      }
      return ReencryptionRequest.sign(policy.hrac(), batch, Map.of(), Instant.now(), bob, random);
    }

    /** The answers are right: signed by the node, for these capsules, and every cfrag verifies. */
    void checkAnswers(AliceKeys alice, PublicKey bobKey) throws Exception {
      PublicKey policyKey = alice.policyEncryptingKey(policy.label());
      for (NodeMetadata node : nodes) {
        ReencryptionRequest r = sign(3, 0);
        ReencryptionResponse response = clients.connect(node).reencrypt(r);
        List<CapsuleFrag> cfrags = response.verify(node.verifyingKey(), policy.hrac(), r.capsules());
        for (int i = 0; i < cfrags.size(); i++) {
          sink = cfrags.get(i).verify(r.capsules().get(i), alice.verifyingKey(), policyKey, bobKey);
        }
      }
    }

    /** Capsules re-encrypted per second over the whole network, requests of {@code size} capsules. */
    double throughput(int size) throws Exception {
      String what = size + "-capsule requests";
      say("throughput, %s: %d client threads over %d nodes; warm-up %.1f s (signing on the fly)", what,
          settings.threads, nodes.size(), settings.seconds / 2);
      // Warm-up: signs as it goes; its rate sizes the pre-signed pool of the measured phase.
      Phase warm = phase(size, settings.seconds / 2, null);
      double rate = warm.requests / Math.max(warm.seconds, 1e-3);
      int poolSize = (int) Math.min(60_000, Math.ceil(rate * settings.seconds * 2) + 4L * settings.threads);
      long t0 = System.nanoTime();
      ReencryptionRequest[] pool = new ReencryptionRequest[poolSize];
      for (int i = 0; i < poolSize; i++) {
        pool[i] = sign(size, i);
      }
      say("  warm-up %.0f requests/s; pre-signed %d requests in %.1f s", rate, poolSize,
          (System.nanoTime() - t0) / 1e9);
      Phase p = phase(size, settings.seconds, pool);
      double perSecond = p.capsules / p.seconds;
      StringBuilder perNode = new StringBuilder();
      for (int i = 0; i < nodes.size(); i++) {
        perNode.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.0f", p.perNode[i] / p.seconds));
      }
      double nodeCpuPerReq = p.nodeCpuNanos / 1e3 / p.requests;
      double clientCpuPerReq = p.clientCpuNanos / 1e3 / p.requests;
      int cores = Runtime.getRuntime().availableProcessors();
      String text = String.format(Locale.ROOT,
          "%.1f capsules/s network-wide (%.1f requests/s, %.1f s, %d requests%s%s); per node [%s] capsules/s; "
              + "node CPU %.0f µs/request = %.0f µs/capsule; client CPU %.0f µs/request; "
              + "CPU busy %.0f %% of %d cores (nodes %.0f %%, client %.0f %%); latency p50 %.2f ms, p99 %.2f ms",
          perSecond, p.requests / p.seconds, p.seconds, p.requests,
          p.errors > 0 ? ", " + p.errors + " failed: " + p.firstError : "",
          p.poolExhausted ? ", pool exhausted early" : "", perNode,
          nodeCpuPerReq, nodeCpuPerReq / size, clientCpuPerReq,
          (p.nodeCpuNanos + p.clientCpuNanos) / 1e9 / p.seconds / cores * 100, cores,
          p.nodeCpuNanos / 1e9 / p.seconds / cores * 100, p.clientCpuNanos / 1e9 / p.seconds / cores * 100,
          p.latency.p50, p.latency.p99);
      if (size == BATCH) {
        double perCapsule = p.nodeCpuNanos / 1e3 / p.capsules;
        text += String.format(Locale.ROOT, "; node-CPU capacity %d cores × 10⁶ / %.0f µs = %.0f capsules/s, i.e. "
            + "the nodes spend %.0f %% of their CPU in reencrypt (reencrypt thread CPU %.1f µs / node CPU per "
            + "capsule)", cores, perCapsule, cores * 1e6 / perCapsule, 100 * reencryptCpuUs / perCapsule,
            reencryptCpuUs);
      }
      note("throughput_" + size, text);
      return perSecond;
    }

    /** One closed-loop run; {@code pool} null = sign on the fly. */
    Phase phase(int size, double seconds, ReencryptionRequest[] pool) throws Exception {
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
      long nodeCpu0 = cpuNanos(processes);
      long clientCpu0 = ownCpuNanos();
      long start = System.nanoTime();
      long deadline = start + (long) (seconds * 1e9);
      ExecutorService pool2 = Executors.newFixedThreadPool(settings.threads, r -> {
        Thread t = new Thread(r, "nkms-bench-load");
        t.setDaemon(true);
        return t;
      });
      List<Future<?>> futures = new ArrayList<>();
      try {
        for (int t = 0; t < settings.threads; t++) {
          List<Double> mine = new ArrayList<>();
          latencies.add(mine);
          futures.add(pool2.submit(() -> {
            while (System.nanoTime() < deadline) {
              int k = next.getAndIncrement();
              ReencryptionRequest r;
              if (pool == null) {
                r = sign(size, k);
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
                  throw new IllegalStateException("node answered " + response.cfrags().size() + " cfrags for "
                      + size + " capsules");
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
        pool2.shutdownNow();
      }
      long end = System.nanoTime();
      long nodeCpu = cpuNanos(processes) - nodeCpu0;
      long clientCpu = ownCpuNanos() - clientCpu0;
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
      p.latency = Stats.of(all);
      return p;
    }
  }

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
    Stats latency;
  }

  /** reencrypt with {@link CryptoBench}'s method: warm-up S/2, 3 rounds of ≥ S, the median round's µs/op. */
  private double reencryptMicros() {
    SecretKey alice = SecretKey.random();
    SecretKey bobKey = SecretKey.random();
    Signer signer = new Signer(SecretKey.random());
    Capsule capsule = Umbral.encrypt(alice.publicKey(), MESSAGE).capsule();
    VerifiedKeyFrag kfrag = Umbral.generateKFrags(alice, bobKey.publicKey(), signer, 2, 3, true, true).get(0);
    double s = settings.reencryptSeconds;
    timeRound(() -> Umbral.reencrypt(capsule, kfrag), s / 2);
    double[][] rounds = new double[CryptoBench.ROUNDS][];
    for (int i = 0; i < rounds.length; i++) {
      rounds[i] = timeRound(() -> Umbral.reencrypt(capsule, kfrag), s);
    }
    Arrays.sort(rounds, Comparator.comparingDouble(r -> r[0]));
    double[] median = rounds[rounds.length / 2];
    reencryptCpuUs = median[1] * 1e6;
    note("reencrypt", String.format(Locale.ROOT, "%.1f µs/op wall (median of %d rounds of ≥ %s s), %.1f µs/op "
        + "thread CPU; wall > CPU means this thread waited for a core", median[0] * 1e6, rounds.length, s,
        reencryptCpuUs));
    return median[0] * 1e6;
  }

  /** Runs {@code op} for at least {@code seconds} (at least once); {wall seconds per op, thread CPU seconds per op}. */
  private double[] timeRound(java.util.function.Supplier<Object> op, double seconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long budget = (long) (seconds * 1e9);
    long n = 0;
    long cpu0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
    long start = System.nanoTime();
    long elapsed;
    do {
      sink = op.get();
      n++;
      elapsed = System.nanoTime() - start;
    } while (elapsed < budget);
    long cpuNanos = cpu ? threads.getCurrentThreadCpuTime() - cpu0 : elapsed;
    return new double[] {elapsed / 1e9 / n, cpuNanos / 1e9 / n};
  }

  /** Sorted samples: median and p99 by nearest rank. */
  static final class Stats {
    final double min;
    final double p50;
    final double p99;
    final double max;

    private Stats(double min, double p50, double p99, double max) {
      this.min = min;
      this.p50 = p50;
      this.p99 = p99;
      this.max = max;
    }

    static Stats of(List<Double> samples) {
      if (samples.isEmpty()) {
        throw new IllegalArgumentException("no samples");
      }
      double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return new Stats(s[0], percentile(s, 50), percentile(s, 99), s[s.length - 1]);
    }

    /** Nearest rank on sorted values: the smallest value with at least p % of the samples at or below it. */
    static double percentile(double[] sorted, double p) {
      int rank = (int) Math.ceil(p / 100 * sorted.length);
      return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
  }

  /** Stops the network and deletes its directory, once, whoever calls first (the bench or the shutdown hook). */
  private final class Cleanup {
    private final LocalNetwork network;
    private final Path dir;
    /** The node processes, as this JVM's children (filled in once {@code up} returns or fails). */
    final List<ProcessHandle> nodes = new CopyOnWriteArrayList<>();
    private boolean done;

    Cleanup(LocalNetwork network, Path dir) {
      this.network = network;
      this.dir = dir;
    }

    synchronized void run() {
      if (done) {
        return;
      }
      done = true;
      long alive = nodes.stream().filter(ProcessHandle::isAlive).count();
      try {
        network.down(Duration.ofSeconds(10));
      } catch (IOException | RuntimeException e) {
        say("could not stop the network in %s: %s", dir, e);
      }
      // Whatever down() did not stop (it finds nodes by pid file and command line): SIGTERM, then SIGKILL.
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
      say("network stopped (%d node processes)%s", alive, left > 0 ? "; " + left + " did not exit yet" : "");
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | RuntimeException e) {
        say("could not delete %s: %s", dir, e);
      }
    }
  }

  private void dumpLogs(LocalNetwork network) {
    for (int i = 1; i <= settings.nodes; i++) {
      Path log = network.nodeDir(i).resolve("node.log");
      try {
        if (Files.exists(log)) {
          List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
          say("--- node-%d log (last lines) ---", i);
          lines.subList(Math.max(0, lines.size() - 8), lines.size()).forEach(l -> say("  %s", l));
        }
      } catch (IOException | RuntimeException e) {
        // best effort only
      }
    }
  }

  private static long cpuNanos(List<ProcessHandle> processes) {
    long total = 0;
    for (ProcessHandle h : processes) {
      total += h.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
    return total;
  }

  private static Set<Long> childPids() {
    Set<Long> pids = new HashSet<>();
    ProcessHandle.current().children().forEach(h -> pids.add(h.pid()));
    return pids;
  }

  private static long ownCpuNanos() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private void note(String key, String text) {
    notes.put(key, text);
    say("%s: %s", key, text);
  }

  private void say(String format, Object... args) {
    if (progress != null) {
      progress.println("bench: " + String.format(Locale.ROOT, format, args));
      progress.flush();
    }
  }

  static double round(double x, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(x * f) / f;
  }
}
