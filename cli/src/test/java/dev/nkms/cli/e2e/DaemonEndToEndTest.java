package dev.nkms.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.app.network.LocalNetwork;
import dev.nkms.client.Nkms;
import dev.nkms.client.NkmsConfig;
import dev.nkms.client.connect.UserKeys;
import dev.nkms.crypto.RandomSource;
import dev.nkms.daemon.ApiRoute;
import dev.nkms.daemon.Daemon;
import dev.nkms.daemon.DaemonOptions;
import dev.nkms.storage.s3.S3TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons (Alice's and Bob's) in front of a 5-node network and a real S3 server: a Python
 * program shares a file through them with nothing but its standard library; every route answers as
 * openapi.json says; bad requests get problem details and the daemon keeps serving.
 */
class DaemonEndToEndTest {
  private static final String PASSPHRASE = "daemon test passphrase";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path work;
  private static LocalNetwork network;
  private static S3TestServer s3;
  private static Nkms alice;
  private static Nkms bob;
  private static Daemon aliceDaemon;
  private static Daemon bobDaemon;

  private final Set<ApiRoute> exercised = EnumSet.noneOf(ApiRoute.class);

  @BeforeAll
  static void up() throws Exception {
    network = TestNetworks.start(work.resolve(".nkms/network"), 5);
    s3 = S3TestServer.start(Files.createDirectories(work.resolve("s3")), "shared");
    alice = Nkms.connect(config("alice"));
    bob = Nkms.connect(config("bob"));
    aliceDaemon =
        Daemon.start(
            alice,
            DaemonOptions.loopback(0, work.resolve("alice/state")),
            Clock.systemUTC(),
            RandomSource.secure());
    bobDaemon =
        Daemon.start(
            bob,
            DaemonOptions.loopback(0, work.resolve("bob/state")),
            Clock.systemUTC(),
            RandomSource.secure());
  }

  private static NkmsConfig config(String name) throws Exception {
    Path keys = work.resolve(name + ".keys");
    UserKeys.random(RandomSource.secure()).write(keys, PASSPHRASE.toCharArray());
    return NkmsConfig.builder()
        .home(Files.createDirectories(work.resolve(name)))
        .environment(Map.of())
        .network(network.dir())
        .keys(keys)
        .passphrase(PASSPHRASE.toCharArray())
        .threshold(2)
        .shares(3)
        .storage(S3TestServer.settingsFor(s3.port()))
        .build();
  }

  @AfterAll
  static void down() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {aliceDaemon, bobDaemon, alice, bob, s3}) {
      if (c != null) {
        c.close();
      }
    }
    if (network != null) {
      TestNetworks.stop(network);
    }
  }

  @Test
  void aPythonProgramSharesAFileOnS3ThroughTheDaemonsWithNothingButHttp() throws Exception {
    Path script = Path.of("src/test/resources/daemon/share_flow.py").toAbsolutePath();
    Process p =
        new ProcessBuilder(
                "python3",
                script.toString(),
                aliceDaemon.url(),
                aliceDaemon.tokenFile().toString(),
                bobDaemon.url(),
                bobDaemon.tokenFile().toString(),
                "s3://shared/python/")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("ok: Bob read the file").contains("ok: Bob is refused");
  }

  @Test
  void everyRouteAnswersAsDocumented() throws Exception {
    JsonNode doc = json(get(aliceDaemon, ApiRoute.OPENAPI, "/openapi.json", false), 200);
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    HttpResponse<byte[]> page = get(aliceDaemon, ApiRoute.CONSOLE, "/", false);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("default-src 'self'");
    String script =
        new String(page.body(), StandardCharsets.UTF_8)
            .replaceAll("(?s).*src=\"/console/([a-z0-9-]+\\.js)\".*", "$1");
    assertThat(get(aliceDaemon, ApiRoute.CONSOLE_ASSET, "/console/" + script, false).statusCode())
        .isEqualTo(200);

    String card =
        json(get(bobDaemon, ApiRoute.IDENTITY, "/v1/identity", true), 200).get("card").asText();
    assertThat(card).isEqualTo(bob.card().toHex());
    JsonNode nodes = json(get(aliceDaemon, ApiRoute.NODES, "/v1/nodes", true), 200).get("nodes");
    assertThat(nodes).hasSizeGreaterThanOrEqualTo(3);

    // Objects: write under a label in the default store and into a folder on S3; list; read own.
    byte[] data = "route by route".getBytes(StandardCharsets.UTF_8);
    String folder = "s3://shared/routes/";
    String location = folder + "a.txt";
    JsonNode written =
        json(
            send(
                aliceDaemon,
                ApiRoute.WRITE,
                "/v1/objects?location=" + q(location),
                BodyPublishers.ofByteArray(data),
                null),
            201);
    assertThat(written.get("location").asText()).isEqualTo(location);
    JsonNode byLabel =
        json(
            send(
                aliceDaemon,
                ApiRoute.WRITE,
                "/v1/objects?label=notes",
                BodyPublishers.ofByteArray(data),
                null),
            201);
    assertThat(byLabel.get("location").asText()).startsWith("file:");
    JsonNode objects =
        json(get(aliceDaemon, ApiRoute.OBJECTS, "/v1/objects", true), 200).get("objects");
    assertThat(objects.findValuesAsText("location"))
        .contains(location, byLabel.get("location").asText());
    HttpResponse<byte[]> own =
        get(aliceDaemon, ApiRoute.READ_OWN, "/v1/objects/content?location=" + q(location), true);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).isEqualTo(data);

    // Policies: share the folder, read it as Bob, update, renew, revoke, delete.
    JsonNode shared =
        json(
            send(
                aliceDaemon,
                ApiRoute.SHARE,
                "/v1/policies",
                jsonBody(Map.of("bob", card, "path", folder, "expires", "2h")),
                "application/json"),
            201);
    JsonNode share = shared.get("policies").get(0);
    String id = share.get("policy").asText();
    String map = share.get("treasure_map").asText();
    assertThat(share.get("label").asText()).isEqualTo(folder);
    HttpResponse<byte[]> read =
        send(
            bobDaemon,
            ApiRoute.READ,
            "/v1/read",
            jsonBody(Map.of("location", location, "treasure_map", map)),
            "application/json");
    assertThat(read.statusCode())
        .as(new String(read.body(), StandardCharsets.UTF_8))
        .isEqualTo(200);
    assertThat(read.body()).isEqualTo(data);
    assertThat(
            json(get(aliceDaemon, ApiRoute.POLICIES, "/v1/policies", true), 200)
                .get("policies")
                .findValuesAsText("policy"))
        .contains(id);
    JsonNode one = json(get(aliceDaemon, ApiRoute.POLICY, "/v1/policies/" + id, true), 200);
    assertThat(one.get("state").asText()).isEqualTo("active");
    assertThat(one.get("revision").asLong()).isZero();
    JsonNode updated =
        json(
            send(
                aliceDaemon,
                ApiRoute.UPDATE_POLICY,
                "/v1/policies/" + id,
                jsonBody(Map.of("conditions", Map.of("access_log", true))),
                "application/json"),
            200);
    assertThat(updated.at("/conditions/access_log").asBoolean()).isTrue();
    assertThat(updated.get("revision").asLong()).isEqualTo(1);
    JsonNode atNodes =
        json(
            get(aliceDaemon, ApiRoute.POLICY_AT_NODES, "/v1/policies/" + id + "/nodes", true), 200);
    assertThat(atNodes.get("nodes")).hasSize(3);
    assertThat(atNodes.get("nodes").findValuesAsText("state")).containsOnly("active");
    assertThat(atNodes.get("nodes").findValues("revision")).allMatch(r -> r.asLong() == 1);
    assertThat(atNodes.get("failed")).isEmpty();
    assertThat(atNodes.get("disagreements")).isEmpty();
    JsonNode renewed =
        json(
            send(
                aliceDaemon,
                ApiRoute.RENEW,
                "/v1/policies/" + id + "/renew",
                jsonBody(Map.of("expires", "3h")),
                "application/json"),
            200);
    assertThat(renewed.get("revision").asLong()).isEqualTo(2);
    assertThat(renewed.at("/conditions/access_log").asBoolean())
        .as("a renewal keeps the conditions")
        .isTrue();
    JsonNode revoked =
        json(
            send(
                aliceDaemon,
                ApiRoute.REVOKE,
                "/v1/policies/" + id + "/revoke",
                BodyPublishers.noBody(),
                null),
            200);
    assertThat(revoked.get("state").asText()).isEqualTo("revoked");
    assertThat(revoked.get("receipts").asInt()).isEqualTo(3);
    HttpResponse<byte[]> refused =
        send(
            bobDaemon,
            ApiRoute.READ,
            "/v1/read",
            jsonBody(Map.of("location", location, "treasure_map", map)),
            "application/json");
    assertThat(problem(refused, 403).get("reason").asText()).isEqualTo("revoked");
    json(
        send(
            aliceDaemon,
            ApiRoute.DELETE_POLICY,
            "/v1/policies/" + id,
            BodyPublishers.noBody(),
            null),
        200);
    assertThat(
            problem(get(aliceDaemon, ApiRoute.POLICY, "/v1/policies/" + id, true), 404)
                .get("reason")
                .asText())
        .isEqualTo("not-found");

    // Sealed bytes: encrypt, split, Alice's own decrypt, Bob's retrieve under a fresh label share.
    HttpResponse<byte[]> sealed =
        send(
            aliceDaemon,
            ApiRoute.ENCRYPT,
            "/v1/encrypt?label=bytes",
            BodyPublishers.ofByteArray(data),
            null);
    assertThat(sealed.statusCode()).isEqualTo(200);
    JsonNode split =
        json(
            send(
                aliceDaemon,
                ApiRoute.SPLIT_EDEK,
                "/v1/split-edek",
                BodyPublishers.ofByteArray(sealed.body()),
                null),
            200);
    assertThat(
            Base64.getDecoder().decode(split.get("edek").asText()).length
                + Base64.getDecoder().decode(split.get("payload").asText()).length)
        .isEqualTo(sealed.body().length);
    assertThat(
            send(
                    aliceDaemon,
                    ApiRoute.DECRYPT,
                    "/v1/decrypt?label=bytes",
                    BodyPublishers.ofByteArray(sealed.body()),
                    null)
                .body())
        .isEqualTo(data);
    JsonNode bytesShare =
        json(
                send(
                    aliceDaemon,
                    ApiRoute.SHARE,
                    "/v1/policies",
                    jsonBody(Map.of("bob", card, "label", "bytes", "expires", "1h")),
                    "application/json"),
                201)
            .get("policies")
            .get(0);
    HttpResponse<byte[]> retrieved =
        send(
            bobDaemon,
            ApiRoute.RETRIEVE,
            "/v1/retrieve",
            jsonBody(
                Map.of(
                    "treasure_map",
                    bytesShare.get("treasure_map").asText(),
                    "sealed",
                    Base64.getEncoder().encodeToString(sealed.body()))),
            "application/json");
    assertThat(retrieved.statusCode()).isEqualTo(200);
    assertThat(retrieved.body()).isEqualTo(data);

    // Delete the folder's only object: its policy was deleted above, so nothing is left to revoke;
    // the object is gone from storage and from the index.
    JsonNode deleted =
        json(
            send(
                aliceDaemon,
                ApiRoute.DELETE_OBJECT,
                "/v1/objects?location=" + q(location),
                BodyPublishers.noBody(),
                null),
            200);
    assertThat(deleted.get("result").asText()).isEqualTo("deleted");
    assertThat(deleted.get("revoked").isArray()).isTrue();
    assertThat(deleted.get("revoked")).isEmpty();
    assertThat(
            json(get(aliceDaemon, ApiRoute.OBJECTS, "/v1/objects", true), 200)
                .get("objects")
                .findValuesAsText("location"))
        .doesNotContain(location);
    assertThat(
            problem(
                    get(
                        aliceDaemon,
                        ApiRoute.READ_OWN,
                        "/v1/objects/content?location=" + q(location) + "&label=" + q(folder),
                        true),
                    404)
                .get("reason")
                .asText())
        .isEqualTo("not-found");

    assertThat(exercised).isEqualTo(EnumSet.allOf(ApiRoute.class));
  }

  @Test
  void badRequestsGetProblemDetailsAndTheDaemonKeepsServing() throws Exception {
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "GET",
                        "/v1/policies",
                        BodyPublishers.noBody(),
                        null,
                        "Bearer wrong"),
                    401)
                .get("reason")
                .asText())
        .isEqualTo("unauthorized");
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "POST",
                        "/v1/policies",
                        BodyPublishers.ofString("{\"bob\":"),
                        "application/json",
                        auth()),
                    400)
                .get("detail")
                .asText())
        .startsWith("the body is not JSON");
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "POST",
                        "/v1/policies",
                        jsonBody(Map.of("bob", "x", "expires", "1h", "colour", "red")),
                        "application/json",
                        auth()),
                    400)
                .get("detail")
                .asText())
        .contains("unknown member \"colour\"");
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "POST",
                        "/v1/policies",
                        jsonBody(
                            Map.of("bob", bob.card().toHex(), "label", "x", "expires", "soon")),
                        "application/json",
                        auth()),
                    400)
                .get("detail")
                .asText())
        .contains("\"expires\" takes a duration");
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "GET",
                        "/v1/policies/zz",
                        BodyPublishers.noBody(),
                        null,
                        auth()),
                    400)
                .get("detail")
                .asText())
        .contains("32 hex digits");
    InputStream unsized = new ByteArrayInputStream(new byte[10]);
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "PUT",
                        "/v1/objects?label=x",
                        BodyPublishers.ofInputStream(() -> unsized),
                        null,
                        auth()),
                    411)
                .get("reason")
                .asText())
        .isEqualTo("length-required");
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "PUT",
                        "/v1/objects?location=" + q("ftp://x/y"),
                        BodyPublishers.ofByteArray(new byte[1]),
                        null,
                        auth()),
                    400)
                .get("detail")
                .asText())
        .contains("ftp");
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "POST",
                        "/v1/decrypt?label=x",
                        BodyPublishers.ofByteArray(new byte[17 * 1024 * 1024]),
                        null,
                        auth()),
                    413)
                .get("reason")
                .asText())
        .isEqualTo("too-large");
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "DELETE",
                        "/v1/identity",
                        BodyPublishers.noBody(),
                        null,
                        auth()),
                    405)
                .get("reason")
                .asText())
        .isEqualTo("method-not-allowed");
    assertThat(
            problem(
                    raw(aliceDaemon, "GET", "/v1/nothing", BodyPublishers.noBody(), null, auth()),
                    404)
                .get("reason")
                .asText())
        .isEqualTo("no-such-route");
    assertThat(
            problem(
                    raw(
                        aliceDaemon,
                        "POST",
                        "/v1/read",
                        jsonBody(Map.of("location", "s3://shared/none", "treasure_map", "!!")),
                        "application/json",
                        auth()),
                    400)
                .get("detail")
                .asText())
        .contains("base64");
    assertThat(
            json(
                    raw(aliceDaemon, "GET", "/v1/identity", BodyPublishers.noBody(), null, auth()),
                    200)
                .get("card")
                .asText())
        .isNotEmpty();
  }

  @Test
  void aStoredObjectDamagedNearItsEndNeverReadsAsWhole() throws Exception {
    byte[] data = new byte[3 << 20];
    new java.util.Random(7).nextBytes(data);
    Path file = work.resolve("damaged/big.bin");
    String location = file.toUri().toString();
    json(
        raw(
            aliceDaemon,
            "PUT",
            "/v1/objects?label=damaged&location=" + q(location),
            BodyPublishers.ofByteArray(data),
            null,
            auth()),
        201);
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(
            file, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
      long at = ch.size() - 10;
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 1)).rewind();
      ch.write(b, at);
    }
    // 3 MiB is 48 chunks, far above the response buffer: data flows (200) before the damaged last
    // chunk fails, so the transfer must be cut — a client sees an error, never a short body.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                raw(
                    aliceDaemon,
                    "GET",
                    "/v1/objects/content?location=" + q(location),
                    BodyPublishers.noBody(),
                    null,
                    auth()))
        .isInstanceOf(java.io.IOException.class);
    // And the daemon keeps serving.
    assertThat(
            json(
                    raw(aliceDaemon, "GET", "/v1/identity", BodyPublishers.noBody(), null, auth()),
                    200)
                .has("card"))
        .isTrue();
  }

  @Test
  void withTlsTheDaemonServesHttpsWithTheCertificateItWrote() throws Exception {
    Path state = work.resolve("tls-state");
    try (Daemon tls =
        Daemon.start(
            alice,
            new DaemonOptions("127.0.0.1", 0, true, false, state),
            Clock.systemUTC(),
            RandomSource.secure())) {
      assertThat(tls.url()).startsWith("https://");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(state.resolve(DaemonOptions.CERTIFICATE_FILE))) {
        trust.setCertificateEntry(
            "daemon", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(tls.url() + "/v1/identity"))
                  .header("Authorization", "Bearer " + Files.readString(tls.tokenFile()).strip())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("card").asText()).isEqualTo(alice.card().toHex());
    }
  }

  @Test
  void theCommandPrintsWhereItServesAndServesTheTokenItWrote() throws Exception {
    Path dir = Files.createDirectories(work.resolve("command"));
    Path keys = dir.resolve("carol.keys");
    UserKeys.random(RandomSource.secure()).write(keys, PASSPHRASE.toCharArray());
    ProcessBuilder pb =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                dev.nkms.cli.Main.class.getName(),
                "daemon",
                "--keys",
                keys.toString(),
                "--network",
                network.dir().toString(),
                "--port",
                "0",
                "--json")
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("NKMS_PASSPHRASE", PASSPHRASE);
    Process p = pb.start();
    try {
      String line =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      JsonNode printed = dev.nkms.cli.JsonKeys.check("daemon", String.valueOf(line));
      Path tokenFile = Path.of(printed.get("token_file").asText());
      assertThat(tokenFile).isEqualTo(dir.resolve(".nkms/daemon/daemon.token").toAbsolutePath());
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(tokenFile)))
          .isEqualTo("rw-------");
      assertThat(printed.get("certificate").isNull()).isTrue();
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(printed.get("url").asText() + "/v1/identity"))
                  .header("Authorization", "Bearer " + Files.readString(tokenFile).strip())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    } finally {
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the daemon stops on SIGTERM").isTrue();
    }
  }

  // ------------------------------------------------------------------------------------------------ helpers

  private HttpResponse<byte[]> get(Daemon d, ApiRoute route, String path, boolean withToken)
      throws Exception {
    exercised.add(route);
    return raw(d, "GET", path, BodyPublishers.noBody(), null, withToken ? token(d) : null);
  }

  private HttpResponse<byte[]> send(
      Daemon d, ApiRoute route, String path, BodyPublisher body, String type) throws Exception {
    exercised.add(route);
    return raw(d, route.method().name(), path, body, type, token(d));
  }

  private static HttpResponse<byte[]> raw(
      Daemon d, String method, String path, BodyPublisher body, String type, String authorization)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(d.url() + path))
            .timeout(Duration.ofSeconds(120))
            .method(method, body);
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return HTTP.send(b.build(), BodyHandlers.ofByteArray());
  }

  private static String auth() throws Exception {
    return token(aliceDaemon);
  }

  private static String token(Daemon d) throws Exception {
    return "Bearer " + Files.readString(d.tokenFile()).strip();
  }

  private static BodyPublisher jsonBody(Object o) throws Exception {
    return BodyPublishers.ofByteArray(JSON.writeValueAsBytes(o));
  }

  private static JsonNode json(HttpResponse<byte[]> r, int status) throws Exception {
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.statusCode())
        .as(r.request().method() + " " + r.request().uri() + ": " + text)
        .isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    return JSON.readTree(text);
  }

  private static JsonNode problem(HttpResponse<byte[]> r, int status) throws Exception {
    String text = new String(r.body(), StandardCharsets.UTF_8);
    assertThat(r.statusCode())
        .as(r.request().method() + " " + r.request().uri() + ": " + text)
        .isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode p = JSON.readTree(text);
    assertThat(p.get("type").asText()).isEqualTo("urn:nkms:problem:" + p.get("reason").asText());
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("detail").asText()).isNotBlank();
    return p;
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
