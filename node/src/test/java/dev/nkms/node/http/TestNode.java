package dev.nkms.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nkms.network.transport.PinnedTls;
import dev.nkms.node.NodeRuntime;
import dev.nkms.node.config.NodeConfig;
import dev.nkms.node.identity.NodeIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/**
 * A real node (NodeRuntime: SQLite in a temp dir, HTTPS on a free loopback port) and a JDK
 * HttpClient pinned to the fingerprint its signed metadata carries.
 */
public final class TestNode implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();
  public static final Duration TIMEOUT = Duration.ofSeconds(20);

  public final NodeIdentity identity;
  public final NodeRuntime runtime;
  public final HttpClient client;
  public final String base;

  private TestNode(NodeIdentity identity, NodeRuntime runtime) {
    this.identity = identity;
    this.runtime = runtime;
    this.client =
        HttpClient.newBuilder()
            .sslContext(PinnedTls.context(runtime.metadata().tlsFingerprint()))
            .connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.base = "https://127.0.0.1:" + runtime.port();
  }

  public static TestNode start(NodeConfig config, NodeIdentity identity, Clock clock)
      throws Exception {
    return new TestNode(identity, NodeRuntime.start(config, identity, clock));
  }

  public static TestNode start(NodeConfig config, Clock clock) throws Exception {
    return start(config, NodeIdentity.generate(List.of(), clock), clock);
  }

  public URI uri(String path) {
    return URI.create(base + path);
  }

  public HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<byte[]> post(String path, byte[] body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  public HttpResponse<byte[]> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build());
  }

  public static JsonNode json(HttpResponse<byte[]> r) {
    assertThat(r.headers().firstValue("Content-Type"))
        .as("content type of %s", r.uri())
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/json"));
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(
          "not JSON: " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), e);
    }
  }

  /**
   * The documented error shape: exactly {"error": code, "message": one sentence}, with the status.
   */
  public static void assertError(
      HttpResponse<byte[]> r, int status, String code, String messageFragment) {
    String what =
        r.request().method()
            + " "
            + r.uri().getPath()
            + " -> "
            + r.statusCode()
            + " "
            + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(r.statusCode()).as(what).isEqualTo(status);
    JsonNode body = json(r);
    List<String> fields = new java.util.ArrayList<>();
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      fields.add(it.next());
    }
    assertThat(fields).as(what).containsExactlyInAnyOrder("error", "message");
    assertThat(body.get("error").asText()).as(what).isEqualTo(code);
    assertThat(body.get("message").isTextual()).as(what).isTrue();
    assertThat(body.get("message").asText()).as(what).isNotBlank().contains(messageFragment);
  }

  /** A 200 with a binary body. */
  public static byte[] ok(HttpResponse<byte[]> r) {
    assertThat(r.statusCode())
        .as(
            "%s %s -> %s",
            r.request().method(),
            r.uri().getPath(),
            new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(200);
    return r.body();
  }

  @Override
  public void close() {
    runtime.close(); // HttpClient.close() is JDK 21+; the client's threads end with it being
    // unreachable
  }
}
