package dev.nkms.app.bench;

import dev.nkms.app.network.LocalNetwork;
import dev.nkms.client.alice.Alice;
import dev.nkms.client.alice.Policy;
import dev.nkms.client.bob.Bob;
import dev.nkms.client.bob.Retrieval;
import dev.nkms.client.bob.RetrievalOptions;
import dev.nkms.client.message.Enrico;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.crypto.umbral.VerifiedKeyFrag;
import dev.nkms.network.learning.NodeDirectory;
import dev.nkms.network.transport.HttpsNodeClient;
import dev.nkms.network.transport.NodeApiFactory;
import dev.nkms.network.transport.NodeException;
import dev.nkms.protocol.MessageKit;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.keys.AliceKeys;
import dev.nkms.protocol.keys.BobKeys;
import dev.nkms.registry.StaticNodeList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end timings on a fresh local network of real node processes (HTTPS on loopback, SQLite,
 * one JVM each), started in a temporary directory and always stopped again (also on failure and on
 * Ctrl-C, by a shutdown hook).
 *
 * <p>What is measured, in this order:
 *
 * <ol>
 *   <li>{@code reencrypt_us}: one {@code Umbral.reencrypt} in this process before any node starts,
 *       with the method of {@link CryptoBench} (warm-up, 3 rounds, median), for the throughput
 *       target {@code 0.70 × cores × 10⁶ / reencrypt_us};
 *   <li>{@code grant_ms_3_of_5}: median {@link Alice#grant} of a ⌈3n/5⌉-of-n policy (3-of-5 by
 *       default), fresh labels;
 *   <li>{@code retrieve_1_*} and {@code retrieve_100_*}: {@link Bob#retrieve} of 1 and of 100
 *       message kits, default {@link RetrievalOptions} (hedge 1), one Bob and one connection pool
 *       throughout, after a warm-up;
 *   <li>{@code throughput_*}: 8 client threads (closed loop) send pre-signed {@link
 *       ReencryptionRequest}s of 1 or 100 capsules straight to the nodes through {@code NodeApi},
 *       round-robin, so that Bob's verification and decryption do not count; capsules re-encrypted
 *       per second, network-wide (per node on stderr).
 * </ol>
 *
 * Alongside, for reading the figures, it records: the CPU time the node processes and this process
 * spent per retrieval and per request (from {@link ProcessHandle.Info#totalCpuDuration()}, so JIT
 * and GC threads count too); a 1-capsule retrieval with hedge 0 (no request left in flight when the
 * retrieval ends); the round trip of one request on a pooled and on a new connection (the TLS
 * handshake); and an fsync on the temp directory's disk (each re-encryption request commits one
 * access-log row with {@code synchronous=FULL}). These go to the progress stream and {@link
 * NetworkBenchResult#notes}, not to the JSON.
 *
 * <p>This class runs the workloads in that order; the harness is apart: {@link BenchNetwork} (the
 * network and its cleanup), {@link RoundTimer}, {@link LatencyPhase}, {@link ThroughputLoad},
 * {@link RequestCostProbes}, {@link SampleStats}, and the report {@link NetworkBenchResult}.
 */
public final class NetworkBench {
  public static final int MIN_GRANTS = 10;
  public static final int WARMUP_GRANTS = 3;
  public static final int BATCH = 100;
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  static final byte[] MESSAGE = "peace at dawn".getBytes(StandardCharsets.UTF_8);

  private final NetworkBenchSettings settings;
  private final String nodeMain;
  private final BenchLog log;
  private final RandomSource random = RandomSource.secure();

  /** Thread CPU µs of one in-process reencrypt (NaN until measured). */
  private double reencryptCpuUs = Double.NaN;

  /**
   * {@code nodeMain}: the program each node runs as (see {@link LocalNetwork#LocalNetwork(Path,
   * String)}); {@code progress}: where progress lines go (stderr in the CLI), or null for none.
   */
  public NetworkBench(NetworkBenchSettings settings, String nodeMain, PrintWriter progress) {
    this.settings = settings;
    this.nodeMain = nodeMain;
    this.log = new BenchLog(progress);
  }

  public NetworkBenchResult run() throws Exception {
    Map<String, Double> values = new LinkedHashMap<>();
    double reencryptUs = reencryptMicros();
    int cores = Runtime.getRuntime().availableProcessors();
    double target = NetworkBenchResult.throughputTarget(cores, reencryptUs);
    log.say(
        "reencrypt in-process: %.1f µs/op → target %.0f capsules/s (0.70 × %d cores × 10⁶ / %.1f)",
        reencryptUs, target, cores, reencryptUs);

    try (BenchNetwork bench = BenchNetwork.create(settings.nodes(), nodeMain, log)) {
      bench.up();
      measureNetwork(bench.network(), bench.network().nodes(), bench.nodeProcesses(), values);
      bench.markSucceeded();
    }
    values.put("reencrypt_us", SampleStats.round(reencryptUs, 1));
    values.put("throughput_target_per_s", SampleStats.round(target, 1));
    return new NetworkBenchResult(values, log.notes());
  }

  private void measureNetwork(
      LocalNetwork network,
      StaticNodeList nodes,
      List<ProcessHandle> processes,
      Map<String, Double> values)
      throws Exception {
    int n = settings.nodes();
    int m = settings.threshold();
    AliceKeys aliceKeys = AliceKeys.random(random);
    BobKeys bobKeys = BobKeys.random(random);
    // Generous connect/request bounds: on a loaded 2-core machine a cold node's first TLS handshake
    // can take
    // longer than the 2 s default, which would fail the run rather than measure it.
    NodeApiFactory clients = HttpsNodeClient.factory(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    warmConnections(clients, nodes.nodes());
    NodeDirectory directory = network.directory();
    Alice alice =
        new Alice(aliceKeys, directory, clients, Clock.systemUTC(), random, Duration.ofSeconds(10));
    Bob bob =
        new Bob(
            bobKeys, directory, clients, Clock.systemUTC(), random, RetrievalOptions.defaults());
    Instant expiry = Instant.now().plus(Duration.ofDays(1));
    String run = Long.toHexString(System.nanoTime());

    // Grants: a few warm-up grants (JIT, TLS connections), then at least MIN_GRANTS timed ones,
    // fresh labels.
    log.say(
        "grant %d-of-%d: %d warm-up + ≥ %d timed (fresh labels)", m, n, WARMUP_GRANTS, MIN_GRANTS);
    Policy policy = null;
    for (int i = 0; i < WARMUP_GRANTS; i++) {
      policy =
          alice.grant(bobKeys.card(), "bench-" + run + "-warm-" + i, m, n, expiry, Conditions.NONE);
    }
    List<Double> grants = new ArrayList<>();
    long grantStart = System.nanoTime();
    for (int i = 0;
        grants.size() < MIN_GRANTS
            || (System.nanoTime() - grantStart < settings.seconds() * 1e9 / 4
                && grants.size() < 200);
        i++) {
      long t = System.nanoTime();
      Sink.keep(
          alice.grant(
              bobKeys.card(), "bench-" + run + "-grant-" + i, m, n, expiry, Conditions.NONE));
      grants.add((System.nanoTime() - t) / 1e6);
    }
    SampleStats grantStats = SampleStats.of(grants);
    values.put("grant_ms_3_of_5", SampleStats.round(grantStats.p50(), 2));
    log.note(
        "grant",
        String.format(
            Locale.ROOT,
            "%d-of-%d, %d grants: median %.2f ms, min %.2f, max %.2f",
            m,
            n,
            grants.size(),
            grantStats.p50(),
            grantStats.min(),
            grantStats.max()));

    // The policy everything below reads: the last warm-up grant's; 100 kits encrypted for its key.
    Enrico enrico = alice.enrico(policy.label());
    List<MessageKit> kits = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      kits.add(
          enrico.encrypt(
              new ByteArrayInputStream(MESSAGE), MESSAGE.length, new ByteArrayOutputStream()));
    }
    Policy granted = policy;
    List<MessageKit> one = List.of(kits.get(0));
    LatencyPhase latency = new LatencyPhase(settings, processes, log);
    latency.run(
        "retrieve_1",
        "retrieve 1 capsule",
        values,
        () -> checked(bob.retrieve(granted.treasureMap(), one), 1));
    // Side experiment: without the hedge, no request is left in flight (and cancelled) when a
    // retrieval ends.
    Bob unhedged =
        new Bob(
            bobKeys,
            directory,
            clients,
            Clock.systemUTC(),
            random,
            RetrievalOptions.defaults().withHedge(0));
    latency.run(
        "retrieve_1_hedge_0",
        "retrieve 1 capsule, hedge 0",
        new LinkedHashMap<>(),
        () -> unhedged.retrieve(granted.treasureMap(), one));
    latency.run(
        "retrieve_100",
        "retrieve 100 capsules",
        values,
        () -> checked(bob.retrieve(granted.treasureMap(), kits), BATCH));

    // Node throughput: pre-signed requests straight to the nodes, round-robin.
    List<NodeMetadata> holders = new ArrayList<>(granted.nodes().values());
    List<Capsule> capsules = new ArrayList<>();
    kits.forEach(k -> capsules.add(k.capsule()));
    NodeApiFactory loadClients = HttpsNodeClient.factory(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    warmConnections(loadClients, holders);
    BenchRequests requests = new BenchRequests(granted, bobKeys.signer(), capsules, random);
    ThroughputLoad load =
        new ThroughputLoad(
            settings, log, requests, holders, loadClients, processes, reencryptCpuUs);
    load.checkAnswers(aliceKeys, bobKeys.encryptingKey().publicKey());
    values.put("throughput_1_capsule_per_s", SampleStats.round(load.throughput(1), 1));
    values.put("throughput_100_capsule_per_s", SampleStats.round(load.throughput(BATCH), 1));

    // Where the time of one request goes: warm connection, new connection (TLS handshake), disk
    // sync.
    RequestCostProbes probes = new RequestCostProbes(settings, log, processes);
    probes.roundTrips(loadClients, requests, holders.get(0));
    probes.fsync(network.dir());
  }

  /** The fixture must work while it is timed: every retrieval opens every kit's data key. */
  private static Retrieval checked(Retrieval r, int kits) {
    if (r.size() != kits) {
      throw new IllegalStateException(
          "benchmark fixture is broken: retrieved " + r.size() + " of " + kits + " kits");
    }
    return r;
  }

  /**
   * Opens a connection to every node (GET metadata), retrying for up to a minute while nodes are
   * still busy.
   */
  private void warmConnections(NodeApiFactory clients, List<NodeMetadata> nodes) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    for (NodeMetadata node : nodes) {
      for (int ok = 0; ok < 3; ) {
        try {
          Sink.keep(clients.connect(node).metadata());
          ok++;
        } catch (NodeException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          log.say("  %s not answering yet (%s); retrying", node.address(), e.getMessage());
          Thread.sleep(500);
        }
      }
    }
  }

  /**
   * reencrypt with {@link CryptoBench}'s method ({@link RoundTimer}): the median round's µs/op,
   * wall time.
   */
  private double reencryptMicros() throws Exception {
    SecretKey alice = SecretKey.random();
    SecretKey bobKey = SecretKey.random();
    Signer signer = new Signer(SecretKey.random());
    Capsule capsule = Umbral.encrypt(alice.publicKey(), MESSAGE).capsule();
    VerifiedKeyFrag kfrag =
        Umbral.generateKFrags(alice, bobKey.publicKey(), signer, 2, 3, true, true).get(0);
    double s = settings.reencryptSeconds();
    RoundTimer.Rounds rounds =
        new RoundTimer(s, CryptoBench.ROUNDS).time(() -> Umbral.reencrypt(capsule, kfrag));
    RoundTimer.Round median = rounds.median();
    reencryptCpuUs = median.cpuSecondsPerOp() * 1e6;
    log.note(
        "reencrypt",
        String.format(
            Locale.ROOT,
            "%.1f µs/op wall (median of %d rounds of ≥ %s s), %.1f µs/op "
                + "thread CPU; wall > CPU means this thread waited for a core",
            median.wallSecondsPerOp() * 1e6,
            rounds.inOrder().size(),
            s,
            reencryptCpuUs));
    return median.wallSecondsPerOp() * 1e6;
  }
}
