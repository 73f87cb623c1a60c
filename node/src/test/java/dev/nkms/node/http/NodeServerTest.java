package dev.nkms.node.http;

import static dev.nkms.node.http.TestNode.assertError;
import static dev.nkms.node.http.TestNode.json;
import static dev.nkms.node.http.TestNode.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nkms.crypto.keys.SecretKey;
import dev.nkms.crypto.keys.Signer;
import dev.nkms.crypto.umbral.Capsule;
import dev.nkms.crypto.umbral.CapsuleFrag;
import dev.nkms.crypto.umbral.Umbral;
import dev.nkms.network.testing.GateClock;
import dev.nkms.network.testing.MutableClock;
import dev.nkms.network.transport.PinnedTls;
import dev.nkms.node.config.NodeConfig;
import dev.nkms.node.identity.NodeIdentity;
import dev.nkms.node.service.Grant;
import dev.nkms.node.service.Stranger;
import dev.nkms.protocol.FleetState;
import dev.nkms.protocol.KFragDelivery;
import dev.nkms.protocol.MetadataRequest;
import dev.nkms.protocol.MetadataResponse;
import dev.nkms.protocol.NodeMetadata;
import dev.nkms.protocol.PolicyStatus;
import dev.nkms.protocol.PolicyStatusQuery;
import dev.nkms.protocol.ReencryptionRequest;
import dev.nkms.protocol.ReencryptionResponse;
import dev.nkms.protocol.RevocationReceipt;
import dev.nkms.protocol.SignedPolicyTerms;
import dev.nkms.protocol.conditions.Conditions;
import dev.nkms.protocol.conditions.TimeWindow;
import dev.nkms.protocol.http.Routes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS contract of docs/http-api.md, against a real node on a loopback port, through a pinned
 * JDK client.
 *
 * <p>Why this file is long: every route of the node's HTTP API, with its refusals and limits,
 * against one real server on a real port; the cases share that server.
 */
class NodeServerTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  static final Instant START = T0.minus(Duration.ofDays(1));
  static final Instant EXPIRY = T0.plus(Duration.ofDays(30));
  static final long MAX_BODY = 64 * 1024;
  static final List<String> POST_ENDPOINTS =
      List.of(
          Routes.KFRAGS.path(),
          Routes.RENEW.path(),
          Routes.REENCRYPT.path(),
          Routes.REVOKE.path(),
          Routes.POLICY_STATUS.path());

  @TempDir Path dir;

  final MutableClock clock = new MutableClock(T0);
  final Grant grant = new Grant("records", 1, 1);
  TestNode node;

  @BeforeEach
  void start() throws Exception {
    node = TestNode.start(config().build(), clock);
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  NodeConfig.Builder config() {
    return NodeConfig.builder(dir).port(0).maxRequestBytes(MAX_BODY).maxCapsulesPerRequest(10);
  }

  SignedPolicyTerms deliver(Grant g, SignedPolicyTerms terms) {
    HttpResponse<byte[]> r =
        node.post(Routes.KFRAGS.path(), g.delivery(terms, node.identity).toBytes());
    assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    return terms;
  }

  SignedPolicyTerms deliver() {
    return deliver(grant, grant.signed(START, EXPIRY));
  }

  /**
   * POSTs a fresh one-capsule request for the grantee and checks the signed answer and its cfrag.
   */
  void reencryptOk() throws Exception {
    List<Capsule> capsules = grant.capsules(1);
    byte[] answer =
        ok(node.post(Routes.REENCRYPT.path(), grant.request(clock.instant(), capsules).toBytes()));
    List<CapsuleFrag> cfrags =
        ReencryptionResponse.fromBytes(answer)
            .verify(node.identity.verifyingKey(), grant.hrac, capsules);
    grant.verify(cfrags.get(0), capsules.get(0));
  }

  static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------------------------------------ metadata & TLS

  @Test
  void metadataIsSelfSignedAndCarriesThePinnedFingerprintAndTheBoundPort() throws Exception {
    HttpResponse<byte[]> r = node.get(Routes.METADATA.path());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/octet-stream"));
    NodeMetadata md = NodeMetadata.fromBytes(r.body());
    assertThat(md.address()).isEqualTo(node.identity.address());
    assertThat(md.verifyingKey()).isEqualTo(node.identity.verifyingKey());
    assertThat(md.encryptingKey()).isEqualTo(node.identity.encryptingKey().publicKey());
    assertThat(md.host()).isEqualTo("127.0.0.1");
    assertThat(md.port()).isEqualTo(node.runtime.port()).isNotZero();
    assertThat(md.timestamp()).isEqualTo(T0);
    assertThat(md.tlsFingerprint()).isEqualTo(node.identity.tlsFingerprint());
    // ...and it is the fingerprint of the certificate this very connection was made with.
    byte[] presented = r.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded();
    assertThat(MessageDigest.getInstance("SHA-256").digest(presented))
        .isEqualTo(md.tlsFingerprint());
    assertThat(md.toBytes()).isEqualTo(node.runtime.metadata().toBytes());
  }

  @Test
  void theLearningEndpointTeachesSignedAndRefusesGarbageWith400() throws Exception {
    MetadataRequest ask =
        new MetadataRequest(FleetState.of(java.util.List.of()), 0, java.util.Optional.empty());
    HttpResponse<byte[]> r = node.post(Routes.NODE_METADATA.path(), ask.toBytes());
    assertThat(r.statusCode()).isEqualTo(200);
    MetadataResponse answer = MetadataResponse.fromBytes(r.body(), node.identity.verifyingKey());
    assertThat(answer.teacher()).isEqualTo(node.identity.address());
    assertThat(answer.nodes())
        .containsExactly(node.runtime.metadata()); // a lone node teaches itself
    // Asking with the node's own fleet state gets "same".
    MetadataRequest same = new MetadataRequest(answer.fleetState(), 0, java.util.Optional.empty());
    assertThat(
            MetadataResponse.fromBytes(
                    node.post(Routes.NODE_METADATA.path(), same.toBytes()).body(),
                    node.identity.verifyingKey())
                .nodes())
        .isEmpty();

    for (byte[] garbage :
        new byte[][] {
          new byte[0],
          "hello".getBytes(StandardCharsets.UTF_8),
          java.util.Arrays.copyOf(ask.toBytes(), 20)
        }) {
      HttpResponse<byte[]> bad = node.post(Routes.NODE_METADATA.path(), garbage);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(TestNode.json(bad).get("error").asText()).isEqualTo("malformed");
    }
    assertThat(node.post(Routes.NODE_METADATA.path(), new byte[4096]).statusCode()).isEqualTo(413);
    assertThat(node.post(Routes.NODE_METADATA.path(), ask.toBytes()).statusCode())
        .as("still serving")
        .isEqualTo(200);
  }

  @Test
  void aClientThatDoesNotPinFailsTheHandshake() {
    HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(TestNode.TIMEOUT).build();
    HttpRequest req =
        HttpRequest.newBuilder(node.uri(Routes.METADATA.path())).timeout(TestNode.TIMEOUT).build();

    assertThatThrownBy(() -> defaultTrust.send(req, HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void aClientPinningAnotherFingerprintFailsTheHandshake() {
    byte[] wrong = node.identity.tlsFingerprint();
    wrong[0] ^= 0x01;
    HttpClient pinnedElsewhere =
        HttpClient.newBuilder()
            .sslContext(PinnedTls.context(wrong))
            .connectTimeout(TestNode.TIMEOUT)
            .build();
    HttpRequest req =
        HttpRequest.newBuilder(node.uri(Routes.METADATA.path())).timeout(TestNode.TIMEOUT).build();

    assertThatThrownBy(() -> pinnedElsewhere.send(req, HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void theServerSpeaksHttpsOnly() {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(TestNode.TIMEOUT).build();
    HttpRequest req =
        HttpRequest.newBuilder(
                java.net.URI.create(
                    "http://127.0.0.1:" + node.runtime.port() + Routes.STATUS.path()))
            .timeout(TestNode.TIMEOUT)
            .build();

    assertThatThrownBy(() -> plain.send(req, HttpResponse.BodyHandlers.ofByteArray()))
        .isInstanceOf(IOException.class);
    assertThat(node.get(Routes.STATUS.path()).statusCode()).isEqualTo(200);
  }

  // ------------------------------------------------------------------------------------------------ the happy path

  @Test
  void deliverReencryptRenewRevokeOverHttps() throws Exception {
    NodeMetadata md = NodeMetadata.fromBytes(ok(node.get(Routes.METADATA.path())));
    // Alice seals to what the metadata announces, as a real client does.
    SignedPolicyTerms terms = grant.signed(START, EXPIRY);
    byte[] delivery =
        KFragDelivery.seal(
                terms,
                grant.kfrags.get(0),
                md.address(),
                md.encryptingKey(),
                grant.alice,
                Grant.RANDOM)
            .toBytes();

    HttpResponse<byte[]> stored = node.post(Routes.KFRAGS.path(), delivery);
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(json(stored).get("hrac").asText()).isEqualTo(grant.hrac.toHex());
    assertThat(json(stored).get("revision").asLong()).isZero();
    HttpResponse<byte[]> again = node.post(Routes.KFRAGS.path(), delivery);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("hrac").asText()).isEqualTo(grant.hrac.toHex());

    // Bob: re-encrypt, verify, decrypt (1-of-1, so this node's cfrag is enough).
    Umbral.Encrypted message = grant.encrypt("over https");
    List<Capsule> capsules = List.of(message.capsule());
    HttpResponse<byte[]> re =
        node.post(Routes.REENCRYPT.path(), grant.request(clock.instant(), capsules).toBytes());
    assertThat(re.statusCode()).isEqualTo(200);
    assertThat(re.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/octet-stream"));
    List<CapsuleFrag> cfrags =
        ReencryptionResponse.fromBytes(re.body()).verify(md.verifyingKey(), grant.hrac, capsules);
    assertThat(grant.decrypt(message, List.of(grant.verify(cfrags.get(0), message.capsule()))))
        .isEqualTo("over https");

    HttpResponse<byte[]> renewed =
        node.post(
            Routes.RENEW.path(),
            grant.signed(START, EXPIRY.plus(Duration.ofDays(30)), 1, Conditions.NONE).toBytes());
    assertThat(renewed.statusCode()).isEqualTo(200);
    assertThat(json(renewed).get("hrac").asText()).isEqualTo(grant.hrac.toHex());
    assertThat(json(renewed).get("revision").asLong()).isEqualTo(1);

    byte[] order = grant.revocation(md.address(), clock.instant()).toBytes();
    RevocationReceipt receipt =
        RevocationReceipt.fromBytes(ok(node.post(Routes.REVOKE.path(), order)));
    assertThat(receipt.isSignedBy(md.verifyingKey())).isTrue();
    assertThat(receipt.hrac()).isEqualTo(grant.hrac);
    assertThat(receipt.node()).isEqualTo(md.address());
    RevocationReceipt repeated =
        RevocationReceipt.fromBytes(ok(node.post(Routes.REVOKE.path(), order)));
    assertThat(repeated.isSignedBy(md.verifyingKey())).isTrue();
    assertThat(repeated.revokedAt()).isEqualTo(receipt.revokedAt());

    assertError(
        node.post(Routes.REENCRYPT.path(), grant.request(clock.instant(), capsules).toBytes()),
        410,
        "revoked",
        "revoked");
    assertError(node.post(Routes.KFRAGS.path(), delivery), 410, "revoked", "revoked");
  }

  // ------------------------------------------------------------------------------------------------ hostile bodies

  record Body(String what, byte[] bytes) {}

  /**
   * Every way a body can fail to be the endpoint's object, derived from a valid one; seeded, so
   * reproducible.
   */
  static List<Body> badBodies(byte[] valid, byte[] otherKind, Random random) {
    List<Body> out = new ArrayList<>();
    out.add(new Body("empty", new byte[0]));
    for (int n : new int[] {1, 7, 8, 9, 64, 1000, 8192}) {
      byte[] g = new byte[n];
      random.nextBytes(g);
      out.add(new Body("garbage " + n, g));
    }
    for (int n : new int[] {16, 300}) {
      byte[] g = Arrays.copyOf(valid, n);
      byte[] tail = new byte[n - 8];
      random.nextBytes(tail);
      System.arraycopy(tail, 0, g, 8, tail.length); // the right brand and version, then garbage
      out.add(new Body("garbage after a valid header, " + n, g));
    }
    for (int n :
        new int[] {1, 4, 7, 8, 9, 12, valid.length / 2, valid.length - 64, valid.length - 1}) {
      out.add(new Body("truncated to " + n, Arrays.copyOf(valid, n)));
    }
    out.add(new Body("trailing byte", Arrays.copyOf(valid, valid.length + 1)));
    byte[] twice = Arrays.copyOf(valid, valid.length * 2);
    System.arraycopy(valid, 0, twice, valid.length, valid.length);
    out.add(new Body("the object twice", twice));
    out.add(new Body("wrong brand", otherKind));
    return out;
  }

  @Test
  void everyEndpointRefusesMalformedBodiesAsMalformedAndKeepsServing() throws Exception {
    SignedPolicyTerms terms = grant.signed(START, EXPIRY);
    byte[] delivery = grant.delivery(terms, node.identity).toBytes();
    byte[] renewal =
        grant.signed(START, EXPIRY.plus(Duration.ofDays(1)), 1, Conditions.NONE).toBytes();
    byte[] request = grant.request(clock.instant()).toBytes();
    byte[] order = grant.revocation(node.identity.address(), clock.instant()).toBytes();
    byte[] query = query(grant).toBytes();
    Map<String, byte[][]> endpoints = new LinkedHashMap<>();
    endpoints.put(Routes.KFRAGS.path(), new byte[][] {delivery, renewal});
    endpoints.put(Routes.RENEW.path(), new byte[][] {renewal, delivery});
    endpoints.put(Routes.REENCRYPT.path(), new byte[][] {request, order});
    endpoints.put(Routes.REVOKE.path(), new byte[][] {order, request});
    endpoints.put(Routes.POLICY_STATUS.path(), new byte[][] {query, order});
    Map<String, String> brands =
        Map.of(
            Routes.KFRAGS.path(),
            "KDlv",
            Routes.RENEW.path(),
            "PTrm",
            Routes.REENCRYPT.path(),
            "ReRq",
            Routes.REVOKE.path(),
            "Revo",
            Routes.POLICY_STATUS.path(),
            "PStQ");
    Random random = new Random(0x6e6b6d73L);
    int refused = 0;

    for (var e : endpoints.entrySet()) {
      String path = e.getKey();
      byte[] valid = e.getValue()[0];
      for (Body b : badBodies(valid, e.getValue()[1], random)) {
        HttpResponse<byte[]> r = node.post(path, b.bytes());
        String fragment =
            switch (b.what()) {
              case "empty" -> "truncated header (0 bytes)";
              case "trailing byte" -> "trailing byte";
              case "wrong brand" -> "expected a " + brands.get(path) + " object, found brand";
              default -> "";
            };
        assertThat(r.statusCode()).as("%s with %s: %s", path, b.what(), text(r)).isEqualTo(400);
        assertError(r, 400, "malformed", fragment);
        refused++;
      }
    }
    assertThat(refused).isEqualTo(5 * 22);

    // The node still serves each endpoint, with the very objects the bad bodies were made from.
    assertThat(node.post(Routes.KFRAGS.path(), delivery).statusCode()).isEqualTo(200);
    byte[] answer = ok(node.post(Routes.REENCRYPT.path(), request));
    ReencryptionResponse.fromBytes(answer)
        .verify(
            node.identity.verifyingKey(),
            grant.hrac,
            ReencryptionRequest.fromBytes(request).capsules());
    assertThat(node.post(Routes.RENEW.path(), renewal).statusCode()).isEqualTo(200);
    assertThat(PolicyStatus.fromBytes(ok(node.post(Routes.POLICY_STATUS.path(), query))).state())
        .isEqualTo(PolicyStatus.State.ACTIVE);
    assertThat(
            RevocationReceipt.fromBytes(ok(node.post(Routes.REVOKE.path(), order)))
                .isSignedBy(node.identity.verifyingKey()))
        .isTrue();
    assertThat(json(node.get(Routes.STATUS.path())).get("access_log_entries").asLong())
        .isEqualTo(1);
  }

  static void assertRawError(RawHttps.Response r, int status, String code, String messageFragment)
      throws IOException {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.headers().get("content-type")).startsWith("application/json");
    JsonNode body = TestNode.JSON.readTree(r.body());
    assertThat(body.size()).as(r.text()).isEqualTo(2);
    assertThat(body.get("error").asText()).isEqualTo(code);
    assertThat(body.get("message").asText()).contains(messageFragment);
  }

  @Test
  void aBodyAboveTheLimitIsTooLargeOnEveryEndpointAndTheNodeKeepsServing() throws Exception {
    deliver();
    byte[] pin = node.runtime.metadata().tlsFingerprint();
    byte[] justAbove = new byte[(int) MAX_BODY + 1];
    new Random(7).nextBytes(justAbove);
    for (String path : POST_ENDPOINTS) {
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
              + "Connection: close\r\n";
      // 1 MiB declared: refused on the declared length, before any of it is read (so none needs
      // sending).
      try (RawHttps raw = new RawHttps(pin, node.runtime.port())) {
        raw.write(head + "Content-Length: 1048576\r\n\r\n");
        assertRawError(raw.read(), 413, "too-large", String.valueOf(MAX_BODY));
      }
      // No declared length (chunked): refused once more than the limit has been read.
      try (RawHttps raw = new RawHttps(pin, node.runtime.port())) {
        raw.write(
            head
                + "Transfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(justAbove.length)
                + "\r\n");
        raw.write(justAbove);
        assertRawError(raw.read(), 413, "too-large", "above " + MAX_BODY + " bytes");
      }
    }
    reencryptOk();
  }

  @Test
  void megabyteBodiesSentInFullDoNotStopTheNode() throws Exception {
    deliver();
    byte[] huge = new byte[1024 * 1024];
    new Random(9).nextBytes(huge);
    for (String path : POST_ENDPOINTS) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<byte[]> r;
        try {
          r = node.post(path, huge);
        } catch (java.io.UncheckedIOException dropped) {
          continue; // the 413 may be lost with the connection: see
          // aClientThatSendsAWholeOversizedBodyGetsThe413
        }
        assertError(r, 413, "too-large", String.valueOf(MAX_BODY));
      }
      HttpResponse<byte[]> chunked = null;
      try {
        chunked =
            node.send(
                HttpRequest.newBuilder(node.uri(path))
                    .timeout(TestNode.TIMEOUT)
                    .POST(
                        HttpRequest.BodyPublishers.ofInputStream(
                            () -> new ByteArrayInputStream(huge)))
                    .build());
      } catch (java.io.UncheckedIOException dropped) {
        // as above
      }
      if (chunked != null) {
        assertError(chunked, 413, "too-large", String.valueOf(MAX_BODY));
      }
    }
    // Whatever the clients saw, the node serves on.
    reencryptOk();
    assertThat(json(node.get(Routes.STATUS.path())).get("policies").asLong()).isEqualTo(1);
  }

  @Test
  void aClientThatSendsAWholeOversizedBodyGetsThe413() {
    for (byte[] body : List.of(new byte[1024 * 1024], new byte[(int) MAX_BODY + 1])) {
      for (String path : POST_ENDPOINTS) {
        for (int i = 0; i < 5; i++) {
          assertError(node.post(path, body), 413, "too-large", String.valueOf(MAX_BODY));
        }
      }
    }
  }

  @Test
  void aBodyExactlyAtTheLimitIsReadAndJudgedOnItsContent() {
    byte[] atLimit = new byte[(int) MAX_BODY];
    new Random(8).nextBytes(atLimit);
    for (String path : POST_ENDPOINTS) {
      assertError(node.post(path, atLimit), 400, "malformed", "");
    }
  }

  // ------------------------------------------------------------------------------------------------ routing

  @Test
  void anUnknownPathIsAJson404() {
    for (String path : List.of("/", "/v1", "/v1/nope", "/v2/metadata", "/v1/kfrags/extra")) {
      assertError(node.get(path), 404, "not-found", path);
      assertError(node.post(path, new byte[] {1}), 404, "not-found", path);
    }
  }

  @Test
  void theWrongMethodIsAJson404Or405() {
    List<HttpResponse<byte[]>> responses = new ArrayList<>();
    for (String path : POST_ENDPOINTS) {
      responses.add(node.get(path));
      responses.add(
          node.send(
              HttpRequest.newBuilder(node.uri(path))
                  .timeout(TestNode.TIMEOUT)
                  .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1}))
                  .build()));
    }
    for (String path :
        List.of(Routes.METADATA.path(), Routes.STATUS.path(), Routes.METRICS.path())) {
      responses.add(node.post(path, new byte[] {1}));
      responses.add(
          node.send(
              HttpRequest.newBuilder(node.uri(path)).timeout(TestNode.TIMEOUT).DELETE().build()));
    }
    for (HttpResponse<byte[]> r : responses) {
      String code = r.statusCode() == 405 ? "method-not-allowed" : "not-found";
      assertThat(r.statusCode()).as("%s %s", r.request().method(), r.uri()).isIn(404, 405);
      assertError(r, r.statusCode(), code, "");
    }
  }

  // ------------------------------------------------------------------------------------------------ refusals

  @Test
  void aReplayedRequestIs409Replay() throws Exception {
    deliver();
    byte[] request = grant.request(clock.instant()).toBytes();
    ok(node.post(Routes.REENCRYPT.path(), request));

    assertError(node.post(Routes.REENCRYPT.path(), request), 409, "replay", "already served");
    byte[] stale = grant.request(clock.instant().minus(Duration.ofMinutes(6))).toBytes();
    assertError(node.post(Routes.REENCRYPT.path(), stale), 409, "replay", "from the node's clock");
  }

  @Test
  void everyRefusalHasItsDocumentedStatusAndCode() throws Exception {
    SignedPolicyTerms terms = deliver();
    Signer mallory = new Signer(SecretKey.random());

    byte[] badSig = grant.signed(START, EXPIRY, 1, Conditions.NONE).toBytes();
    badSig[badSig.length - 1] ^= 0x01;
    assertError(node.post(Routes.RENEW.path(), badSig), 401, "bad-signature", "does not verify");
    assertError(
        node.post(
            Routes.REENCRYPT.path(),
            grant.request(clock.instant(), grant.capsules(1), Map.of(), mallory).toBytes()),
        403,
        "not-the-grantee",
        "not the grantee");
    assertError(
        node.post(
            Routes.RENEW.path(),
            grant.signed(START, EXPIRY.plusSeconds(60), 0, Conditions.NONE).toBytes()),
        409,
        "stale-terms",
        "revision 0 is not above the stored one");
    assertError(
        node.post(
            Routes.KFRAGS.path(),
            grant.delivery(terms, NodeIdentity.generate(List.of(), clock)).toBytes()),
        422,
        "rejected-kfrag",
        "not encrypted to this node");

    Grant later = new Grant("later", 1, 1);
    deliver(later, later.signed(T0.plus(Duration.ofHours(1)), EXPIRY));
    assertError(
        node.post(Routes.REENCRYPT.path(), later.request(clock.instant()).toBytes()),
        403,
        "not-yet-active",
        "starts at");
    Grant windowed = new Grant("windowed", 1, 1);
    deliver(
        windowed,
        windowed.signed(
            START,
            EXPIRY,
            0,
            Conditions.of(
                TimeWindow.between(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))))));
    assertError(
        node.post(Routes.REENCRYPT.path(), windowed.request(clock.instant()).toBytes()),
        403,
        "condition-not-met",
        "time window");

    clock.set(EXPIRY);
    assertError(
        node.post(Routes.REENCRYPT.path(), grant.request(clock.instant()).toBytes()),
        410,
        "expired",
        "expired at");
    assertError(
        node.post(Routes.KFRAGS.path(), grant.delivery(terms, node.identity).toBytes()),
        410,
        "expired",
        "expired at");
  }

  @Test
  void refusalsWithStatus404Or413KeepTheirOwnCodeAndMessage() throws Exception {
    deliver();
    byte[] unknownRequest = new Grant("unknown").request(clock.instant()).toBytes();
    Grant unknown = new Grant("unknown-too");
    assertError(
        node.post(Routes.REENCRYPT.path(), unknownRequest),
        404,
        "unknown-policy",
        "holds no kfrag");
    assertError(
        node.post(Routes.RENEW.path(), unknown.signed(START, EXPIRY, 1, Conditions.NONE).toBytes()),
        404,
        "unknown-policy",
        "holds no kfrag");
    // A revocation of an id never held is not a 404: Alice's order leaves a tombstone and gets a
    // receipt.
    assertThat(
            RevocationReceipt.fromBytes(
                    ok(
                        node.post(
                            Routes.REVOKE.path(),
                            unknown.revocation(node.identity.address(), T0).toBytes())))
                .hrac())
        .isEqualTo(unknown.hrac);
    assertError(
        node.post(
            Routes.REENCRYPT.path(), grant.request(clock.instant(), grant.capsules(11)).toBytes()),
        413,
        "too-large",
        "11 capsules in one request; this node takes at most 10");
    try (RawHttps raw =
        new RawHttps(node.runtime.metadata().tlsFingerprint(), node.runtime.port())) {
      raw.write(
          "POST /v1/kfrags HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
              + "Connection: close\r\nContent-Length: 1048576\r\n\r\n");
      assertRawError(
          raw.read(), 413, "too-large", "request body of 1048576 bytes; the limit is 65536");
    }
  }

  @Test
  void anUnknownPathIsAJson404WhateverTheRequestContentType() {
    for (String ct : List.of("application/json", "application/octet-stream", "text/plain")) {
      assertError(
          node.send(
              HttpRequest.newBuilder(node.uri("/v1/nope"))
                  .timeout(TestNode.TIMEOUT)
                  .header("Content-Type", ct)
                  .GET()
                  .build()),
          404,
          "not-found",
          "/v1/nope");
    }
  }

  @Test
  void aRequestWhileTheOnlySlotIsTakenIs503Busy() throws Exception {
    node.close();
    GateClock gate = new GateClock(clock);
    node = TestNode.start(config().maxConcurrentRequests(1).build(), gate);
    deliver();
    List<Capsule> capsules = grant.capsules(1);
    byte[] held = grant.request(T0, capsules).toBytes();
    try {
      gate.arm();
      CompletableFuture<HttpResponse<byte[]>> inFlight =
          node.client.sendAsync(
              HttpRequest.newBuilder(node.uri(Routes.REENCRYPT.path()))
                  .timeout(TestNode.TIMEOUT)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(held))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(gate.awaitEntered()).as("the first request reached the node's clock").isTrue();

      byte[] second = grant.request(T0).toBytes();
      assertError(node.post(Routes.REENCRYPT.path(), second), 503, "busy", "retry");
      assertThat(node.get(Routes.METADATA.path()).statusCode()).isEqualTo(200);

      gate.release();
      HttpResponse<byte[]> first = inFlight.get(20, TimeUnit.SECONDS);
      ReencryptionResponse.fromBytes(ok(first))
          .verify(node.identity.verifyingKey(), grant.hrac, capsules);
      ok(node.post(Routes.REENCRYPT.path(), second));
    } finally {
      gate.release();
    }
  }

  // ------------------------------------------------------------------------------------------------ whose policy

  PolicyStatusQuery query(Grant g) {
    return PolicyStatusQuery.sign(
        g.hrac, g.nonce, node.identity.address(), clock.instant(), g.alice, Grant.RANDOM);
  }

  PolicyStatus status(Grant g) throws Exception {
    PolicyStatus s =
        PolicyStatus.fromBytes(ok(node.post(Routes.POLICY_STATUS.path(), query(g).toBytes())));
    assertThat(s.isSignedBy(node.identity.verifyingKey())).isTrue();
    assertThat(s.hrac()).isEqualTo(g.hrac);
    assertThat(s.node()).isEqualTo(node.identity.address());
    return s;
  }

  /**
   * Bug 5 of issue 10 over HTTPS: a stranger can neither pre-store under Alice's id nor revoke, nor
   * learn a thing.
   */
  @Test
  void aStrangerCannotPreStoreOrRevokeAlicesPolicyAndGetsOneAnswerForEveryState() throws Exception {
    Stranger mallory = new Stranger(grant);
    assertError(
        node.post(
            Routes.KFRAGS.path(), mallory.deliveryUnderVictimsId(START, EXPIRY, node.identity)),
        400,
        "malformed",
        "the policy id does not commit to the signing Alice's key");
    assertThat(status(grant).state()).isEqualTo(PolicyStatus.State.UNKNOWN);
    deliver();
    reencryptOk();

    Grant revoked = new Grant("revoked", 1, 1);
    deliver(revoked, revoked.signed(START, EXPIRY));
    ok(node.post(Routes.REVOKE.path(), revoked.revocation(node.identity.address(), T0).toBytes()));
    Grant unknown = new Grant("unknown", 1, 1);
    List<String> bodies = new ArrayList<>();
    for (Grant victim : List.of(unknown, grant, revoked)) {
      Stranger s = new Stranger(victim);
      for (byte[] order :
          List.of(s.revocation(node.identity, T0), s.revocationAsAlice(node.identity, T0))) {
        HttpResponse<byte[]> r = node.post(Routes.REVOKE.path(), order);
        assertError(r, 401, "bad-signature", "not signed by the Alice its policy id belongs to");
        bodies.add(text(r));
      }
      assertError(
          node.post(Routes.POLICY_STATUS.path(), s.statusQuery(node.identity, T0)),
          401,
          "bad-signature",
          "not signed by the Alice its policy id belongs to");
    }
    assertThat(bodies).hasSize(6).containsOnly(bodies.get(0));
    assertThat(status(grant).state()).isEqualTo(PolicyStatus.State.ACTIVE);
    assertThat(status(unknown).state()).isEqualTo(PolicyStatus.State.UNKNOWN);
    assertThat(status(revoked).state()).isEqualTo(PolicyStatus.State.REVOKED);
    reencryptOk();
  }

  @Test
  void anUnpaidAliceGets429AtTheLimitAndOtherAlicesAreUnaffected() throws Exception {
    node.close();
    node = TestNode.start(config().maxPoliciesPerAlice(2).build(), clock);
    Signer alice = new Signer(SecretKey.random());
    List<byte[]> deliveries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      byte[] nonce = dev.nkms.protocol.Hrac.newNonce(Grant.RANDOM);
      dev.nkms.protocol.PolicyTerms t =
          new dev.nkms.protocol.PolicyTerms(
              nonce,
              1,
              1,
              START,
              EXPIRY,
              0,
              Conditions.NONE,
              grant.policyKey.publicKey(),
              alice.verifyingKey(),
              grant.bob.verifyingKey(),
              grant.bobEncrypting.publicKey());
      var kfrag =
          Umbral.generateKFrags(
                  grant.policyKey,
                  grant.bobEncrypting.publicKey(),
                  alice,
                  1,
                  1,
                  true,
                  true,
                  Grant.RANDOM)
              .get(0);
      deliveries.add(
          KFragDelivery.seal(
                  SignedPolicyTerms.sign(t, alice, Grant.RANDOM),
                  kfrag,
                  node.identity.address(),
                  node.identity.encryptingKey().publicKey(),
                  alice,
                  Grant.RANDOM)
              .toBytes());
    }
    ok(node.post(Routes.KFRAGS.path(), deliveries.get(0)));
    ok(node.post(Routes.KFRAGS.path(), deliveries.get(1)));
    assertError(
        node.post(Routes.KFRAGS.path(), deliveries.get(2)),
        429,
        "quota-exceeded",
        "keeps 2 policies");
    deliver();
    reencryptOk();
  }

  /**
   * Bug 6 of issue 10 over HTTPS, with the node's clock injected: once the sweeper ran, still
   * "expired".
   */
  @Test
  void afterTheSweeperPurgesAnExpiredPolicyTheNodeStillSaysExpired() throws Exception {
    node.close();
    node = TestNode.start(config().expirySweepInterval(Duration.ofMillis(20)).build(), clock);
    deliver(grant, grant.signed(START, EXPIRY, 3, Conditions.NONE));
    clock.set(EXPIRY.plusSeconds(1));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (json(node.get(Routes.STATUS.path())).get("policies").asLong() != 0) {
      assertThat(System.nanoTime()).as("the sweeper purged the kfrag in time").isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
    assertError(
        node.post(Routes.REENCRYPT.path(), grant.request(clock.instant()).toBytes()),
        410,
        "expired",
        "expired at " + EXPIRY);
    assertError(
        node.post(
            Routes.RENEW.path(),
            grant.signed(START, EXPIRY.plus(Duration.ofDays(1)), 4, Conditions.NONE).toBytes()),
        410,
        "expired",
        "expired");
    PolicyStatus s = status(grant);
    assertThat(s.state()).isEqualTo(PolicyStatus.State.EXPIRED);
    assertThat(s.expiry()).contains(EXPIRY);
    assertThat(s.revision()).isEqualTo(3);
    assertThat(
            RevocationReceipt.fromBytes(
                    ok(
                        node.post(
                            Routes.REVOKE.path(),
                            grant.revocation(node.identity.address(), clock.instant()).toBytes())))
                .isSignedBy(node.identity.verifyingKey()))
        .isTrue();
  }

  // ------------------------------------------------------------------------------------------------ status & metrics

  @Test
  void statusIsJsonWithCountsAndHtmlOnRequest() throws Exception {
    Grant kept = new Grant("kept", 1, 1);
    deliver();
    deliver(kept, kept.signed(START, EXPIRY));
    List<Capsule> two = grant.capsules(2);
    ok(node.post(Routes.REENCRYPT.path(), grant.request(clock.instant(), two).toBytes()));
    ok(
        node.post(
            Routes.REVOKE.path(),
            grant.revocation(node.identity.address(), clock.instant()).toBytes()));
    clock.advance(Duration.ofSeconds(90));

    HttpResponse<byte[]> r = node.get(Routes.STATUS.path());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode s = json(r);
    assertThat(s.get("policies").asLong()).isEqualTo(1);
    assertThat(s.get("revocations").asLong()).isEqualTo(1);
    assertThat(s.get("access_log_entries").asLong()).isEqualTo(1);
    assertThat(s.get("capsules_reencrypted").asLong()).isEqualTo(2);
    assertThat(s.get("address").asText()).isEqualTo(node.identity.address().toHex());
    assertThat(s.get("port").asInt()).isEqualTo(node.runtime.port());
    assertThat(s.get("tls_fingerprint").asText())
        .isEqualTo(HexFormat.of().formatHex(node.identity.tlsFingerprint()));
    assertThat(s.get("verifying_key").asText()).isEqualTo(node.identity.verifyingKey().toHex());
    assertThat(s.get("uptime_s").asLong()).isEqualTo(90);

    for (HttpResponse<byte[]> html :
        List.of(
            node.get(Routes.STATUS.path() + "?format=html"),
            node.send(
                HttpRequest.newBuilder(node.uri(Routes.STATUS.path()))
                    .timeout(TestNode.TIMEOUT)
                    .header("Accept", "text/html,application/xhtml+xml")
                    .GET()
                    .build()))) {
      assertThat(html.statusCode()).isEqualTo(200);
      assertThat(html.headers().firstValue("Content-Type"))
          .hasValueSatisfying(ct -> assertThat(ct).startsWith("text/html"));
      assertThat(text(html))
          .startsWith("<!doctype html>")
          .contains("</html>")
          .contains(node.identity.address().toHex())
          .contains("<th>policies</th><td>1</td>");
    }
  }

  @Test
  void metricsArePrometheusTextWithReencryptionsAndPolicies() throws Exception {
    deliver();
    ok(
        node.post(
            Routes.REENCRYPT.path(), grant.request(clock.instant(), grant.capsules(3)).toBytes()));
    byte[] request = grant.request(clock.instant()).toBytes();
    ok(node.post(Routes.REENCRYPT.path(), request));
    assertError(node.post(Routes.REENCRYPT.path(), request), 409, "replay", "");

    HttpResponse<byte[]> r = node.get(Routes.METRICS.path());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(
            ct -> assertThat(ct).startsWith("text/plain").contains("version=0.0.4"));
    List<String> lines = text(r).lines().toList();
    assertThat(lines)
        .contains(
            "# TYPE nkms_capsules_reencrypted_total counter",
            "nkms_capsules_reencrypted_total 4",
            "# TYPE nkms_policies gauge",
            "nkms_policies 1",
            "nkms_access_log_entries 2",
            "nkms_refusals_total{reason=\"replay\"} 1");
    for (String line : lines) {
      assertThat(line)
          .matches(
              "# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+"
                  + "|[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*\\})?"
                  + " -?[0-9]+(\\.[0-9]+)?");
    }
    // One HELP and TYPE per metric family, before its samples.
    assertThat(
            lines.stream()
                .filter(l -> l.startsWith("# TYPE nkms_capsules_reencrypted_total "))
                .count())
        .isEqualTo(1);
  }
}
