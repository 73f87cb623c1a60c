package dev.nkms.network.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.nkms.crypto.RandomSource;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.protocol.Hrac;
import dev.nkms.protocol.NodeAddress;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.PolicyTerms;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.http.ErrorCode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpsNodeClient} against a real TLS server on the loopback interface (no other network).
 *
 * <p>Why this file is long: every answer a node can give the pinned client (each status, each
 * malformed body, each limit, pinning), against real TLS servers.
 */
class HttpsNodeClientTest {
  private static final RandomSource RANDOM = RandomSource.secure();
  private static final Duration SHORT = Duration.ofMillis(300);
  private static SelfSignedCertificate served;
  private static SelfSignedCertificate notServed;
  private static HttpsServer server;
  private static ExecutorService serverThreads;
  private static int port;
  private static volatile Responder responder;
  private static volatile CountDownLatch release = new CountDownLatch(1);

  private final Signer nodeSigner = new Signer(SecretKey.random(RANDOM));
  private final SecretKey nodeEncrypting = SecretKey.random(RANDOM);

  interface Responder {
    void respond(HttpExchange exchange) throws IOException;
  }

  @BeforeAll
  static void startServer() throws Exception {
    served =
        SelfSignedCertificate.namingOnly(List.of("not-the-host-name.example"), Clock.systemUTC());
    notServed =
        SelfSignedCertificate.namingOnly(List.of("someone-else.example"), Clock.systemUTC());
    char[] password = "test".toCharArray();
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(served.keyStore(password), password);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    server.createContext(
        "/",
        exchange -> {
          try {
            responder.respond(exchange);
          } finally {
            exchange.close();
          }
        });
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void releaseHangingHandlers() {
    release.countDown();
    release = new CountDownLatch(1);
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private NodeMetadata metadata(byte[] fingerprint) {
    return NodeMetadata.sign(
        nodeSigner,
        nodeEncrypting.publicKey(),
        "test",
        "127.0.0.1",
        port,
        fingerprint,
        Instant.now(),
        RANDOM);
  }

  private static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    ex.getRequestBody().readAllBytes();
    ex.getResponseHeaders().add("Content-Type", contentType);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  private static void json(HttpExchange ex, int status, String json) throws IOException {
    send(ex, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  private ReencryptionRequest request() {
    Hrac hrac = Hrac.derive(nodeSigner.verifyingKey(), Hrac.newNonce(RANDOM));
    return ReencryptionRequest.sign(
        hrac,
        List.of(Umbral.encrypt(nodeEncrypting.publicKey(), new byte[1]).capsule()),
        Map.of(),
        Instant.now(),
        nodeSigner,
        RANDOM);
  }

  private SignedPolicyTerms terms() {
    Signer alice = new Signer(SecretKey.random(RANDOM));
    SecretKey bob = SecretKey.random(RANDOM);
    PolicyTerms t =
        new PolicyTerms(
            Hrac.newNonce(RANDOM),
            1,
            1,
            Instant.ofEpochSecond(1000),
            Instant.ofEpochSecond(2000),
            3,
            Conditions.NONE,
            SecretKey.random(RANDOM).publicKey(),
            alice.verifyingKey(),
            bob.publicKey(),
            SecretKey.random(RANDOM).publicKey());
    return SignedPolicyTerms.sign(t, alice, RANDOM);
  }

  @Test
  void thePinnedCertificateIsTheIdentityWhateverTheHostName() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    responder = ex -> send(ex, 200, "application/octet-stream", node.toBytes());
    assertThat(HttpsNodeClient.connect(node).metadata()).isEqualTo(node);
  }

  @Test
  void aServerWithAnotherCertificateIsNotTheNode() throws Exception {
    NodeMetadata node = metadata(notServed.fingerprint());
    responder = ex -> send(ex, 200, "application/octet-stream", node.toBytes());
    assertThatThrownBy(() -> HttpsNodeClient.connect(node).metadata())
        .isInstanceOf(NodeUnreachable.class)
        .hasMessageContaining("is not the pinned node")
        .hasMessageContaining(Hex.toHexString(notServed.fingerprint()));
  }

  @Test
  void refusalsCarryStatusCodeAndMessage() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    responder =
        ex ->
            json(
                ex,
                410,
                "{\"error\":\"revoked\",\"message\":\"policy x was revoked\\u0007 at this node\"}");
    assertThatThrownBy(() -> HttpsNodeClient.connect(node).reencrypt(request()))
        .isInstanceOfSatisfying(
            NodeRejected.class,
            e -> {
              assertThat(e.status()).isEqualTo(410);
              assertThat(e.code()).isEqualTo(ErrorCode.REVOKED);
              assertThat(e.nodeMessage()).isEqualTo("policy x was revoked? at this node");
            });
  }

  @Test
  void anErrorCodeThisVersionDoesNotDefineOrWithAnotherStatusIsMisbehavior() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    responder = ex -> json(ex, 410, "{\"error\":\"gone-fishing\",\"message\":\"back soon\"}");
    assertThatThrownBy(() -> HttpsNodeClient.connect(node).reencrypt(request()))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("HTTP 410 with error code 'gone-fishing'");
    responder = ex -> json(ex, 404, "{\"error\":\"revoked\",\"message\":\"policy x was revoked\"}");
    assertThatThrownBy(() -> HttpsNodeClient.connect(node).reencrypt(request()))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("HTTP 404 with error code 'revoked'");
  }

  @Test
  void theStatusIsReadFromTheStatusRouteThroughTheOneCodec() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    String[] where = new String[2];
    String key = "02" + "ab".repeat(32);
    String json =
        "{\"address\":\""
            + node.address().toHex()
            + "\",\"host\":\"127.0.0.1\",\"port\":"
            + port
            + ",\"verifying_key\":\""
            + key
            + "\",\"encrypting_key\":\""
            + key
            + "\",\"tls_fingerprint\":\""
            + node.tlsFingerprintHex()
            + "\",\"domain\":\"test\",\"stake\":\"0\",\"network\":{\"fleet_state\":"
            + "\"00000000\",\"known_nodes\":0,\"learning_rounds\":0,\"last_round\":\"none\",\"next_round_in_ms\":0,"
            + "\"refused\":{},\"nodes\":[]},\"health\":{},\"policies\":2,\"revocations\":0,\"access_log_entries\":0,"
            + "\"capsules_reencrypted\":0,\"uptime_s\":1,\"version\":\"nkms 0.1.0\"}";
    responder =
        ex -> {
          where[0] = ex.getRequestMethod();
          where[1] = ex.getRequestURI().getPath();
          json(ex, 200, json);
        };
    assertThat(HttpsNodeClient.connect(node).status().policies()).isEqualTo(2);
    assertThat(where).containsExactly("GET", "/v1/status");
    responder = ex -> json(ex, 200, json.replace("\"policies\":2,", ""));
    assertThatThrownBy(() -> HttpsNodeClient.connect(node).status())
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining(
            "answered /v1/status not as docs/http-api.md says: the status has no 'policies'");
  }

  @Test
  void anErrorWithoutTheJsonBodyIsMisbehavior() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    responder =
        ex -> send(ex, 502, "text/html", "<h1>bad gateway</h1>".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> HttpsNodeClient.connect(node).revoke(revocation()))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("HTTP 502");
  }

  private dev.nkms.protocol.RevocationOrder revocation() throws Exception {
    byte[] nonce = Hrac.newNonce(RANDOM);
    return dev.nkms.protocol.RevocationOrder.sign(
        Hrac.derive(nodeSigner.verifyingKey(), nonce),
        nonce,
        metadata(served.fingerprint()).address(),
        Instant.now(),
        nodeSigner,
        RANDOM);
  }

  private final Signer alice = new Signer(SecretKey.random(RANDOM));
  private final byte[] aliceNonce = Hrac.newNonce(RANDOM);
  private final Hrac aliceHrac = Hrac.derive(alice.verifyingKey(), aliceNonce);

  private PolicyStatusQuery query(NodeMetadata node) {
    return PolicyStatusQuery.sign(
        aliceHrac, aliceNonce, node.address(), Instant.now(), alice, RANDOM);
  }

  private static PolicyStatus status(Hrac hrac, NodeAddress node, Signer signer) {
    return PolicyStatus.sign(
        hrac,
        node,
        PolicyStatus.State.ACTIVE,
        2,
        Instant.ofEpochSecond(5000),
        null,
        Instant.ofEpochSecond(4000),
        signer,
        RANDOM);
  }

  @Test
  void aStatusIsSentToTheStatusRouteAndReturnedWhenTheNodeSignedItForThisPolicy() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    NodeApi api = HttpsNodeClient.connect(node);
    PolicyStatusQuery q = query(node);
    byte[][] received = new byte[1][];
    String[] where = new String[2];
    responder =
        ex -> {
          where[0] = ex.getRequestMethod();
          where[1] = ex.getRequestURI().getPath();
          received[0] = ex.getRequestBody().readAllBytes();
          send(
              ex,
              200,
              "application/octet-stream",
              status(aliceHrac, node.address(), nodeSigner).toBytes());
        };
    PolicyStatus s = api.status(q);
    assertThat(where).containsExactly("POST", "/v1/policy-status");
    assertThat(received[0]).isEqualTo(q.toBytes());
    assertThat(s.state()).isEqualTo(PolicyStatus.State.ACTIVE);
    assertThat(s.revision()).isEqualTo(2);
    assertThat(s.hrac()).isEqualTo(aliceHrac);
  }

  @Test
  void aStatusNotSignedByTheNodeOrForAnotherPolicyOrNodeIsMisbehavior() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    NodeApi api = HttpsNodeClient.connect(node);
    Signer other = new Signer(SecretKey.random(RANDOM));
    responder =
        ex ->
            send(
                ex,
                200,
                "application/octet-stream",
                status(aliceHrac, node.address(), other).toBytes());
    assertThatThrownBy(() -> api.status(query(node)))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("not signed by its key");
    Hrac another = Hrac.derive(alice.verifyingKey(), Hrac.newNonce(RANDOM));
    responder =
        ex ->
            send(
                ex,
                200,
                "application/octet-stream",
                status(another, node.address(), nodeSigner).toBytes());
    assertThatThrownBy(() -> api.status(query(node)))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("the status of policy " + another);
    NodeAddress elsewhere = NodeAddress.of(other.verifyingKey());
    responder =
        ex ->
            send(
                ex,
                200,
                "application/octet-stream",
                status(aliceHrac, elsewhere, nodeSigner).toBytes());
    assertThatThrownBy(() -> api.status(query(node)))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("at node " + elsewhere);
    responder = ex -> send(ex, 200, "application/octet-stream", new byte[] {1, 2});
    assertThatThrownBy(() -> api.status(query(node)))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("invalid status");
    responder = ex -> json(ex, 401, "{\"error\":\"bad-signature\",\"message\":\"not hers\"}");
    assertThatThrownBy(() -> api.status(query(node)))
        .isInstanceOfSatisfying(
            NodeRejected.class, e -> assertThat(e.is(ErrorCode.BAD_SIGNATURE)).isTrue());
  }

  @Test
  void unparseableAndOversizedAnswersAreMisbehavior() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    NodeApi api = HttpsNodeClient.connect(node);
    responder = ex -> send(ex, 200, "application/octet-stream", new byte[] {1, 2, 3});
    assertThatThrownBy(() -> api.reencrypt(request()))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("invalid re-encryption response");
    responder =
        ex -> send(ex, 200, "application/octet-stream", new byte[NodeMetadata.MAX_SIZE + 1]);
    assertThatThrownBy(api::metadata)
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("longer than");
  }

  @Test
  void metadataOfAnotherNodeIsMisbehavior() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    NodeMetadata impostor =
        NodeMetadata.sign(
            new Signer(SecretKey.random(RANDOM)),
            nodeEncrypting.publicKey(),
            "test",
            "127.0.0.1",
            port,
            served.fingerprint(),
            Instant.now(),
            RANDOM);
    responder = ex -> send(ex, 200, "application/octet-stream", impostor.toBytes());
    assertThatThrownBy(() -> HttpsNodeClient.connect(node).metadata())
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("another node");
  }

  @Test
  void renewalAcknowledgementsMustMatchWhatWasSent() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    NodeApi api = HttpsNodeClient.connect(node);
    SignedPolicyTerms t = terms();
    responder =
        ex -> json(ex, 200, "{\"hrac\":\"" + t.terms().hrac().toHex() + "\",\"revision\":3}");
    api.renew(t);
    responder =
        ex -> json(ex, 200, "{\"hrac\":\"" + t.terms().hrac().toHex() + "\",\"revision\":2}");
    assertThatThrownBy(() -> api.renew(t))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("revision 2");
    responder = ex -> json(ex, 200, "{\"ok\":true}");
    assertThatThrownBy(() -> api.renew(t))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("hrac");
  }

  @Test
  void aNodeThatDoesNotAnswerTimesOut() throws Exception {
    NodeMetadata node = metadata(served.fingerprint());
    CountDownLatch latch = release;
    responder =
        ex -> {
          try {
            latch.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    long start = System.nanoTime();
    assertThatThrownBy(() -> HttpsNodeClient.connect(node, SHORT, SHORT).metadata())
        .isInstanceOf(NodeUnreachable.class)
        .hasMessageContaining("in time");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void nothingListeningIsUnreachable() throws Exception {
    NodeMetadata closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed =
          NodeMetadata.sign(
              nodeSigner,
              nodeEncrypting.publicKey(),
              "test",
              "127.0.0.1",
              s.getLocalPort(),
              served.fingerprint(),
              Instant.now(),
              RANDOM);
    }
    NodeMetadata node = closed;
    assertThatThrownBy(() -> HttpsNodeClient.connect(node, SHORT, SHORT).metadata())
        .isInstanceOf(NodeUnreachable.class);
  }

  @Test
  void trustOnFirstUseChecksThePresentedCertificateAgainstTheMetadata() throws Exception {
    NodeMetadata honest = metadata(served.fingerprint());
    responder = ex -> send(ex, 200, "application/octet-stream", honest.toBytes());
    assertThat(
            HttpsNodeClient.fetchMetadataTrustOnFirstUse("127.0.0.1", port, Duration.ofSeconds(2)))
        .isEqualTo(honest);

    NodeMetadata pinsAnother = metadata(notServed.fingerprint());
    responder = ex -> send(ex, 200, "application/octet-stream", pinsAnother.toBytes());
    assertThatThrownBy(
            () ->
                HttpsNodeClient.fetchMetadataTrustOnFirstUse(
                    "127.0.0.1", port, Duration.ofSeconds(2)))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("presented a certificate");

    responder = ex -> send(ex, 200, "application/octet-stream", new byte[] {9});
    assertThatThrownBy(
            () ->
                HttpsNodeClient.fetchMetadataTrustOnFirstUse(
                    "127.0.0.1", port, Duration.ofSeconds(2)))
        .isInstanceOf(NodeMisbehaved.class)
        .hasMessageContaining("invalid metadata");
  }

  @Test
  void theFactoryReusesOneClientPerNode() throws Exception {
    NodeApiFactory f = HttpsNodeClient.factory();
    NodeMetadata node = metadata(served.fingerprint());
    assertThat(f.connect(node)).isSameAs(f.connect(node));
    assertThat(f.connect(metadata(notServed.fingerprint()))).isNotSameAs(f.connect(node));
  }
}
