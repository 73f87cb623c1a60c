package dev.nkms.node;

import static dev.nkms.node.http.TestNode.assertError;
import static dev.nkms.node.http.TestNode.json;
import static dev.nkms.node.http.TestNode.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.network.testing.GateClock;
import dev.nkms.network.testing.MutableClock;
import dev.nkms.network.transport.PinnedTls;
import dev.nkms.node.config.NodeConfig;
import dev.nkms.node.http.TestNode;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.service.Grant;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.ReencryptionResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wiring: metadata for the bound port, state across restarts, the background sweeper, start and
 * stop.
 */
class NodeRuntimeTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final Instant START = T0.minus(Duration.ofDays(1));
  static final Instant EXPIRY = T0.plus(Duration.ofDays(30));

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(T0);
  final NodeIdentity identity = NodeIdentity.generate(List.of("node.example"), clock);

  NodeConfig.Builder config() {
    return NodeConfig.builder(dir).port(0);
  }

  static void reencryptOk(TestNode node, Grant grant, Instant at) throws Exception {
    List<Capsule> capsules = grant.capsules(1);
    byte[] answer = ok(node.post("/v1/reencrypt", grant.request(at, capsules).toBytes()));
    grant.verify(
        ReencryptionResponse.fromBytes(answer)
            .verify(node.identity.verifyingKey(), grant.hrac, capsules)
            .get(0),
        capsules.get(0));
  }

  @Test
  void metadataIsSignedByTheNodeAndAnnouncesThePublicHostAndTheBoundPort() throws Exception {
    try (TestNode node =
        TestNode.start(config().publicHost("node.example").build(), identity, clock)) {
      NodeMetadata md = node.runtime.metadata();

      assertThat(NodeMetadata.fromBytes(md.toBytes()).address()).isEqualTo(identity.address());
      assertThat(md.host()).isEqualTo("node.example");
      assertThat(md.port()).isEqualTo(node.runtime.port()).isBetween(1, 65535);
      assertThat(md.tlsFingerprint()).isEqualTo(identity.tlsFingerprint());
      assertThat(md.encryptingKey()).isEqualTo(identity.encryptingKey().publicKey());
      assertThat(md.timestamp()).isEqualTo(T0);
      assertThat(md.baseUrl()).isEqualTo("https://node.example:" + node.runtime.port());
      // What the node serves is what it announces.
      assertThat(ok(node.get("/v1/metadata"))).isEqualTo(md.toBytes());
    }
  }

  @Test
  void policiesRevocationsAndTheAccessLogSurviveARestart() throws Exception {
    Grant kept = new Grant("kept", 1, 1);
    Grant revoked = new Grant("revoked", 1, 1);
    int firstPort;
    try (TestNode node = TestNode.start(config().build(), identity, clock)) {
      firstPort = node.runtime.port();
      for (Grant g : List.of(kept, revoked)) {
        ok(node.post("/v1/kfrags", g.delivery(g.signed(START, EXPIRY), identity).toBytes()));
      }
      reencryptOk(node, kept, clock.instant());
      ok(
          node.post(
              "/v1/revoke", revoked.revocation(identity.address(), clock.instant()).toBytes()));
    }
    // Closed: the port no longer answers.
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), firstPort).close())
        .isInstanceOf(ConnectException.class);

    clock.advance(Duration.ofMinutes(10));
    try (TestNode node = TestNode.start(config().build(), identity, clock)) {
      var status = json(node.get("/v1/status"));
      assertThat(status.get("policies").asLong()).isEqualTo(1);
      assertThat(status.get("revocations").asLong()).isEqualTo(1);
      assertThat(status.get("access_log_entries").asLong()).isEqualTo(1);
      assertThat(status.get("tls_fingerprint").asText())
          .isEqualTo(node.runtime.metadata().tlsFingerprintHex());
      assertThat(node.runtime.metadata().timestamp()).isEqualTo(T0.plus(Duration.ofMinutes(10)));

      reencryptOk(node, kept, clock.instant());
      assertError(
          node.post("/v1/reencrypt", revoked.request(clock.instant()).toBytes()),
          410,
          "revoked",
          "revoked");
      assertError(
          node.post(
              "/v1/kfrags", revoked.delivery(revoked.signed(START, EXPIRY), identity).toBytes()),
          410,
          "revoked",
          "revoked");
      assertThat(json(node.get("/v1/status")).get("access_log_entries").asLong()).isEqualTo(2);
    }
  }

  @Test
  void theBackgroundSweeperDeletesExpiredKfragsOnTheInjectedClock() throws Exception {
    Grant soon = new Grant("soon", 1, 1);
    Grant later = new Grant("later", 1, 1);
    Instant soonExpiry = T0.plus(Duration.ofHours(1));
    try (TestNode node =
        TestNode.start(
            config().expirySweepInterval(Duration.ofMillis(10)).build(), identity, clock)) {
      ok(
          node.post(
              "/v1/kfrags", soon.delivery(soon.signed(START, soonExpiry), identity).toBytes()));
      ok(node.post("/v1/kfrags", later.delivery(later.signed(START, EXPIRY), identity).toBytes()));

      clock.set(soonExpiry);
      // Polls for the sweeper thread (every 10 ms of real time); the expiry itself comes from the
      // test's clock.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      long policies;
      while ((policies = json(node.get("/v1/status")).get("policies").asLong()) != 1
          && System.nanoTime() < deadline) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
      }
      assertThat(policies).as("policies left after the sweep").isEqualTo(1);
      reencryptOk(node, later, clock.instant());
    }
  }

  @Test
  void twoNodesRunSideBySideEachWithItsOwnIdentityAndPin() throws Exception {
    NodeIdentity other = NodeIdentity.generate(List.of(), clock);
    Path otherDir = Files.createDirectory(dir.resolve("other"));
    try (TestNode a = TestNode.start(config().build(), identity, clock);
        TestNode b = TestNode.start(NodeConfig.builder(otherDir).port(0).build(), other, clock)) {
      assertThat(a.runtime.port()).isNotEqualTo(b.runtime.port());
      assertThat(NodeMetadata.fromBytes(ok(a.get("/v1/metadata"))).address())
          .isEqualTo(identity.address());
      assertThat(NodeMetadata.fromBytes(ok(b.get("/v1/metadata"))).address())
          .isEqualTo(other.address());
      // A's pin does not open B.
      HttpClient pinnedToA =
          HttpClient.newBuilder()
              .sslContext(PinnedTls.context(identity.tlsFingerprint()))
              .connectTimeout(TestNode.TIMEOUT)
              .build();
      assertThatThrownBy(
              () ->
                  pinnedToA.send(
                      HttpRequest.newBuilder(b.uri("/v1/metadata"))
                          .timeout(TestNode.TIMEOUT)
                          .build(),
                      HttpResponse.BodyHandlers.ofByteArray()))
          .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
  }

  /** File descriptors of this process open on files under {@code dir}. */
  static long openFilesUnder(Path dir) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).startsWith(dir.toRealPath());
                } catch (IOException e) {
                  return false; // closed meanwhile, or not a link we can read
                }
              })
          .count();
    }
  }

  @Test
  void aPortInUseFailsTheStart() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(
              () -> NodeRuntime.start(config().port(taken.getLocalPort()).build(), identity, clock))
          .hasMessageContaining(String.valueOf(taken.getLocalPort()));
    }
  }

  @Test
  void aFailedStartLeavesNoFileOpen() throws Exception {
    assertThat(Path.of("/proc/self/fd")).isDirectory();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(
              () -> NodeRuntime.start(config().port(taken.getLocalPort()).build(), identity, clock))
          .isNotNull();
    }
    assertThat(openFilesUnder(dir)).as("files under the data dir still open").isZero();
  }

  @Test
  void requestsDuringStartupAreNotInternalErrors() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort(); // a free port, known before the node starts
    }
    // Reading 1 is the start time, reading 2 the metadata timestamp, signed after the server
    // started.
    GateClock gate = new GateClock(clock);
    gate.armAt(2);
    CompletableFuture<NodeRuntime> starting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return NodeRuntime.start(config().port(port).build(), identity, gate);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      assertThat(gate.awaitEntered()).as("startup reached the metadata").isTrue();
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(PinnedTls.context(identity.tlsFingerprint()))
              .connectTimeout(TestNode.TIMEOUT)
              .build();
      for (String path : List.of("/v1/metadata", "/v1/status")) {
        HttpResponse<byte[]> r =
            client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                    .timeout(TestNode.TIMEOUT)
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode())
            .as("%s during startup: %s", path, new String(r.body()))
            .isNotEqualTo(500);
        if (r.statusCode() != 200) {
          assertError(r, 503, "busy", "");
        }
      }
    } finally {
      gate.release();
      starting.get(20, TimeUnit.SECONDS).close();
    }
  }
}
